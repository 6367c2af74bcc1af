/**
 * The reference optimum θ* of an experiment: the maximum EM reaches from the shared start, polished by
 * Newton until the EM fixed-point residual is ~1e-12 or below (rate diagnostics need θ* far beyond
 * ordinary tolerances; docs/theory.md §10.7).
 *
 * Plain EM can need 10⁴–10⁵ iterations when λ_max → 1, too slow for a slider. So while EM runs we
 * periodically try a Newton polish from EM's current point and accept it only when it lands where
 * EM is heading: within a few times the Aitken-predicted remaining distance ‖Δθ‖·ρ/(1−ρ), with ρ the
 * observed step ratio. That keeps θ* the point EM actually converges to.
 */
import { emResidual } from './diagnostics';
import type { Optimum } from './trace';
import type { EStep, LatentModel, Theta } from './types';
import { axpy, norm2, normInf, sub } from './vec';

const MAX_EM = 200_000;
const NEWTON_EVERY = 10;
/**
 * After a polish that failed (I_o not yet positive definite, or Newton landing elsewhere), the next
 * is tried twice as many EM iterations later, up to this many: where λ_max → 1, EM can need 10⁴–10⁵
 * iterations before Newton works, and one try (an I_m pass and up to 12 Newton steps) costs more than
 * ten EM iterations.
 */
const NEWTON_EVERY_MAX = 320;

/**
 * Newton iterations with the exact observed information. Returns the polished E-step once a Newton
 * step is at the rounding level, or null if I_o stops being PD, L drops, or it has not converged
 * within maxIter (Newton from inside its basin converges quadratically: a handful of steps).
 */
export function newtonPolish(model: LatentModel, start: EStep, maxIter = 12): EStep | null {
  let e = start;
  for (let k = 0; k < maxIter; k++) {
    const dir = model.newtonDirection(e);
    if (!dir) return null;
    const theta = axpy(e.theta, 1, dir);
    if (model.domainError(theta) !== null) return null;
    const next = model.estep(theta);
    if (!(next.logLik >= e.logLik - 1e-10 * Math.abs(e.logLik))) return null;
    e = next;
    if (normInf(dir) <= 1e-13 * Math.max(1, normInf(e.theta))) return e;
  }
  return null;
}

export function computeOptimum(model: LatentModel, theta0: Theta, truth: Theta | null): Optimum {
  let e = model.estep(theta0);
  let prevStep = Infinity;
  let polished: EStep | null = null;
  let every = NEWTON_EVERY;
  let nextTry = NEWTON_EVERY - 1;
  for (let k = 0; k < MAX_EM; k++) {
    const next = model.estep(model.mstep(e));
    const step = normInf(sub(next.theta, e.theta));
    const scale = Math.max(1, normInf(next.theta));
    if (!Number.isFinite(next.logLik)) break;
    e = next;
    if (step <= 1e-15 * scale) break;
    const rho = Math.min(step / prevStep, 0.999999);
    prevStep = step;
    if (k >= nextTry && step < 1e-3 * scale && rho > 0) {
      const cand = newtonPolish(model, e);
      const predicted = (step * rho) / (1 - rho);
      if (cand && normInf(sub(cand.theta, e.theta)) <= 4 * predicted + 1e-10 * scale) {
        polished = cand;
        break;
      }
      every = Math.min(2 * every, NEWTON_EVERY_MAX);
      nextTry = k + every;
    }
  }
  e = polished ?? newtonPolish(model, e, 40) ?? e;
  // Report θ* with the truth's labels, for people; methods are compared to it label-blind.
  let theta = e.theta;
  if (truth) {
    const swapped = model.swapLabels(theta);
    if (norm2(sub(swapped, truth)) < norm2(sub(theta, truth))) theta = swapped;
  }
  if (theta !== e.theta) e = model.estep(theta);
  const bad = model.symmetric(e.theta)
    ? 'both components are identical: a saddle where π is unidentified and λ_max = 1'
    : (model.degenerate(e)?.message ?? null);
  return {
    theta: e.theta,
    logLik: e.logLik,
    degenerate: bad,
    eigenvalues: model.fullSpectrum(e),
    emResidual: emResidual(model, e),
    gradNorm: norm2(model.gradientFree(e)),
  };
}
