/**
 * λ_max(DM) at θ* along one key of the experiment — the separation for the mixture, the persistence
 * for the HMM (the family's curve axis, family-data.ts) — on the same data draws (common random
 * numbers: only the truth moves) and the same start rule. The curve behind "EM crawls when the
 * components overlap" (and, for the HMM, "time helps").
 */
import { familyOf } from './families';
import { computeOptimum } from './optimum';
import type { RaceSpec } from './spec';

export interface LambdaPoint {
  /** The value of the curve's axis key (sep, or the HMM's p). */
  sep: number;
  /** null when DM's spectrum is undefined at θ* (degenerate fit). */
  lambdaMax: number | null;
}

export function lambdaAt(spec: RaceSpec): number | null {
  const x = familyOf(spec.model).build(spec);
  const lam = computeOptimum(x.model, x.init, x.truth).eigenvalues[0];
  return Number.isFinite(lam) ? lam : null;
}

/** λ_max at each value of the family's curve axis, every other key as in `spec`. */
export function lambdaCurve(spec: RaceSpec, values: readonly number[]): LambdaPoint[] {
  const axis = familyOf(spec.model).curveAxis;
  return values.map((v) => ({ sep: v, lambdaMax: lambdaAt({ ...spec, [axis]: v }) }));
}
