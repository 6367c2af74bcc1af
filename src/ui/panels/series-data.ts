/** Turning the run's traces into chart series (up to the cursor), shared by the time-series panels. */
import { methodLabel } from '../../experiment/codec';
import { rowAt, strideOf } from '../../state/run-data';
import type { MethodTrace, RunState, XAxis } from '../../state/store';
import { STEP_KINDS } from '../../engine/step-kinds';
import { COL } from '../../worker/protocol';
import { METHOD_STYLE } from '../palette';
import type { PointMarker, Series } from '../plot/series-chart';

/** Rows of `t` shown at cursor `it`: up to the cursor, or everything there is while pending. */
export const shownRows = (t: MethodTrace, it: number): number => {
  const r = rowAt(t, it);
  return r < 0 ? t.count : r + 1;
};

export function xAccessor(run: RunState, t: MethodTrace, xAxis: XAxis): (i: number) => number {
  if (xAxis === 'iterations') return (i) => i;
  const stride = strideOf(run);
  return (i) => t.buf[i * stride + COL.evaluations];
}

export function methodSeries(
  run: RunState,
  it: number,
  xAxis: XAxis,
  value: (t: MethodTrace, i: number) => number,
): Series[] {
  return run.traces.map((t) => {
    const st = METHOD_STYLE[t.method];
    return {
      key: t.method,
      label: methodLabel(t.method),
      colour: st.colour,
      dash: st.dash,
      n: shownRows(t, it),
      x: xAccessor(run, t, xAxis),
      y: (i: number) => value(t, i),
      head: true,
    };
  });
}

export const column =
  (run: RunState, col: number) =>
  (t: MethodTrace, i: number): number =>
    t.buf[i * strideOf(run) + col];

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

const CG_CODE = STEP_KINDS.indexOf('cg');

/** Rows (up to n) where the hybrid took its first ECG step after an EM step. */
export function hybridSwitches(run: RunState, t: MethodTrace, n: number): number[] {
  const stride = strideOf(run);
  const out: number[] = [];
  for (let i = 1; i < n; i++) {
    const prev = t.buf[(i - 1) * stride + COL.step];
    const cur = t.buf[i * stride + COL.step];
    if (cur === CG_CODE && prev !== CG_CODE) out.push(i);
  }
  return out;
}

export function switchMarkers(
  run: RunState,
  it: number,
  xAxis: XAxis,
  yOf: (t: MethodTrace, i: number) => number,
): PointMarker[] {
  const t = run.traces.find((r) => r.method === 'hybrid');
  if (!t) return [];
  const n = shownRows(t, it);
  const x = xAccessor(run, t, xAxis);
  return hybridSwitches(run, t, n).map((i) => ({
    x: x(i),
    y: yOf(t, i),
    colour: METHOD_STYLE.hybrid.colour,
    title: `Hybrid switched from EM to ECG at iteration ${i}`,
  }));
}
