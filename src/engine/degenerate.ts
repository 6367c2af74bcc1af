/** Degenerate fits, detected the same way for the optimum and for every method's run. */
import { minEigenSym2 } from './linalg';
import { stop } from './stop';
import type { MixtureEStep, MixtureModel, StopReason, Theta } from './types';

/** Smallest variance (1D) or covariance eigenvalue (2D) of component k. */
export function minVariance(dim: 1 | 2, t: Theta, k: 0 | 1): number {
  if (dim === 1) return t[3 + k];
  const o = 5 + 3 * k;
  return minEigenSym2(t[o], t[o + 1], t[o + 2]);
}

/** True when both components are identical: they get identical responsibilities and never separate. */
export function symmetricComponents(dim: 1 | 2, t: Theta): boolean {
  const comp = (k: 0 | 1) => (dim === 1 ? [t[1 + k], t[3 + k]] : [t[1 + 2 * k], t[2 + 2 * k], ...t.subarray(5 + 3 * k, 8 + 3 * k)]);
  const a = comp(0);
  const b = comp(1);
  return a.every((x, i) => Math.abs(x - b[i]) <= 1e-12 * Math.max(1, Math.abs(x)));
}

/** A component that emptied (fewer than D+1 effective points) or whose variance reached the floor. */
export function collapse(model: Pick<MixtureModel, 'dim' | 'varianceFloor'>, e: MixtureEStep): StopReason | null {
  const { dim, varianceFloor: floor } = model;
  for (const k of [0, 1] as const) {
    const R = k === 0 ? e.R1 : e.R2;
    const v = minVariance(dim, e.theta, k);
    if (R < dim + 1) {
      // Few points and a variance far below the other component's: it is sitting on those points.
      const narrow = v < 1e-3 * minVariance(dim, e.theta, k === 0 ? 1 : 0);
      return stop(
        'collapse',
        narrow
          ? `component ${k + 1} collapsed onto ${R.toPrecision(3)} effective points with variance ${v.toPrecision(3)}, where the likelihood is unbounded`
          : `component ${k + 1} emptied: it holds ${R.toPrecision(6)} effective points, fewer than the ${dim + 1} needed to identify its mean and variance`,
      );
    }
    if (floor > 0 && v <= floor * (1 + 1e-6))
      return stop(
        'collapse',
        `component ${k + 1}'s variance hit the floor ${floor.toPrecision(3)}: it is shrinking onto a few points, where the likelihood is unbounded`,
      );
  }
  return null;
}
