/**
 * SQUAREM (Varadhan & Roland 2008), steplength S3, following the R package's `squarem1`:
 *   r = F(φ) − φ,  v = F(F(φ)) − 2F(φ) + φ,  α = √(rᵀr / vᵀv) clamped to [stepMin, stepMax],
 *   φ' = φ + 2αr + α²v, then one stabilising EM step when |α − 1| > 0.01;
 *   safeguard: if φ' is invalid or L fell by more than objfnInc, fall back to F(F(φ)) (α = 1) and,
 *   if α sat at stepMax, shrink stepMax ← max(stepMax0, stepMax/mstep); if α = stepMax, grow it ×mstep.
 * F is the EM map written in free coordinates (log variances), so extrapolation cannot make a
 * variance negative. Cost: 2 E-steps for the two EM maps, +1 for stabilisation, +1 for the objective.
 */
import type { EStep } from '../types';
import { stop } from '../stop';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';
import { dot } from '../vec';

const STEP_MIN = 1;
const STEP_MAX0 = 1;
const MSTEP = 4;
const OBJFN_INC = 1;

export function createSquarem(ctx: MethodContext): Optimizer {
  const { model, ev } = ctx;
  let e = ctx.start;
  let stepMax = STEP_MAX0;
  /** EM map from an E-step, returned with the E-step at its image. */
  const emMap = (from: EStep): EStep | null => ev.at(model.mstep(from));

  return {
    step(): StepOutcome {
      const e1 = emMap(e);
      if (!e1) return { e, kind: 'squarem', stop: stop('non-finite', 'the EM map left the domain') };
      const e2 = emMap(e1);
      if (!e2) return { e: e1, kind: 'em', stop: stop('non-finite', 'the EM map left the domain') };
      const p0 = model.toFree(e.theta);
      const p1 = model.toFree(e1.theta);
      const p2 = model.toFree(e2.theta);
      const r = p1.map((x, i) => x - p0[i]);
      const v = p2.map((x, i) => x - 2 * p1[i] + p0[i]);
      const vv = dot(v, v);
      if (!(vv > 0)) {
        e = e2; // F(F(φ)) = 2F(φ) − φ: the map is (locally) a translation or we are at the fixed point
        return { e, kind: 'em' };
      }
      let alpha = Math.sqrt(dot(r, r) / vv);
      alpha = Math.max(STEP_MIN, Math.min(stepMax, alpha));
      let next: EStep | null = null;
      const extrapolated = p0.map((x, i) => x + 2 * alpha * r[i] + alpha * alpha * v[i]);
      let candidate = ev.atFree(extrapolated);
      if (candidate && Math.abs(alpha - 1) > 0.01) candidate = emMap(candidate); // stabilisation
      if (candidate && candidate.logLik >= e.logLik - OBJFN_INC) next = candidate;
      if (!next) {
        if (alpha === stepMax) stepMax = Math.max(STEP_MAX0, stepMax / MSTEP);
        alpha = 1;
        next = e2;
      }
      if (alpha === stepMax) stepMax *= MSTEP;
      e = next;
      return { e, kind: 'squarem' };
    },
  };
}
