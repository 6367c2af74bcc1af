/**
 * Adaptive over-relaxed EM (Salakhutdinov & Roweis, "Adaptive overrelaxed bound optimization
 * methods", ICML 2003): the over-relaxed step of relax.ts with η starting at 1; after a step that
 * raises L, η ← GROWTH·η; when a trial would lower L (or leave the domain), take the plain EM step
 * instead and set η back to 1. GROWTH: see docs/methods.md ("Between EM and gradient") for where the
 * rule and its constant come from. Cost: 1 E-step per iteration, 2 when the trial is rejected.
 */
import type { Evaluator } from '../evaluator';
import type { EStep, LatentModel } from '../types';
import { relaxStep } from './relax';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

/** η's growth factor after an ascent step (pmtk3's `overRelaxFactor` default; docs/methods.md). */
export const GROWTH = 2;
/** A ceiling so η stays finite however long L keeps rising (MALLET's AGIS caps it near 1e8 too). */
const ETA_MAX = 1e8;

/** The iteration from e0, with η's growth factor as a parameter (the docs' measurement of it). */
export function adaRelaxStepper(model: LatentModel, ev: Evaluator, e0: EStep, growth = GROWTH) {
  let e = e0;
  let eta = 1;
  return (): StepOutcome => {
    const tried = eta;
    const { out, accepted } = relaxStep(model, ev, e, eta);
    if (!accepted) eta = 1;
    else if (out.e.logLik > e.logLik) eta = Math.min(ETA_MAX, eta * growth); // an equal L (the float64 floor) is no evidence for a longer step
    e = out.e;
    return { ...out, extra: { eta: tried } };
  };
}

export function createAdaRelax(ctx: MethodContext): Optimizer {
  return { step: adaRelaxStepper(ctx.model, ctx.ev, ctx.start) };
}
