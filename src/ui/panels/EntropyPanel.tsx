/** Entropy: the normalised posterior entropy H of every method against iteration, with the hybrid's τ. */
import { useRef } from 'react';
import { useStore } from '../../state/store';
import { pendingKind } from '../../state/run-data';
import { field } from '../../state/rows';
import { fixed } from '../format';
import { Panel, markBusy, usePanelChart } from '../Panel';
import { PANEL_NAME } from './panel-table';
import { createSeriesChart } from '../plot/series-chart';
import { Tex } from '../Tex';
import { methodSeries, switchMarkers, xExtent } from './series-data';
import { themeColour } from '../theme';

export function EntropyPanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  usePanelChart(PANEL_NAME.entropy, figure, () => {
    const chart = createSeriesChart(body.current!);
    return {
      draw() {
        const { run, config } = useStore.getState();
        const pending = pendingKind(run, config.it);
        if (run.header) {
          const H = field('entropy');
          const series = methodSeries(run, config.it, 'iterations', H);
          const hasHybrid = config.methods.includes('hybrid');
          chart.draw({
            series,
            xDomain: xExtent(series, 10),
            yDomain: [0, 1],
            cursorX: config.it,
            xLabel: 'iteration',
            yLabel: 'H (normalised entropy)',
            refLines: hasHybrid ? [{ y: config.tau, label: `τ = ${fixed(config.tau, 3)}`, colour: themeColour('--tau-line') }] : [],
            markers: switchMarkers(run, config.it, 'iterations', H),
            hoverY: (v) => fixed(v, 4),
          });
        }
        return markBusy(figure.current, pending !== 'none', pending === 'deferred');
      },
      dispose: chart.dispose,
    };
  });
  return (
    <Panel ref={figure} name={PANEL_NAME.entropy} className="panel-entropy" caption={<EntropyCaption />}>
      <div ref={body} className="panel-body" />
    </Panel>
  );
}

function EntropyCaption() {
  const tau = useStore((s) => s.config.tau);
  const burn = useStore((s) => s.config.burn);
  return (
    <>
      <Tex tex={String.raw`H=-\tfrac{1}{N\ln 2}\sum_n\big[r_n\ln r_n+(1-r_n)\ln(1-r_n)\big]`} /> is 0 when every point is certain of its
      component and 1 when none is. The hybrid runs EM for {burn} burn-in iterations, then switches to ECG (▲) once H &gt; τ ={' '}
      {fixed(tau, 3)}.
    </>
  );
}
