/**
 * Line searches for ascent on L along a direction d in free coordinates φ. Every trial point is one
 * E-step (it yields L and ∇L together), counted by the evaluator. A trial outside the domain or with
 * non-finite L counts as "too far" and the search backs off: no NaN ever becomes the current point.
 */
import type { Evaluator } from '../evaluator';
import type { EStep, LatentModel } from '../types';
import { axpy, dot } from '../vec';

export interface LineResult {
  readonly alpha: number;
  readonly phi: Float64Array;
  readonly e: EStep;
  /** ∇φL at the accepted point. */
  readonly g: Float64Array;
}

/** Largest α that moves no log-variance / log-Cholesky-diagonal coordinate by more than `cap` (extrapolation into a collapse). */
export function maxStep(model: LatentModel, d: Float64Array, cap = 3): number {
  let m = 0;
  for (const i of model.logScaleFree) m = Math.max(m, Math.abs(d[i]));
  return m > 0 ? cap / m : Infinity;
}

/** Armijo backtracking: halve α until L(φ+αd) ≥ L + c·α·gᵀd. */
export function backtracking(
  ev: Evaluator,
  phi: Float64Array,
  e0: EStep,
  g0: Float64Array,
  d: Float64Array,
  alpha0: number,
  { c = 1e-4, maxTrials = 60 } = {},
): LineResult | null {
  const slope = dot(g0, d);
  let alpha = Math.min(alpha0, maxStep(ev.model, d));
  for (let k = 0; k < maxTrials; k++, alpha *= 0.5) {
    const x = axpy(phi, alpha, d);
    const e = ev.atFree(x);
    if (e && e.logLik >= e0.logLik + c * alpha * slope && e.logLik > e0.logLik) {
      return { alpha, phi: x, e, g: ev.model.gradientFree(e) };
    }
  }
  return null;
}

interface Trial {
  alpha: number;
  /** f = −L and its slope along d, for the textbook minimisation form. */
  f: number;
  df: number;
  res: LineResult;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const s = d1 * d1 - da * db;
  if (s < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(s);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

/**
 * Strong-Wolfe line search for ascent (Nocedal & Wright, Alg. 3.5/3.6, with cubic interpolation):
 *   L(φ+αd) ≥ L(φ) + ρ α gᵀd   and   |∇L(φ+αd)ᵀd| ≤ σ |gᵀd|,   0 < ρ < σ < ½.
 * Returns the accepted point, the best sufficient-ascent point when the evaluation budget runs out,
 * or null when no trial improved L at all.
 */
export function strongWolfe(
  ev: Evaluator,
  phi: Float64Array,
  e0: EStep,
  g0: Float64Array,
  d: Float64Array,
  alpha0: number,
  { rho = 1e-4, sigma = 0.1, ext = 3, maxEvals = 20 } = {},
): LineResult | null {
  const f0 = -e0.logLik;
  const df0 = -dot(g0, d);
  if (!(df0 < 0)) return null;
  const alphaMax = maxStep(ev.model, d);
  let evals = 0;
  let best: Trial | null = null;

  const trial = (alpha: number): Trial | null => {
    evals++;
    const x = axpy(phi, alpha, d);
    const e = ev.atFree(x);
    if (!e) return null;
    const g = ev.model.gradientFree(e);
    const t = { alpha, f: -e.logLik, df: -dot(g, d), res: { alpha, phi: x, e, g } };
    if (t.f < f0 && (!best || t.f < best.f)) best = t;
    return t;
  };
  const armijo = (t: Trial) => t.f <= f0 + rho * t.alpha * df0;
  const curvature = (t: Trial) => Math.abs(t.df) <= -sigma * df0;

  // zoom between lo (satisfies Armijo, lowest f so far) and hi; hi may be a failed (null) trial.
  const zoom = (lo: Trial | null, hiAlpha: number, hi: Trial | null): LineResult | null => {
    let loA = lo ? lo.alpha : 0;
    let loF = lo ? lo.f : f0;
    let loD = lo ? lo.df : df0;
    while (evals < maxEvals) {
      const width = hiAlpha - loA;
      let a = hi ? cubicMin(loA, loF, loD, hiAlpha, hi.f, hi.df) : NaN;
      const lowEnd = loA + 0.1 * width;
      const highEnd = hiAlpha - 0.1 * width;
      if (!Number.isFinite(a) || (a - lowEnd) * (a - highEnd) > 0) a = loA + 0.5 * width; // bisection fallback
      const t = trial(a);
      if (!t || !armijo(t) || t.f >= loF) {
        hiAlpha = a;
        hi = t;
      } else {
        if (curvature(t)) return t.res;
        if (t.df * (hiAlpha - loA) >= 0) {
          hiAlpha = loA;
          hi = { alpha: loA, f: loF, df: loD, res: t.res };
        }
        loA = t.alpha;
        loF = t.f;
        loD = t.df;
      }
      if (Math.abs(hiAlpha - loA) <= 1e-16 * Math.max(1, Math.abs(loA))) break;
    }
    return (best as Trial | null)?.res ?? null;
  };

  let prev: Trial | null = null;
  let alpha = Math.min(alpha0, alphaMax);
  while (evals < maxEvals) {
    const t = trial(alpha);
    if (!t) return zoom(prev, alpha, null);
    if (!armijo(t) || (prev && t.f >= prev.f)) return zoom(prev, alpha, t);
    if (curvature(t)) return t.res;
    if (t.df >= 0) return zoom(t, prev ? prev.alpha : 0, prev);
    prev = t;
    if (alpha >= alphaMax) return t.res; // capped extrapolation: take the (sufficient-ascent) point
    alpha = Math.min(alpha * ext, alphaMax);
  }
  return (best as Trial | null)?.res ?? null;
}
