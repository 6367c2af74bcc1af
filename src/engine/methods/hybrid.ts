/**
 * Hybrid EM–ECG: EM steps while the normalised posterior entropy H stays below τ (little missing
 * information: EM is Newton-like); once H ≥ τ after the burn-in, switch to ECG for good.
 * (The paper's exact rule is not confirmed; τ and the burn-in are parameters — docs/theory.md §9.)
 */
import { cgStepper } from './ecg';
import { createEM } from './em';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

export function createHybrid(ctx: MethodContext): Optimizer {
  const { tau, burn } = ctx.options;
  let em: Optimizer | null = createEM(ctx);
  let cg: (() => StepOutcome) | null = null;
  let e = ctx.start;
  let iteration = 0;

  return {
    step(): StepOutcome {
      iteration++;
      if (em && iteration > burn && e.entropy >= tau) {
        em = null;
        cg = cgStepper(ctx.model, ctx.ev, e);
      }
      const out = em ? em.step() : cg!();
      e = out.e;
      return out;
    },
  };
}
