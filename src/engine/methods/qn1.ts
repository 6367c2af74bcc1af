/**
 * QN1 (Jamshidian & Jennrich 1997; docs/theory.md §11.2): Broyden's method for the root of the EM
 * step g̃(θ) = M(θ) − θ, whose Jacobian at θ* is DM − I:
 *   θ ← θ − A g̃,  A₀ = −I (the first step is EM's),
 *   A ← A + (Δθ − A Δg̃) Δθᵀ A / (Δθᵀ A Δg̃)   (the "good" Broyden update of A ≈ (DM − I)⁻¹).
 * Free coordinates throughout (a step can leave no π outside (0, 1) and no variance below 0; the
 * spectrum is that of DM, §3.3). Safeguard: when the step would lower L or leave the domain, take the
 * EM step instead and reset A = −I; the rejected trial's E-step is counted.
 * Cost: 1 E-step per iteration, 2 when the trial is rejected.
 */
import type { Evaluator } from '../evaluator';
import { stop } from '../stop';
import type { EStep, LatentModel } from '../types';
import { allFinite } from '../vec';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

const minusIdentity = (p: number): Float64Array => {
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) a[i * p + i] = -1;
  return a;
};

/** y = A x for a p×p row-major A. */
const mul = (a: Float64Array, x: Float64Array, p: number): Float64Array => {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) y[i] += a[i * p + j] * x[j];
  return y;
};

/** The good Broyden update of A in place; false (A untouched) when the denominator vanishes. */
export function broydenUpdate(a: Float64Array, dTheta: Float64Array, dG: Float64Array, p: number): boolean {
  const aDg = mul(a, dG, p);
  let den = 0;
  for (let i = 0; i < p; i++) den += dTheta[i] * aDg[i];
  // row vector Δθᵀ A
  const tA = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) tA[j] += dTheta[i] * a[i * p + j];
  if (!(Math.abs(den) > 1e-300)) return false;
  const next = Float64Array.from(a);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) next[i * p + j] += ((dTheta[i] - aDg[i]) * tA[j]) / den;
  if (!allFinite(next)) return false;
  a.set(next);
  return true;
}

export interface Qn1Options {
  /** The EM fallback and the reset of A when a step would lower L (off only to measure what it is worth). */
  readonly fallback: boolean;
}

export function qn1Stepper(model: LatentModel, ev: Evaluator, e0: EStep, { fallback }: Qn1Options = { fallback: true }) {
  const p = model.p;
  let e = e0;
  let phi = model.toFree(e.theta);
  /** The EM step in free coordinates at the current point. */
  const emStep = (at: EStep, from: Float64Array) => {
    const m = model.toFree(model.mstep(at));
    for (let i = 0; i < p; i++) m[i] -= from[i];
    return m;
  };
  let gTilde = emStep(e, phi);
  let a = minusIdentity(p);
  let fresh = true; // A = −I: the trial is the EM point

  return (): StepOutcome => {
    const step = mul(a, gTilde, p).map((x) => -x);
    const x = phi.map((v, i) => v + step[i]);
    let next = ev.atFree(x);
    let kind: 'qn1' | 'em' = 'qn1';
    let moved: Float64Array = x;
    if (!next || (fallback && next.logLik < e.logLik)) {
      if (!fallback && !next) return { e, kind, stop: stop('non-finite', 'the quasi-Newton step left the domain') };
      kind = 'em';
      a = minusIdentity(p);
      if (!(fresh && next)) {
        // the EM point, by the M-step itself (not through free coordinates)
        const mapped = model.mstep(e);
        next = ev.at(mapped);
        if (!next) return { e, kind, stop: stop('non-finite', 'the EM step left the domain') };
        moved = model.toFree(mapped);
      }
      fresh = true;
    }
    const gNew = emStep(next, moved);
    const dTheta = moved.map((v, i) => v - phi[i]);
    const dG = gNew.map((v, i) => v - gTilde[i]);
    if (broydenUpdate(a, dTheta, dG, p)) fresh = false;
    phi = moved;
    gTilde = gNew;
    e = next;
    return { e, kind };
  };
}

export function createQN1(ctx: MethodContext): Optimizer {
  return { step: qn1Stepper(ctx.model, ctx.ev, ctx.start) };
}
