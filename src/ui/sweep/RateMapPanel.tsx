/**
 * "Rate map": λ_max at θ* over separation × weight (or × variance ratio), computed with the sweep on
 * the worker pool, with a probe at the live experiment. Dragging the probe (or moving it with the
 * arrow keys) sets the experiment's separation and weight (or variance ratio) through the same
 * action as the sliders, so the race above follows it.
 */
import { useEffect, useRef } from 'react';
import { setConfig } from '../../state/actions';
import { useStore } from '../../state/store';
import { useSweepStore } from '../../state/sweep-store';
import { MAP_RANGE } from '../../experiment/sweep/spec';
import { int } from '../format';
import { markBusy, Panel } from '../Panel';
import { LEGEND_LAMBDAS, drawRateMap, lambdaColour, type Probe, type ProbeCommit } from './rate-map';
import { useWidth } from './useWidth';

const HEIGHT = 300;

export function RateMapPanel() {
  const figure = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [body, width] = useWidth<HTMLDivElement>();
  const version = useSweepStore((s) => s.version);
  const { mapPlan, map, status, plan } = useSweepStore.getState();
  const specAxis = useSweepStore((s) => s.spec.map);
  const axis = mapPlan?.axis ?? specAxis;
  const sep = useStore((s) => s.config.sep);
  const value = useStore((s) => s.config[axis]);

  useEffect(() => {
    const id = requestAnimationFrame(() => {
      if (!svg.current || !mapPlan || width <= 0) return;
      const onProbe = (p: Probe, commit: ProbeCommit) => setConfig({ sep: p.sep, [mapPlan.axis]: p.value }, commit);
      drawRateMap(
        svg.current,
        { seps: mapPlan.seps, values: mapPlan.values, axis: mapPlan.axis, lambda: map },
        { sep, value },
        width,
        HEIGHT,
        { onProbe },
      );
    });
    return () => cancelAnimationFrame(id);
  }, [mapPlan, map, version, sep, value, width]);

  const pending = map.some((l) => l === undefined);
  useEffect(() => {
    markBusy(figure.current, status === 'running' && pending);
  }, [status, pending, version]);

  const range = MAP_RANGE[axis];
  const caption = mapPlan ? (
    <>
      λ_max, EM’s linear rate, at θ* on one data set per point (N = {int(plan?.spec.n)}, the experiment’s data seed) over separation ×{' '}
      {range.label}: the darker, the faster EM; each colour step is ten times slower (λ_max = 0.9, 0.99, 0.999). Drag the probe, or focus it
      and use the arrow keys, to move the live experiment there.
    </>
  ) : (
    'Press Run sweep: λ_max over separation × weight (or variance ratio), with a probe that sets the live experiment.'
  );

  return (
    <Panel ref={figure} name="Rate map" caption={caption} className="sweep-panel">
      <ul className="sweep-legend rate-legend" aria-label="Rate map colours">
        {LEGEND_LAMBDAS.map((l) => (
          <li key={l}>
            <span className="rate-swatch" style={{ background: lambdaColour(l) }} aria-hidden="true" />
            λ_max {l === 0 ? '0' : l}
          </li>
        ))}
      </ul>
      <div ref={body} className="sweep-chart">
        <svg ref={svg} className="chart rate-map" data-state={mapPlan && !pending ? 'ready' : mapPlan ? 'computing' : 'empty'} />
      </div>
    </Panel>
  );
}
