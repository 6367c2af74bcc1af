/** EM: the standard M-step applied to the current E-step. One E-step per iteration. */
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';
import { stop } from '../stop';

export function createEM(ctx: MethodContext): Optimizer {
  let e = ctx.start;
  return {
    step(): StepOutcome {
      const next = ctx.ev.at(ctx.model.mstep(e));
      if (!next) return { e, kind: 'em', stop: stop('non-finite', 'the M-step produced a point with non-finite likelihood') };
      e = next;
      return { e, kind: 'em' };
    },
  };
}
