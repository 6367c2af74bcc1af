/**
 * Observed linear rates along a trace, to set beside the prediction from DM at θ* (em-theory.md §4):
 * parameter-error ratio ‖e_{k+1}‖/‖e_k‖ → λ_max, step ratio → λ_max, gap ratio → λ_max².
 * Ratios only mean something in the asymptotic window, far enough from the start and above the
 * float64 floor; we take the median over that window.
 */
import { alignedError } from './diagnostics';
import type { Optimum, TraceRow } from './trace';
import { normInf, sub } from './vec';

export const ERROR_WINDOW: [number, number] = [1e-10, 1e-4];
export const GAP_WINDOW: [number, number] = [1e-9, 1e-3];

export interface ObservedRates {
  /** Median ‖e_{k+1}‖/‖e_k‖ with ‖e‖ in ERROR_WINDOW (→ λ_max), or null if no row is in the window. */
  paramRatio: number | null;
  /** Median ‖θ_{k+1} − θ_k‖/‖θ_k − θ_{k−1}‖ in the same window (→ λ_max; needs no θ*). */
  stepRatio: number | null;
  /** Median gap_{k+1}/gap_k with the gap in GAP_WINDOW (→ λ_max²). */
  gapRatio: number | null;
}

const median = (xs: number[]): number | null => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

const inside = (x: number, [lo, hi]: [number, number]) => x > lo && x < hi;

export function observedRates(dim: 1 | 2, rows: readonly TraceRow[], optimum: Optimum): ObservedRates {
  const err = rows.map((r) => alignedError(dim, r.theta, optimum.theta));
  const gap = rows.map((r) => optimum.logLik - r.logLik);
  const steps = rows.slice(1).map((r, k) => normInf(sub(r.theta, rows[k].theta)));
  const param: number[] = [];
  const step: number[] = [];
  const gaps: number[] = [];
  for (let k = 0; k + 1 < rows.length; k++) {
    if (inside(err[k], ERROR_WINDOW) && inside(err[k + 1], ERROR_WINDOW)) {
      param.push(err[k + 1] / err[k]);
      if (k >= 1 && steps[k - 1] > 0) step.push(steps[k] / steps[k - 1]);
    }
    if (inside(gap[k], GAP_WINDOW) && inside(gap[k + 1], GAP_WINDOW)) gaps.push(gap[k + 1] / gap[k]);
  }
  return { paramRatio: median(param), stepRatio: median(step), gapRatio: median(gaps) };
}
