/**
 * Where a marginal sampler overtakes DA Gibbs: the separation at which their ESS per pass are equal,
 * interpolated linearly in log(ESS ratio) between the curve's separations (as bench/sampler-table.ts
 * does). Below it the marginal sampler draws more effective samples per pass, above it Gibbs does.
 */
import type { SamplerId } from './sampler-list';

export interface EfficiencyPoint {
  readonly sep: number;
  readonly essPerPass: Readonly<Partial<Record<SamplerId, number | null>>>;
}

export type Crossover =
  | { readonly kind: 'at'; readonly sep: number }
  /** Gibbs ahead at every separation computed, or the marginal sampler ahead at every one. */
  | { readonly kind: 'gibbs-everywhere' | 'marginal-everywhere' }
  /** Too few separations with both numbers. */
  | { readonly kind: 'unknown' };

export function crossover(curve: readonly EfficiencyPoint[], sampler: Exclude<SamplerId, 'gibbs'>): Crossover {
  const pts = curve
    .map((p) => ({ sep: p.sep, g: p.essPerPass.gibbs, m: p.essPerPass[sampler] }))
    .filter((p): p is { sep: number; g: number; m: number } => typeof p.g === 'number' && typeof p.m === 'number' && p.g > 0 && p.m > 0)
    .sort((a, b) => a.sep - b.sep)
    .map((p) => ({ sep: p.sep, r: Math.log(p.m / p.g) }));
  if (pts.length < 2) return { kind: 'unknown' };
  // The last place, going up in separation, where the marginal sampler stops being ahead.
  for (let i = pts.length - 1; i > 0; i--) {
    const [a, b] = [pts[i - 1], pts[i]];
    if (a.r > 0 && b.r <= 0) return { kind: 'at', sep: a.sep + ((b.sep - a.sep) * a.r) / (a.r - b.r) };
  }
  return pts.every((p) => p.r <= 0)
    ? { kind: 'gibbs-everywhere' }
    : pts.every((p) => p.r > 0)
      ? { kind: 'marginal-everywhere' }
      : { kind: 'unknown' };
}
