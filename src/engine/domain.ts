/**
 * Where a mixture θ is a valid point: finite, the weight strictly inside (0, 1), every variance (1D)
 * or covariance eigenvalue (2D) positive and not below the variance floor. One rule for the model's
 * own domainError, the race's start and the URL codec (which must never accept a start the engine
 * then refuses); small on purpose, so the codec can use it without pulling in the model.
 */
import { generateData } from './data';
import { varianceFloor } from './init';
import { minEigenSym2 } from './linalg';
import { short } from './short';
import type { DataSpec, RaceSpec } from './spec';
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

/** The absolute variance floor of an experiment's data, for the few experiments decoded last (the codec decodes the same state repeatedly). */
const floors = new Map<string, number>();
function dataFloor(spec: DataSpec & Pick<RaceSpec, 'floor'>): number {
  const key = [spec.dim, spec.n, spec.sep, spec.w, spec.vr, spec.aspect, spec.rot, spec.seed, spec.floor].join();
  let floor = floors.get(key);
  if (floor === undefined) {
    floor = varianceFloor(spec, generateData(spec));
    if (floors.size >= 8) floors.delete(floors.keys().next().value!);
    floors.set(key, floor);
  }
  return floor;
}

/** Why the engine would refuse `start` for this experiment's data (its floor is relative to their variance), or null. */
export function startRefusal(spec: DataSpec & Pick<RaceSpec, 'floor'>, start: readonly number[]): string | null {
  const structural = mixtureDomainError(spec.dim, start, 0);
  if (structural) return structural;
  const floor = dataFloor(spec);
  const err = mixtureDomainError(spec.dim, start, floor);
  return err && `${err} for these data`;
}
