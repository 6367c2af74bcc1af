/**
 * Observed linear rates along a trace, to set beside the prediction from DM at θ* (docs/theory.md §4):
 * parameter-error ratio ‖e_{k+1}‖/‖e_k‖ → λ_max, step ratio → λ_max, gap ratio → λ_max².
 * Ratios only mean something in the asymptotic window, far enough from the start and above the
 * float64 floor; we take the median over that window.
 */
import type { Optimum, TraceRow } from './trace';
import type { LatentModel, Theta } from './types';
import { normInf, sub } from './vec';

/** Iterations a linear rate λ needs per decade of parameter error: ln 10 / (−ln λ) (docs/theory.md §4). */
export const itersPerDecade = (lambda: number): number => Math.log(10) / -Math.log(lambda);

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

const inside = (x: number, [lo, hi]: readonly [number, number]) => x > lo && x < hi;

export interface WindowRatio {
  /** Median of x_{k+1}/x_k over the k with both in the window, or null with fewer than minCount such ratios. */
  value: number | null;
  /** First and last iteration the ratios span, or null. */
  window: [number, number] | null;
}

/** The linear rate of a decaying sequence (errors, gaps) measured inside its asymptotic window. */
export function windowRatio(xs: ArrayLike<number>, range: readonly [number, number], minCount = 1): WindowRatio {
  const r: number[] = [];
  let first = -1;
  let last = -1;
  for (let k = 0; k + 1 < xs.length; k++) {
    if (inside(xs[k], range) && inside(xs[k + 1], range)) {
      r.push(xs[k + 1] / xs[k]);
      if (first < 0) first = k;
      last = k + 1;
    }
  }
  return r.length >= minCount ? { value: median(r), window: [first, last] } : { value: null, window: null };
}

export function observedRates(model: Pick<LatentModel, 'swapLabels'>, rows: readonly TraceRow[], optimum: Optimum): ObservedRates {
  // The parameter error after aligning the labels to θ* (the likelihood cannot tell them apart).
  const aligned = (t: Theta) => Math.min(normInf(sub(t, optimum.theta)), normInf(sub(model.swapLabels(t), optimum.theta)));
  const err = rows.map((r) => aligned(r.theta));
  const gap = rows.map((r) => optimum.logLik - r.logLik);
  const steps = rows.slice(1).map((r, k) => normInf(sub(r.theta, rows[k].theta)));
  const step: number[] = [];
  for (let k = 1; k + 1 < rows.length; k++) {
    if (inside(err[k], ERROR_WINDOW) && inside(err[k + 1], ERROR_WINDOW) && steps[k - 1] > 0) step.push(steps[k] / steps[k - 1]);
  }
  return { paramRatio: windowRatio(err, ERROR_WINDOW).value, stepRatio: median(step), gapRatio: windowRatio(gap, GAP_WINDOW).value };
}
