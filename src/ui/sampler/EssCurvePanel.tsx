/**
 * Effective draws per pass against separation, every sampler, from short runs on the same data draws
 * (the worker fills it in the background, like the λ_max curve), with each crossover marked — where a
 * marginal sampler stops beating DA Gibbs (experiment/crossover.ts) — and the current separation.
 */
import { useRef } from 'react';
import { CURVE_DRAWS } from '../../experiment/chains-spec';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { sampleCurrent, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { PENDING } from '../article/bindings';
import { isNum } from '../format';
import { markBusy, Panel } from '../Panel';
import { PANEL_NAME } from '../panels/panel-table';
import { pow10Label } from '../plot/frame';
import { createSeriesChart, type PointMarker, type Series } from '../plot/series-chart';
import { setText } from '../set-text';
import { MARGINAL, crossoverText, curveCrossovers, type MarginalId } from './crossovers';
import { rate } from './sampler-format';
import { SAMPLER_STYLE } from './sampler-style';
import { useSamplerChart } from './useSamplerChart';

const NAME = PANEL_NAME.essCurve;
export function EssCurvePanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useSamplerChart(NAME, figure, () => {
    const chart = createSeriesChart(body.current!, { top: 16, right: 12, bottom: 34, left: 46 });
    return {
      key: () => String(useStore.getState().config.sep),
      draw() {
        const run = useSampleRun.getState();
        const { sep } = useStore.getState().config;
        if (!sampleCurrent(run)) return markBusy(figure.current, true);
        const pts = [...run.curve].sort((a, b) => a.sep - b.sep);
        const logOf = (v: number | null | undefined) => (isNum(v) && v > 0 ? Math.log10(v) : NaN);
        const series: Series[] = run.header.samplers.map((s) => ({
          key: s,
          label: SAMPLER_LABELS[s],
          colour: SAMPLER_STYLE[s].colour,
          dash: SAMPLER_STYLE[s].dash,
          n: pts.length,
          x: (i) => pts[i].sep,
          y: (i) => logOf(pts[i].essPerPass[s]),
          head: false,
        }));
        const logs = pts.flatMap((p) => Object.values(p.essPerPass).map(logOf)).filter(Number.isFinite);
        const lo = logs.length ? Math.floor(Math.min(...logs)) : -3;
        const crossings = curveCrossovers(run.curve, run.curveTotal, run.header.samplers);
        const markers: PointMarker[] = [];
        for (const [s, c] of crossings ?? []) {
          if (c.kind !== 'at') continue;
          // On Gibbs' curve, where the two meet.
          const i = pts.findIndex((p) => p.sep >= c.sep);
          const [a, b] = [pts[Math.max(0, i - 1)], pts[i]];
          const t = b.sep === a.sep ? 0 : (c.sep - a.sep) / (b.sep - a.sep);
          const yv = (1 - t) * logOf(a.essPerPass.gibbs) + t * logOf(b.essPerPass.gibbs);
          markers.push({
            x: c.sep,
            y: yv,
            colour: SAMPLER_STYLE[s].colour,
            title: `${SAMPLER_LABELS[s]} beats DA Gibbs ${crossoverText(c)}`,
          });
        }
        chart.draw({
          series,
          xDomain: [0, 6.5],
          yDomain: [lo, 0.3],
          cursorX: sep,
          markers,
          xLabel: 'separation (σ)',
          yLabel: 'effective draws per pass',
          xTicks: 6,
          yTickValues: Array.from({ length: -lo + 1 }, (_, k) => lo + k),
          yFormat: pow10Label,
          hoverX: (v) => `separation ${v.toFixed(2)} σ`,
          hoverY: (v) => rate(10 ** v),
        });
        list.current?.querySelectorAll<HTMLElement>('[data-crossover]').forEach((el) => {
          setText(el, crossings ? crossoverText(crossings.get(el.dataset.crossover as MarginalId) ?? null) : PENDING);
        });
        // Busy while the curve fills in (without DA Gibbs there are no crossovers to wait for).
        return markBusy(figure.current, run.curveTotal === 0 || run.curve.length < run.curveTotal);
      },
      dispose: chart.dispose,
    };
  });
  const samplers = useStore((s) => s.config.samplers);
  const marginal = MARGINAL.filter((s) => samplers.includes(s));
  return (
    <Panel ref={figure} name={NAME} className="panel-ess-curve" caption={<Caption />}>
      <div ref={body} className="panel-body" />
      {samplers.includes('gibbs') && (
        <ul ref={list} className="crossover-list" aria-label="Where each marginal sampler beats DA Gibbs">
          {marginal.map((s) => (
            <li key={s}>
              {SAMPLER_LABELS[s]} beats Gibbs <span data-crossover={s}>{PENDING}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Caption() {
  const got = useSampleRun((s) => `${s.curve.length} of ${s.curveTotal || PENDING}`);
  return (
    <>
      Short runs at each separation ({CURVE_DRAWS} draws × 4 chains per sampler, so ±15 % or so; separations computed: {got}), the same data
      draws as the slider’s. ▲ where a marginal sampler and DA Gibbs draw equally many effective samples per pass (interpolated in the log
      of their ratio); vertical line: the current separation.
    </>
  );
}
