/**
 * The shared start θ⁰ of a race, and the sample moments it (and the variance floor) is built from.
 */
import { hypot } from './detmath';
import { minEigenSym2 } from './linalg';
import { randomInt, randomLcg } from 'd3';
import type { RaceSpec, StartSpec } from './spec';
import type { Dim, Theta } from './types';

/** Sample mean: [x̄] (1D) or [x̄, ȳ] (2D). */
export function sampleMean(data: Float64Array, dim: Dim): Float64Array {
  const n = data.length / dim;
  const m = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) m[j] += data[i * dim + j];
  return m.map((s) => s / n);
}

/** ML sample covariance (divisor n), two-pass: [v] (1D) or vech [sxx, sxy, syy] (2D). */
export function sampleCovariance(data: Float64Array, dim: Dim): Float64Array {
  const n = data.length / dim;
  const m = sampleMean(data, dim);
  if (dim === 1) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[i] - m[0]) ** 2;
    return Float64Array.of(s / n);
  }
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = data[2 * i] - m[0];
    const dy = data[2 * i + 1] - m[1];
    xx += dx * dx;
    xy += dx * dy;
    yy += dy * dy;
  }
  return Float64Array.of(xx / n, xy / n, yy / n);
}

/** The data's variance scale: the sample variance (1D) or the smallest eigenvalue of the sample covariance (2D). */
export function sampleVariance(data: Float64Array, dim: Dim): number {
  const c = sampleCovariance(data, dim);
  if (dim === 1) return c[0];
  return Math.max(0, minEigenSym2(c[0], c[1], c[2]));
}

/** The absolute variance floor: state.floor relative to the data's variance scale. */
export const varianceFloor = (s: Pick<RaceSpec, 'floor' | 'dim'>, data: Float64Array): number => s.floor * sampleVariance(data, s.dim);

/**
 * The init stream's d3 LCG, seeded from a bijective 32-bit scramble of the init seed. d3's LCG
 * walks one cycle, and seed and init both default to 1: unscrambled, the init stream would replay
 * the data stream's u_n.
 */
function initSource(init: number): () => number {
  return randomLcg(Math.imul(init ^ 0x5bd1e995, 0x9e3779b1) >>> 0);
}

/** How many re-draws before giving up on finding two distinct points (only degenerate data gets here). */
const MAX_REDRAWS = 1000;

/**
 * The indices of the two data points the start means sit on, drawn from the init seed only (the
 * data seed cannot change them). The second is re-drawn while it lies within 1e-3 sample sd of
 * the first, so the start is never symmetric.
 */
export function startIndices(init: number, data: Float64Array, dim: Dim): [number, number] {
  const n = data.length / dim;
  if (n < 2) throw new RangeError(`initialTheta needs at least 2 data points, got ${n}`);
  const pick = randomInt.source(initSource(init))(0, n);
  const c = sampleCovariance(data, dim);
  const minDist = 1e-3 * Math.sqrt(dim === 1 ? c[0] : (c[0] + c[2]) / 2);
  const dist = (i: number, j: number) =>
    dim === 1 ? Math.abs(data[i] - data[j]) : hypot(data[2 * i] - data[2 * j], data[2 * i + 1] - data[2 * j + 1]);
  const i = pick();
  let j = pick();
  for (let k = 0; k < MAX_REDRAWS && (j === i || dist(i, j) < minDist); k++) j = pick();
  return [i, j];
}

/**
 * θ⁰: state.start when given; otherwise π = 0.5, means on two distinct data points drawn with
 * the init seed, and both covariances equal to the sample covariance of all the data.
 */
export function initialTheta(state: StartSpec, data: Float64Array): { theta: Theta; source: 'seed' | 'explicit' } {
  if (state.start) return { theta: Float64Array.from(state.start), source: 'explicit' };
  const { dim } = state;
  const [i, j] = startIndices(state.init, data, dim);
  const c = sampleCovariance(data, dim);
  const theta =
    dim === 1
      ? Float64Array.of(0.5, data[i], data[j], c[0], c[0])
      : Float64Array.of(0.5, data[2 * i], data[2 * i + 1], data[2 * j], data[2 * j + 1], ...c, ...c);
  return { theta, source: 'seed' };
}
