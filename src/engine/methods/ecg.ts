/**
 * ECG (Salakhutdinov, Roweis & Ghahramani 2003): Polak–Ribière+ nonlinear conjugate gradient on L in
 * free coordinates, every value/gradient served by one E-step (Fisher identity), strong-Wolfe line
 * search, restart with the gradient when β < 0 or the direction is not an ascent direction.
 */
import type { EStep, LatentModel } from '../types';
import type { Evaluator } from '../evaluator';
import { stop } from '../stop';
import { strongWolfe } from './linesearch';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';
import { dot, norm2 } from '../vec';

/** The CG state machine, shared by ECG and the hybrid's CG phase. */
export function cgStepper(model: LatentModel, ev: Evaluator, e0: EStep) {
  let e = e0;
  let phi = model.toFree(e.theta);
  let g = model.gradientFree(e);
  let d = g;
  let lastAlpha = 0;
  let lastSlope = 0;

  return (): StepOutcome => {
    const slope = dot(g, d);
    // First step: one unit of φ along the gradient; later: Nocedal–Wright's slope-ratio guess.
    const alpha0 = lastAlpha > 0 ? (lastAlpha * lastSlope) / slope : 1 / Math.max(norm2(g), 1e-300);
    const res = strongWolfe(ev, phi, e, g, d, Math.max(alpha0, 1e-12));
    if (!res) return { e, kind: 'cg', stop: stop('line-search-failed', 'no ascent along the search direction (at the float64 floor?)') };
    const gNew = res.g;
    let gg = 0;
    let gy = 0;
    for (let i = 0; i < g.length; i++) {
      gg += g[i] * g[i];
      gy += gNew[i] * (gNew[i] - g[i]);
    }
    const beta = Math.max(0, gy / gg); // PR+
    const dNew = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) dNew[i] = gNew[i] + beta * d[i];
    d = dot(gNew, dNew) > 0 ? dNew : gNew; // restart on non-ascent
    lastAlpha = res.alpha;
    lastSlope = slope;
    ({ phi, e, g } = res);
    return { e, kind: 'cg' };
  };
}

export function createECG(ctx: MethodContext): Optimizer {
  const step = cgStepper(ctx.model, ctx.ev, ctx.start);
  return { step };
}
