/**
 * Newton's method on L in natural coordinates with the exact observed information
 * I_o = I_oc − I_m (Louis' identity): θ' = θ + I_o⁻¹∇L. When I_o is not positive definite (far from
 * a maximum), or the Newton point does not increase L after a few halvings, take an EM step instead.
 * Cost: the passes I_o takes (model.newtonPasses: the mixture's I_m pass is one), plus one per trial point.
 */
import { stop } from '../stop';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';
import { axpy } from '../vec';

export function createNewton(ctx: MethodContext): Optimizer {
  const { model, ev } = ctx;
  let e = ctx.start;

  const emStep = (): StepOutcome => {
    const next = ev.at(model.mstep(e));
    if (!next) return { e, kind: 'em', stop: stop('non-finite', 'the fallback EM step left the domain') };
    e = next;
    return { e, kind: 'em' };
  };

  return {
    step(): StepOutcome {
      ev.count += model.newtonPasses ?? 1; // the passes over the data for I_o (the mixture's one I_m pass)
      const dir = model.newtonDirection(e);
      if (!dir) return emStep();
      for (let t = 1; t >= 1 / 8; t /= 2) {
        const next = ev.at(axpy(e.theta, t, dir));
        if (next && next.logLik >= e.logLik) {
          e = next;
          return { e, kind: 'newton' };
        }
      }
      return emStep();
    },
  };
}
