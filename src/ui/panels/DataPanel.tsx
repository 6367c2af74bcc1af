/**
 * Data: 1D — histogram with the true components and each method's current (weighted) component
 * densities; 2D — scatter on a canvas coloured by the focus method's responsibilities, with 1σ/2σ
 * ellipses per method and for the truth. The start means are draggable handles (large invisible
 * hit circles); dragging restarts the race from the new start. The chart: data-chart.ts.
 */
import { useRef } from 'react';
import { useSettings } from '../../state/store';
import { fixed, int } from '../format';
import { Panel, usePanelChart } from '../Panel';
import { createDataChart } from './data-chart';
import { PANEL_NAME } from './panel-table';

export function DataPanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  usePanelChart(PANEL_NAME.data, figure, () => createDataChart(figure, body.current!));
  return (
    <Panel ref={figure} name={PANEL_NAME.data} className="panel-data" caption={<DataCaption />}>
      <div ref={body} className="panel-body" />
    </Panel>
  );
}

function DataCaption() {
  const c = useSettings();
  return (
    <>
      N = {int(c.n)}, separation {fixed(c.sep, 2)} σ, π = {fixed(c.w, 2)}.{' '}
      {c.dim === 1
        ? 'Grey dotted: true components; coloured: each method’s components now.'
        : 'Colour: responsibility under the chosen method; ellipses 1σ, 2σ.'}{' '}
      Drag ① ② to move the start.
    </>
  );
}
