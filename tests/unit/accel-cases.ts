/**
 * Shared cases for the tests of the methods between EM and gradient (accel-*.test.ts): the app's own
 * data, its θ*, and the information matrices there, memoised. λ_max is computed, never assumed: a
 * test picks its separation by the λ_max it needs (`findCase`).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { generateData, truthTheta } from '../../src/engine/data';
import { initialTheta, varianceFloor } from '../../src/engine/init';
import { dmMatrix } from '../../src/engine/linalg';
import { computeOptimum } from '../../src/engine/optimum';
import { createModel } from '../../src/engine/race';
import type { Optimum, TraceRow } from '../../src/engine/trace';
import type { Dim, MixtureModel, Theta } from '../../src/engine/types';
import type { ExperimentState } from '../../src/experiment/state';
import { refSwap } from './mixture-reference';
import { stateWith } from '../query';

export interface Case {
  state: ExperimentState;
  data: Float64Array;
  model: MixtureModel;
  init: Theta;
  optimum: Optimum;
  /** I_oc, I_m, I_o and DM = I_oc⁻¹ I_m at θ*, p×p row-major. */
  ioc: Float64Array;
  im: Float64Array;
  io: Float64Array;
  dm: Float64Array;
  lambdaMax: number;
}

const cases = new Map<string, Case>();

export function setup(dim: Dim, sep: number, seed = 1, n = 1000): Case {
  const key = `${dim}/${sep}/${seed}/${n}`;
  let c = cases.get(key);
  if (!c) {
    const state = stateWith({ dim, sep, seed, n });
    const data = generateData(state);
    const model = createModel(dim, data, varianceFloor(state, data));
    const init = initialTheta(state, data).theta;
    const optimum = computeOptimum(model, init, truthTheta(state));
    const e = model.estep(optimum.theta);
    const ioc = model.completeInfo(e);
    const im = model.missingInfo(optimum.theta);
    const dm = dmMatrix(ioc, im, model.p);
    if (!dm) throw new Error('I_oc is not positive definite at θ*');
    c = { state, data, model, init, optimum, ioc, im, io: ioc.map((x, i) => x - im[i]), dm, lambdaMax: optimum.eigenvalues[0] };
    cases.set(key, c);
  }
  return c;
}

/** The first (sep, seed) of the lists whose λ_max lies in [lo, hi]. */
export function findCase(dim: Dim, seps: number[], lo: number, hi: number, seeds = [1, 2, 3]): Case {
  for (const seed of seeds)
    for (const sep of seps) {
      const c = setup(dim, sep, seed);
      if (c.lambdaMax >= lo && c.lambdaMax <= hi && c.optimum.degenerate === null) return c;
    }
  throw new Error(`no case in seps ${seps.join(', ')} × seeds ${seeds.join(', ')} has λ_max in [${lo}, ${hi}] (${dim}D)`);
}

/** θ − θ*, after choosing θ's labelling closer to θ*. */
export function alignedErrorVector(dim: Dim, theta: ArrayLike<number>, ref: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(theta, (x, i) => x - ref[i]);
  const b = Float64Array.from(refSwap(dim, theta), (x, i) => x - ref[i]);
  const n2 = (v: Float64Array) => v.reduce((s, x) => s + x * x, 0);
  return n2(a) <= n2(b) ? a : b;
}

/** ‖v‖ in the metric of a symmetric positive-definite p×p matrix W: √(vᵀWv). */
export function weightedNorm(v: ArrayLike<number>, w: Float64Array): number {
  const p = v.length;
  let s = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += v[i] * w[i * p + j] * v[j];
  return Math.sqrt(s);
}

/** Spectral radius of a general p×p row-major matrix (ml-matrix's general eigen-solver). */
export function spectralRadius(a: Float64Array, p: number): number {
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m.set(i, j, a[i * p + j]);
  const evd = new EigenvalueDecomposition(m);
  return Math.max(...evd.realEigenvalues.map((re, i) => Math.hypot(re, evd.imaginaryEigenvalues[i])));
}

export const last = <T>(xs: readonly T[]): T => xs[xs.length - 1];

/** Median of the ratios x_{k+1}/x_k over the k with both inside [lo, hi], and how many there were. */
export function windowMedian(xs: readonly number[], lo: number, hi: number): { median: number; count: number } {
  const r: number[] = [];
  for (let k = 0; k + 1 < xs.length; k++) if (xs[k] > lo && xs[k] < hi && xs[k + 1] > lo && xs[k + 1] < hi) r.push(xs[k + 1] / xs[k]);
  r.sort((a, b) => a - b);
  const m = r.length >> 1;
  return { median: r.length === 0 ? NaN : r.length % 2 ? r[m] : (r[m - 1] + r[m]) / 2, count: r.length };
}

/** ‖θ_k − θ*‖ along a trace in the I_oc(θ*) metric, labels aligned, and in the Euclidean one. */
export function errors(c: Case, rows: readonly TraceRow[]): { ioc: number[]; euclid: number[] } {
  const dim = c.state.dim;
  const v = rows.map((r) => alignedErrorVector(dim, r.theta, c.optimum.theta));
  return { ioc: v.map((x) => weightedNorm(x, c.ioc)), euclid: v.map((x) => Math.hypot(...x)) };
}
