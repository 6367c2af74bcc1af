/**
 * Over-relaxed EM with a fixed η (docs/theory.md §10.1): θ ← θ + η(M(θ) − θ), the move made in
 * free coordinates (logit weights, means, log variances / log-Cholesky diagonals), so every iterate
 * is a valid θ whatever η. Near θ* the error map is I − η(I − DM): rate ρ(η) = max |1 − η(1 − λ_i)|
 * (relax-rate.ts). A trial that lowers L is rejected and the plain EM step taken instead; the
 * rejected trial's E-step is counted. Cost: 1 E-step per iteration, 2 when the trial is rejected.
 */
import type { Evaluator } from '../evaluator';
import { stop } from '../stop';
import type { EStep, LatentModel, Theta } from '../types';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

/** θ + η(M − θ) in free coordinates; exactly M when η = 1 (so η = 1 is EM bit for bit). */
export function relaxedPoint(model: LatentModel, theta: Theta, mapped: Theta, eta: number): Theta {
  if (eta === 1) return mapped;
  const phi = model.toFree(theta);
  const phiM = model.toFree(mapped);
  for (let i = 0; i < phi.length; i++) phi[i] += eta * (phiM[i] - phi[i]);
  return model.fromFree(phi);
}

export interface RelaxResult {
  readonly out: StepOutcome;
  /** The trial at η was accepted (false: the EM step was taken instead, or the method stopped). */
  readonly accepted: boolean;
}

/** One over-relaxed step from e at η, with the EM step as the fallback: shared by `relax` and `adarelax`. */
export function relaxStep(model: LatentModel, ev: Evaluator, e: EStep, eta: number): RelaxResult {
  const mapped = model.mstep(e);
  const trial = ev.at(relaxedPoint(model, e.theta, mapped, eta));
  if (trial && trial.logLik >= e.logLik) return { out: { e: trial, kind: 'relax' }, accepted: true };
  // η = 1: the trial was the EM point itself (L fell by rounding at the float64 floor): no second pass.
  const em = eta === 1 ? trial : ev.at(mapped);
  if (!em) return { out: { e, kind: 'em', stop: stop('non-finite', 'the EM step left the domain') }, accepted: false };
  return { out: { e: em, kind: 'em' }, accepted: false };
}

export function createRelax(ctx: MethodContext): Optimizer {
  const { model, ev } = ctx;
  const { eta } = ctx.options;
  let e = ctx.start;
  return {
    step(): StepOutcome {
      const { out } = relaxStep(model, ev, e, eta);
      e = out.e;
      return out;
    },
  };
}
