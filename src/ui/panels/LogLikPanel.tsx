/**
 * Log-likelihood: L (top) and the gap log₁₀(L* − L) (bottom) of every method, against iterations
 * or against E-step evaluations (the paper's cost unit). Hybrid switches are marked (▲), gaps
 * below float64 resolution are shaded, and EM's predicted asymptotic slope λ_max² is drawn
 * through EM's current point.
 */
import { useRef } from 'react';
import { setView } from '../../state/actions';
import { pendingKind, traceOf } from '../../state/run-data';
import { useStore, type MethodTrace, type XAxis } from '../../state/store';
import { field } from '../../state/rows';
import { fixed, logLik, sci } from '../format';
import { Panel, markBusy, usePanelChart } from '../Panel';
import { PANEL_NAME } from './panel-table';
import { pow10Label } from '../plot/frame';
import { createSeriesChart } from '../plot/series-chart';
import { Tex } from '../Tex';
import { methodSeries, shownRows, switchMarkers, xExtent } from './series-data';

/** Gaps are plotted as log₁₀ and floored here (≤ 0 means "at L*" to float64 precision). */
const LOG_FLOOR = -15;

/** Absolute gap below which L* − L is float64 rounding, not convergence. */
export const noiseLevel = (Lstar: number): number => Math.max(1e-12, 64 * Number.EPSILON * Math.abs(Lstar));

export function LogLikPanel() {
  const figure = useRef<HTMLElement>(null);
  const topBody = useRef<HTMLDivElement>(null);
  const gapBody = useRef<HTMLDivElement>(null);
  usePanelChart(PANEL_NAME.loglik, figure, () => {
    const top = createSeriesChart(topBody.current!, { bottom: 14, top: 20 });
    const gap = createSeriesChart(gapBody.current!);
    return {
      draw() {
        const { run, config, view } = useStore.getState();
        const pending = pendingKind(run, config.it);
        const h = run.header;
        if (h) {
          const Lstar = h.optimum.logLik;
          const L = field('logLik');
          const logGap = (t: MethodTrace, i: number) => {
            const g = Lstar - L(t, i);
            return g > 0 ? Math.max(LOG_FLOOR, Math.log10(g)) : LOG_FLOOR;
          };
          const xLabel = view.xAxis === 'iterations' ? 'iteration' : 'E-step evaluations';
          const cursorX = view.xAxis === 'iterations' ? config.it : null;

          const sL = methodSeries(run, config.it, view.xAxis, L);
          const xDomain = xExtent(sL, 10);
          let lo = Infinity;
          for (const s of sL) for (let i = 0; i < s.n; i++) lo = Math.min(lo, s.y(i));
          const span = Math.max(1e-6, Lstar - (Number.isFinite(lo) ? lo : Lstar - 1));
          top.draw({
            series: sL,
            xDomain,
            yDomain: [Lstar - span * 1.05, Lstar + span * 0.08],
            cursorX,
            xLabel: '',
            yLabel: 'L (log-likelihood)',
            xTicks: 0,
            yTicks: 3,
            refLines: [{ y: Lstar, label: `L* = ${fixed(Lstar, 3)}`, dash: '2 3' }],
            markers: switchMarkers(run, config.it, view.xAxis, L),
            hoverY: logLik,
            hoverX: (x) => `${xLabel} ${fixed(x, 0)}`,
          });

          const sG = methodSeries(run, config.it, view.xAxis, logGap);
          let hi = -Infinity;
          for (const s of sG) for (let i = 0; i < s.n; i++) hi = Math.max(hi, s.y(i));
          const yTop = Math.max(0, Math.ceil(Number.isFinite(hi) ? hi : 0) + 0.5);
          const noise = Math.log10(noiseLevel(Lstar));
          const em = traceOf(run, 'em');
          const guide =
            em && view.xAxis === 'iterations' ? slopeGuide(h.optimum.eigenvalues[0], logGap, em, shownRows(em, config.it), noise) : null;
          gap.draw({
            series: sG,
            xDomain,
            yDomain: [LOG_FLOOR, yTop],
            cursorX,
            xLabel,
            yLabel: 'L* − L (log scale)',
            yFormat: pow10Label,
            yTickValues: ticksEvery(LOG_FLOOR, yTop, 3),
            guides: guide ? [guide] : [],
            band: { y0: LOG_FLOOR, y1: noise, label: `float64 noise (< ${sci(10 ** noise, 0)})` },
            markers: switchMarkers(run, config.it, view.xAxis, logGap),
            hoverY: (v) => (v <= LOG_FLOOR ? '≤ 1e−15' : sci(10 ** v, 2)),
            hoverX: (x) => `${xLabel} ${fixed(x, 0)}`,
          });
        }
        return markBusy(figure.current, pending !== 'none', pending === 'deferred');
      },
      dispose() {
        top.dispose();
        gap.dispose();
      },
    };
  });
  return (
    <Panel ref={figure} name={PANEL_NAME.loglik} className="panel-loglik" caption={<LogLikCaption />} tools={<XAxisToggle />}>
      <div ref={topBody} className="panel-body panel-body-short" />
      <div ref={gapBody} className="panel-body" />
    </Panel>
  );
}

/**
 * EM's predicted asymptotic gap slope, log₁₀ λ_max² per iteration, drawn through EM's point at
 * the cursor over the preceding iterations (where the trace should lie on it once asymptotic).
 */
function slopeGuide(lambdaMax: number, logGap: (t: MethodTrace, i: number) => number, em: MethodTrace, n: number, noise: number) {
  if (!(lambdaMax > 0 && lambdaMax < 1) || n < 3) return null;
  const x1 = n - 1;
  const y1 = logGap(em, x1);
  if (!(y1 > noise)) return null;
  const slope = 2 * Math.log10(lambdaMax);
  // Long enough to compare slopes, but not more than ~8 decades.
  const x0 = Math.max(0, x1 - Math.min(x1, Math.max(3, 8 / Math.abs(slope))));
  return { x0, y0: y1 - slope * (x1 - x0), x1, y1, label: 'predicted λ²' };
}

function ticksEvery(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(lo / step) * step; k <= hi; k += step) out.push(k);
  return out;
}

function XAxisToggle() {
  const xAxis = useStore((s) => s.view.xAxis);
  const opts: [XAxis, string][] = [
    ['iterations', 'iterations'],
    ['evaluations', 'E-steps'],
  ];
  return (
    <div className="segmented" role="radiogroup" aria-label="x-axis of the log-likelihood plots">
      {opts.map(([v, label]) => (
        <label key={v}>
          <input type="radio" name="xaxis" value={v} checked={xAxis === v} onChange={() => setView({ xAxis: v })} />
          {label}
        </label>
      ))}
    </div>
  );
}

function LogLikCaption() {
  const lam = useStore((s) => (s.run.header ? s.run.header.optimum.eigenvalues[0] : NaN));
  return (
    <>
      Gap to L* (EM's limit, Newton-polished). A straight line is linear convergence; EM's predicted slope is{' '}
      <Tex tex={String.raw`\lambda_{\max}^2`} /> = {fixed(lam * lam, 4)} per iteration (blue band). ▲ hybrid switches to ECG.
    </>
  );
}
