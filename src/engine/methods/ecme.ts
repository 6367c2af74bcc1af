/**
 * ECME (Liu & Rubin 1994; docs/theory.md §11.3) for the mixture: the labels' M-step for the means and
 * (co)variances, then the weight π maximised on the observed L itself, with the means and variances
 * held. Less missing information in that block, so the rate never exceeds EM's λ_max.
 *
 * The weight solve is one-dimensional in a = logit π (free coordinate 0 of both mixture layouts,
 * types.ts): L is concave in π, so ∂L/∂a = R₁ − Nπ changes sign once. It starts at the M-step's π,
 * takes the EM update of π as its second point and then safeguarded secant steps inside the bracket
 * (usually one).
 * Every evaluation of L is one counted E-step; the last one is the E-step of the next iteration.
 * Mixture only: "the weight" is a coordinate of the mixture's layout, not of every LatentModel.
 */
import { log, log1p, sigmoid } from '../detmath';
import type { Evaluator } from '../evaluator';
import { stop } from '../stop';
import type { EStep, LatentModel, Theta } from '../types';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

/** Evaluations of L per weight solve at most (it usually stops after 3). */
const MAX_EVALS = 8;
/**
 * Stop the solve once a moves less than REL of its first move (or A_TOL relative): the secant is
 * superlinear, so what is left is far below what the rate can see (measured: the observed ECME ratio
 * agrees with the full solve's to 7 digits at 3 E-steps per iteration instead of about 4).
 */
const REL = 1e-2;
const A_TOL = 1e-12;

// detmath's functions, not Math's: the browser and Node must agree to the bit (docs/theory.md §12.6).
const logit = (p: number) => log(p) - log1p(-p);

interface Point {
  a: number;
  e: EStep;
  /** ∂L/∂a. */
  s: number;
}

/** max over π of L(π, μ, Σ of θ_M), from the E-step at θ_M; every evaluation through ev. */
export function maximiseWeight(model: LatentModel, ev: Evaluator, thetaM: Theta, eM: EStep): EStep {
  const at = (a: number): Point | null => {
    const t = Float64Array.from(thetaM);
    t[0] = sigmoid(a);
    const e = ev.at(t);
    return e ? { a, e, s: model.gradientFree(e)[0] } : null;
  };
  let best: Point = { a: logit(thetaM[0]), e: eM, s: model.gradientFree(eM)[0] };
  let lo = best.s > 0 ? best : null; // ∂L/∂a > 0: the maximiser lies above
  let hi = best.s < 0 ? best : null;
  let prev = best;
  // The EM update of π from θ_M's own E-step is the natural second guess.
  let a = model.toFree(model.mstep(eM))[0];
  const firstMove = Math.abs(a - best.a);
  for (let k = 1; k < MAX_EVALS && best.s !== 0; k++) {
    if (lo && hi && !(a > lo.a && a < hi.a)) a = 0.5 * (lo.a + hi.a);
    if (!Number.isFinite(a) || Math.abs(a - prev.a) <= Math.max(A_TOL * Math.max(1, Math.abs(a)), REL * firstMove)) break;
    const q = at(a);
    if (!q) {
      // π rounded to 0 or 1 (outside the domain): the maximiser lies between here and the best point
      const wall = { a, e: best.e, s: a > best.a ? -Infinity : Infinity };
      if (a > best.a) hi = wall;
      else lo = wall;
      a = 0.5 * (a + best.a);
      continue;
    }
    if (q.e.logLik >= best.e.logLik) best = q;
    if (q.s > 0 && (!lo || q.a > lo.a)) lo = q;
    if (q.s < 0 && (!hi || q.a < hi.a)) hi = q;
    const den = q.s - prev.s;
    a = den !== 0 && Number.isFinite(den) ? q.a - (q.s * (q.a - prev.a)) / den : 0.5 * (q.a + prev.a);
    prev = q;
  }
  return best.e;
}

export function createECME(ctx: MethodContext): Optimizer {
  const { model, ev } = ctx;
  let e = ctx.start;
  return {
    step(): StepOutcome {
      const thetaM = model.mstep(e);
      const eM = ev.at(thetaM);
      if (!eM) return { e, kind: 'ecme', stop: stop('non-finite', 'the M-step left the domain') };
      e = maximiseWeight(model, ev, thetaM, eM);
      return { e, kind: 'ecme' };
    },
  };
}
