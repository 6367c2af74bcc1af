/**
 * Degenerate HMM fits, the label swap and the symmetric start, mirroring ../degenerate.ts.
 * θ = [a11, a22, μ1, μ2, v1, v2]; stats layout in forward-backward.ts.
 */
import { stop } from '../stop';
import type { EStep, StopReason, Theta } from '../types';

/** Effective time steps a state needs to identify its mean and variance (the mixture's D + 1 in 1-D). */
const MIN_STEPS = 2;

/** A state that emptied (G_k < 2 expected time steps) or whose variance reached the floor. */
export function hmmDegenerate(model: { readonly varianceFloor: number }, e: EStep): StopReason | null {
  const floor = model.varianceFloor;
  for (const k of [0, 1] as const) {
    const G = e.stats[4 + k];
    const v = e.theta[4 + k];
    if (G < MIN_STEPS) {
      const narrow = v < 1e-3 * e.theta[5 - k];
      return stop(
        'collapse',
        narrow
          ? `state ${k + 1} collapsed onto ${G.toPrecision(3)} effective time steps with variance ${v.toPrecision(3)}, where the likelihood is unbounded`
          : `state ${k + 1} emptied: it holds ${G.toPrecision(6)} effective time steps, fewer than the ${MIN_STEPS} needed to identify its mean and variance`,
      );
    }
    if (floor > 0 && v <= floor * (1 + 1e-6))
      return stop(
        'collapse',
        `state ${k + 1}'s variance hit the floor ${floor.toPrecision(3)}: it is shrinking onto a few time steps, where the likelihood is unbounded`,
      );
  }
  return null;
}

/** The same chain with the states renamed: a11 ↔ a22, μ1 ↔ μ2, v1 ↔ v2 (the initial (½, ½) is symmetric). */
export const hmmSwapLabels = (t: Theta): Theta => Float64Array.of(t[1], t[0], t[3], t[2], t[5], t[4]);

/**
 * θ is its own label swap: both states emit the same Gaussian and a11 = a22. Then every γ_t is
 * exactly ½ and stays so under EM — the states never separate. Equal emissions alone are not enough:
 * with a11 ≠ a22 the chain's marginal P(s_t = 1) moves away from ½ over the first steps, that tilt
 * weights the two means differently, and EM does pull them apart.
 */
export function hmmSymmetric(t: Theta): boolean {
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return same(t[0], t[1]) && same(t[2], t[3]) && same(t[4], t[5]);
}
