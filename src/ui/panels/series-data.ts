/** Turning the run's traces into chart series (up to the cursor), shared by the time-series panels. */
import { methodLabel } from '../../experiment/codec';
import { field, stepAt, type TraceColumn } from '../../state/rows';
import { rowAt } from '../../state/run-data';
import type { MethodTrace, RunState, XAxis } from '../../state/store';
import { METHOD_STYLE } from '../palette';
import type { PointMarker, Series } from '../plot/series-chart';

/** Rows of `t` shown at cursor `it`: up to the cursor, or everything there is while pending. */
export const shownRows = (t: MethodTrace, it: number): number => {
  const r = rowAt(t, it);
  return r < 0 ? t.count : r + 1;
};

const evaluations = field('evaluations');

export function xAccessor(t: MethodTrace, xAxis: XAxis): (i: number) => number {
  if (xAxis === 'iterations') return (i) => i;
  return (i) => evaluations(t, i);
}

export function methodSeries(run: RunState, it: number, xAxis: XAxis, value: TraceColumn): Series[] {
  return run.traces.map((t) => {
    const st = METHOD_STYLE[t.method];
    return {
      key: t.method,
      label: methodLabel(t.method),
      colour: st.colour,
      dash: st.dash,
      n: shownRows(t, it),
      x: xAccessor(t, xAxis),
      y: (i: number) => value(t, i),
      head: true,
    };
  });
}

/** The next "round" number ≥ v (1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k): axes grow in steps, not every frame. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 3, 4, 5, 6, 8, 10]) if (m * p >= v - 1e-9) return m * p;
  return 10 * p;
}

/** [0, a round number ≥ the largest x shown], at least `min` (so a fresh run has a sensible axis). */
export function xExtent(series: Series[], min: number): [number, number] {
  let m = min;
  for (const s of series) if (s.n > 0) m = Math.max(m, s.x(s.n - 1));
  return [0, niceCeil(m)];
}

/** Rows (up to n) where the hybrid took its first ECG step after an EM step. */
export function hybridSwitches(t: MethodTrace, n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < n; i++) if (stepAt(t, i) === 'cg' && stepAt(t, i - 1) !== 'cg') out.push(i);
  return out;
}

export function switchMarkers(run: RunState, it: number, xAxis: XAxis, yOf: TraceColumn): PointMarker[] {
  const t = run.traces.find((r) => r.method === 'hybrid');
  if (!t) return [];
  const n = shownRows(t, it);
  const x = xAccessor(t, xAxis);
  return hybridSwitches(t, n).map((i) => ({
    x: x(i),
    y: yOf(t, i),
    colour: METHOD_STYLE.hybrid.colour,
    title: `Hybrid switched from EM to ECG at iteration ${i}`,
  }));
}
