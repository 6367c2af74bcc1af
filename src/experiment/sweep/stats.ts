/**
 * Statistics of a sweep cell with right-censored runs. A run that did not reach the gap within the
 * cap — capped, or stopped for good without reaching it (collapse, another stationary point, …) —
 * is right-censored at the cap: all we know is that it needs more than `cap` E-steps (possibly
 * infinitely many). Such runs are never dropped: they take the top ranks of the sample, and an order
 * statistic that lands on (or interpolates towards) a censored rank is itself only known to be > cap,
 * reported as null.
 *
 * Quantiles interpolate linearly between order statistics (type 7, as d3.quantile and R's default):
 * with n values sorted ascending, the q-quantile is at position h = (n − 1)q between x⌊h⌋ and x⌈h⌉.
 */
import { log } from '../../engine/detmath';

export interface CensoredSummary {
  /** Runs in the cell. */
  readonly n: number;
  /** Runs that reached the gap (uncensored) and runs censored at the cap. */
  readonly reached: number;
  readonly censored: number;
  /** Quartiles and median of the E-steps; null when above the cap (censored). */
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
  /** Smallest and largest uncensored value (null when none reached). */
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of a sample whose uncensored values are `sorted` (ascending) and which
 * has `censored` further values above all of them; null when it depends on a censored value.
 */
export function censoredQuantile(sorted: readonly number[], censored: number, q: number): number | null {
  const n = sorted.length + censored;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  if (hi >= sorted.length) return null; // needs a censored rank (x⌊h⌋ alone when h is whole: then hi = lo)
  return lo === hi ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

/** Summary of one cell's runs: E-steps per replicate, null where censored. */
export function summarise(values: readonly (number | null)[]): CensoredSummary {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const censored = values.length - sorted.length;
  return {
    n: values.length,
    reached: sorted.length,
    censored,
    q1: censoredQuantile(sorted, censored, 0.25),
    median: censoredQuantile(sorted, censored, 0.5),
    q3: censoredQuantile(sorted, censored, 0.75),
    min: sorted.length ? sorted[0] : null,
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/**
 * EM's predicted E-steps to a gap below `tol` from λ_max: asymptotically the gap shrinks by λ_max²
 * per iteration (docs/theory.md §4), so from the start's gap gap₀ = L* − L(θ⁰) it takes
 *   k = log(tol / gap₀) / (2 log λ_max)
 * iterations, ⌈k⌉ of them plus the start's E-step. gap₀ is the whole start gap: it assumes the
 * trajectory is asymptotic from the first step, so the prediction is a rate statement, not an exact
 * count (faster eigen-directions die out sooner; the early nonlinear phase may be faster or slower).
 * null when it is undefined: no λ_max, λ_max ≥ 1 (no linear convergence) or no start gap.
 */
export function predictedEvaluations(lambdaMax: number | null, startGap: number | null, tol: number): number | null {
  if (lambdaMax === null || startGap === null || !(lambdaMax < 1) || !Number.isFinite(startGap)) return null;
  if (startGap <= tol || lambdaMax <= 0) return 2; // one EM step (the race always takes one) after the start's E-step
  const k = log(tol / startGap) / (2 * log(lambdaMax));
  return 1 + Math.max(1, Math.ceil(k));
}
