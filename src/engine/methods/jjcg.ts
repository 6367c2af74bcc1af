/**
 * EM-preconditioned conjugate gradients (Jamshidian & Jennrich 1993; docs/theory.md §11.1). The EM
 * step g̃ = M(θ) − θ ≈ I_oc⁻¹∇L is a preconditioned gradient; conjugate it:
 *   d₀ = g̃₀,  d_k = g̃_k + β_k d_{k−1},  β_k = −g̃_kᵀ(g_k − g_{k−1}) / d_{k−1}ᵀ(g_k − g_{k−1}),
 * g = ∇L, and move θ_{k+1} = θ_k + α_k d_k by a line search on L that tries α = 1 first. On a
 * quadratic with exact line searches the minus sign makes d_kᵀ I_o d_{k−1} = 0 (Hestenes–Stiefel
 * turned into ascent); with +β the method crawls like EM.
 *
 * Coordinates: free ones (logit π, means, log variances / log-Cholesky), for g̃, g and d alike.
 * Every trial point θ(φ + αd) is then a valid mixture, the line search's log-scale cap applies, and
 * the EM map's Jacobian there is conjugate to DM (same spectrum, docs/theory.md §3.3), so the linear
 * theory holds unchanged. Restart with d = g̃ every p iterations or when dᵀg ≤ 0.
 * Cost: 1 E-step per trial point of the line search (1 per iteration when α = 1 is accepted).
 */
import type { Evaluator } from '../evaluator';
import { stop } from '../stop';
import type { EStep, LatentModel } from '../types';
import { dot } from '../vec';
import { strongWolfe, type LineResult } from './linesearch';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

/** A line search along d from φ (value, gradient at φ given); every trial is one counted E-step. */
export type LineSearch = (ev: Evaluator, phi: Float64Array, e: EStep, g: Float64Array, d: Float64Array) => LineResult | null;

/**
 * Strong Wolfe from α = 1: a well-separated mixture's EM step is nearly a Newton step, so α = 1 passes
 * both tests and the iteration costs one E-step, as EM's does. σ = 0.5 (looser than ECG's 0.1): the
 * EM step's slope at α = 1 is up to λ_max of the slope at 0 (§11.1), and we want to keep that step.
 */
export const emFirstSearch: LineSearch = (ev, phi, e, g, d) => strongWolfe(ev, phi, e, g, d, 1, { sigma: 0.5 });

/** β_k of the JJ-CG direction (0 where the denominator vanishes or the ratio is not finite). */
export function jjcgBeta(gTilde: ArrayLike<number>, g: ArrayLike<number>, gPrev: ArrayLike<number>, dPrev: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < g.length; i++) {
    const y = g[i] - gPrev[i];
    num -= gTilde[i] * y;
    den += dPrev[i] * y;
  }
  const beta = num / den;
  return Number.isFinite(beta) ? beta : 0;
}

/** The EM step in free coordinates, toFree(M(θ)) − toFree(θ): free with the E-step. */
const emStepFree = (model: LatentModel, e: EStep, phi: Float64Array): Float64Array => {
  const m = model.toFree(model.mstep(e));
  for (let i = 0; i < m.length; i++) m[i] -= phi[i];
  return m;
};

/** The JJ-CG iteration from e0 (exported so a test can drive it on an exact quadratic with exact line searches). */
export function jjcgStepper(model: LatentModel, ev: Evaluator, e0: EStep, search: LineSearch = emFirstSearch, restartEvery = model.p) {
  let e = e0;
  let phi = model.toFree(e.theta);
  let g = model.gradientFree(e);
  let gTilde = emStepFree(model, e, phi);
  let gPrev: Float64Array | null = null;
  let dPrev: Float64Array | null = null;
  let k = 0;

  return (): StepOutcome => {
    let beta = 0;
    let d = gTilde;
    if (gPrev && dPrev && k % restartEvery !== 0) {
      beta = jjcgBeta(gTilde, g, gPrev, dPrev);
      const c = new Float64Array(d.length);
      for (let i = 0; i < c.length; i++) c[i] = gTilde[i] + beta * dPrev[i];
      if (dot(c, g) > 0) d = c;
      else beta = 0; // not an ascent direction: restart with the EM step
    }
    let res = dot(d, g) > 0 ? search(ev, phi, e, g, d) : null;
    if (!res && beta !== 0) {
      beta = 0; // the conjugate direction gave nothing: try the EM direction before giving up
      d = gTilde;
      res = dot(d, g) > 0 ? search(ev, phi, e, g, d) : null;
    }
    if (!res) return { e, kind: 'jjcg', stop: stop('line-search-failed', 'no ascent along the EM-preconditioned direction (at the float64 floor?)') };
    k++;
    gPrev = g;
    dPrev = d;
    ({ phi, e, g } = res);
    gTilde = emStepFree(model, e, phi);
    return { e, kind: 'jjcg', extra: { beta, alpha: res.alpha } };
  };
}

export function createJJCG(ctx: MethodContext): Optimizer {
  return { step: jjcgStepper(ctx.model, ctx.ev, ctx.start) };
}
