/**
 * λ_max(DM) at θ* as a function of the separation, on the same data draws (common random numbers:
 * only the truth's means move) and the same start rule. The curve behind "EM crawls when the
 * components overlap".
 */
import type { RaceSpec } from './spec';
import { generateData, truthTheta } from './data';
import { initialTheta, varianceFloor } from './init';
import { computeOptimum } from './optimum';
import { createModel } from './race';

export interface LambdaPoint {
  sep: number;
  /** null when DM's spectrum is undefined at θ* (degenerate fit). */
  lambdaMax: number | null;
}

export function lambdaAt(state: RaceSpec): number | null {
  const data = generateData(state);
  const model = createModel(state.dim, data, varianceFloor(state, data));
  const optimum = computeOptimum(model, initialTheta(state, data).theta, truthTheta(state));
  const lam = optimum.eigenvalues[0];
  return Number.isFinite(lam) ? lam : null;
}

export const lambdaCurve = (state: RaceSpec, seps: readonly number[]): LambdaPoint[] =>
  seps.map((sep) => ({ sep, lambdaMax: lambdaAt({ ...state, sep }) }));
