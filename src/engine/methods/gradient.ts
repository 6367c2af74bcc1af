/**
 * Gradient ascent on L in free coordinates φ (logit π, means, log variances / log-Cholesky).
 * Backtracking (Armijo) line search by default, starting each search at twice the last accepted
 * step; or a fixed step η on the per-point gradient, φ' = φ + (η/N)∇φL.
 */
import { stop } from '../stop';
import { backtracking } from './linesearch';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';
import { axpy, norm2 } from '../vec';

export function createGradient(ctx: MethodContext): Optimizer {
  const { model, ev } = ctx;
  let e = ctx.start;
  let phi = model.toFree(e.theta);
  let g = model.gradientFree(e);
  let alpha = 1 / Math.max(norm2(g), 1e-300);
  const fixed = ctx.options.gstep;

  return {
    step(): StepOutcome {
      if (fixed > 0) {
        const x = axpy(phi, fixed / model.n, g);
        const next = ev.atFree(x);
        if (!next) return { e, kind: 'grad', stop: stop('non-finite', `the fixed step η = ${fixed} left the domain; try a smaller step`) };
        phi = x;
        e = next;
        g = model.gradientFree(e);
        return { e, kind: 'grad' };
      }
      const res = backtracking(ev, phi, e, g, g, 2 * alpha);
      if (!res)
        return { e, kind: 'grad', stop: stop('line-search-failed', 'no step along the gradient increased L (at the float64 floor?)') };
      ({ phi, e, g, alpha } = res);
      return { e, kind: 'grad' };
    },
  };
}
