/**
 * Where a mixture θ is a valid point: finite, the weight strictly inside (0, 1), every variance (1D)
 * or covariance eigenvalue (2D) positive and not below the variance floor. One rule for the model's
 * own domainError, the race's start and the URL codec (which must never accept a start the engine
 * then refuses); small on purpose, so the codec can use it without pulling in the model.
 */
import { minEigenSym2 } from './linalg';
import { short } from './short';
import type { Dim } from './types';

/** Relative slack below the floor: the M-step returns exactly the floor, which must stay valid after rounding. */
const FLOOR_SLACK = 1e-9;

export function mixtureDomainError(dim: Dim, t: ArrayLike<number>, floor: number): string | null {
  const p = dim === 1 ? 5 : 11;
  if (t.length !== p) return `expected ${p} numbers for ${dim}D, got ${t.length}`;
  for (let i = 0; i < p; i++) if (!Number.isFinite(t[i])) return `value ${i + 1} is not a finite number`;
  if (!(t[0] > 0 && t[0] < 1)) return `weight π = ${short(t[0])} is not strictly between 0 and 1`;
  const below = (v: number) => floor > 0 && v < floor * (1 - FLOOR_SLACK);
  if (dim === 1) {
    for (const k of [1, 2]) {
      const v = t[2 + k];
      if (!(v > 0)) return `variance v${k} = ${short(v)} is not positive`;
      if (below(v)) return `variance v${k} = ${short(v)} is below the floor ${short(floor)}`;
    }
    return null;
  }
  for (const k of [1, 2]) {
    const o = 2 + 3 * k;
    const [a, b, c] = [t[o], t[o + 1], t[o + 2]];
    if (!(a > 0 && c > 0 && a * c - b * b > 0)) return `covariance Σ${k} is not positive definite`;
    const lmin = minEigenSym2(a, b, c);
    if (below(lmin)) return `covariance Σ${k} has smallest eigenvalue ${short(lmin)}, below the floor ${short(floor)}`;
  }
  return null;
}

/** Where an HMM θ = [a11, a22, μ1, μ2, v1, v2] is valid: finite, stay probabilities inside (0, 1), variances above the floor. */
export function hmmDomainError(t: ArrayLike<number>, floor: number): string | null {
  if (t.length !== 6) return `expected 6 numbers for the HMM, got ${t.length}`;
  for (let i = 0; i < 6; i++) if (!Number.isFinite(t[i])) return `value ${i + 1} is not a finite number`;
  for (const k of [1, 2]) {
    const a = t[k - 1];
    if (!(a > 0 && a < 1)) return `stay probability a${k}${k} = ${short(a)} is not strictly between 0 and 1`;
  }
  for (const k of [1, 2]) {
    const v = t[3 + k];
    if (!(v > 0)) return `variance v${k} = ${short(v)} is not positive`;
    if (floor > 0 && v < floor * (1 - FLOOR_SLACK)) return `variance v${k} = ${short(v)} is below the floor ${short(floor)}`;
  }
  return null;
}
