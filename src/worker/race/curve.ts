/** λ_max at θ* against separation (the spectrum panel's curve), one separation per unit of work. */
import { lambdaCurve } from '../../engine/lambda-curve';
import { CURVE_SEPS, curveValues } from '../../experiment/curve-seps';
import type { LambdaPoint } from '../protocol';
import type { Job } from './job';

export { CURVE_SEPS };

/** The curve depends on the data keys only (codec.ts curveKey): cached by that key, across jobs. */
const curveCache = new Map<string, LambdaPoint[]>();

/** The job's curve so far (shared with every job of the same curve key). */
export const curveOf = (j: Job): LambdaPoint[] => curveCache.get(j.curveKey) ?? [];

export const curveDone = (j: Job): boolean => curveOf(j).length >= curveValues(j.state.model).length;

/** Computes the curve's next point. */
export function curvePoint(j: Job): void {
  const curve = curveOf(j);
  // Along the separation for the mixture, along the persistence for the HMM (lambdaCurve varies the family's axis).
  const sep = curveValues(j.state.model)[curve.length];
  const [pt] = lambdaCurve(j.state, [sep]);
  const lam = pt?.lambdaMax;
  curve.push({ sep, lambdaMax: typeof lam === 'number' && Number.isFinite(lam) ? lam : NaN });
  curveCache.set(j.curveKey, curve);
}
