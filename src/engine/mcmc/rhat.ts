/**
 * Potential scale reduction R̂ (Gelman & Rubin 1992; Vehtari et al. 2021): √(((n−1)/n·W + B/n)/W) over
 * split chains; the reported R̂ is the larger of the rank-normalised split-R̂ (bulk) and that of the folded
 * draws |x − median| (tails), as Stan's and ArviZ's default. Near 1 when the chains agree; > 1.01 is the
 * usual warning line.
 */
import { fold, rankNormalize, splitChains } from './ranks';

/** R̂ of the chains exactly as given (no splitting, no ranks); null when undefined. */
export function rhatBasic(chains: readonly Float64Array[]): number | null {
  const m = chains.length;
  const n = Math.min(...chains.map((c) => c.length));
  if (m < 2 || n < 2) return null;
  const means = chains.map((c) => c.subarray(0, n).reduce((s, v) => s + v, 0) / n);
  const vars = chains.map((c, i) => c.subarray(0, n).reduce((s, v) => s + (v - means[i]) ** 2, 0) / (n - 1));
  const W = vars.reduce((s, v) => s + v, 0) / m;
  const mm = means.reduce((s, v) => s + v, 0) / m;
  const B = (n * means.reduce((s, v) => s + (v - mm) ** 2, 0)) / (m - 1);
  if (!(W > 0)) return B > 0 ? null : 1; // all chains constant: they agree exactly
  const r = Math.sqrt((((n - 1) / n) * W + B / n) / W);
  return Number.isFinite(r) ? r : null;
}

/** max(bulk, tail) rank-normalised split-R̂. */
export function rhat(chains: readonly Float64Array[]): number | null {
  const bulk = rhatBasic(rankNormalize(splitChains(chains)));
  const tail = rhatBasic(rankNormalize(splitChains(fold(chains))));
  if (bulk === null || tail === null) return bulk ?? tail;
  return Math.max(bulk, tail);
}
