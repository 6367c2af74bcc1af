/**
 * The posterior mode in the samplers' free coordinates φ, and the curvature there: −∇² log p(φ | x) by
 * central differences of the analytic gradient (2p passes; p ≤ 11). Damped Newton (Levenberg–Marquardt)
 * from a MAP-EM start: a few steps once EM has brought it into the basin. The same function on a
 * likelihood-only target (prior null, means-only) gives the MLE.
 */
import { cholesky } from '../linalg';
import type { Theta } from '../types';
import { quartileStart, runMapEM } from './map-em';
import type { Target } from './posterior';

export interface Mode {
  readonly phi: Float64Array;
  readonly theta: Theta;
  readonly logDensity: number;
  /** −∇² log p(φ | x) at φ, p×p row-major, symmetrised. */
  readonly hessian: Float64Array;
  /** Passes over the data spent finding it. */
  readonly passes: number;
  /** ‖∇ log p‖∞ at the mode (≈ 0 when Newton converged). */
  readonly gradNorm: number;
}

/** −∇² of the target's log density at φ by central differences of its gradient (2p passes). */
export function negHessian(target: Target, phi: Float64Array): Float64Array {
  const p = target.p;
  const H = new Float64Array(p * p);
  const gp = new Float64Array(p),
    gm = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const h = 1e-4 * Math.max(1, Math.abs(phi[j]));
    const a = Float64Array.from(phi),
      b = Float64Array.from(phi);
    a[j] += h;
    b[j] -= h;
    target.logDensityGrad(a, gp);
    target.logDensityGrad(b, gm);
    for (let i = 0; i < p; i++) H[i * p + j] = -(gp[i] - gm[i]) / (a[j] - b[j]);
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) H[i * p + j] = H[j * p + i] = 0.5 * (H[i * p + j] + H[j * p + i]);
  return H;
}

/** Solves (H + μI) d = g by Cholesky, or null when that is not positive definite. */
function dampedSolve(H: Float64Array, mu: number, g: Float64Array, p: number): Float64Array | null {
  const A = Float64Array.from(H);
  for (let i = 0; i < p; i++) A[i * p + i] += mu;
  const L = cholesky(A, p);
  if (!L) return null;
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= L.get(i, k) * y[k];
    y[i] = s / L.get(i, i);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= L.get(k, i) * x[k];
    x[i] = s / L.get(i, i);
  }
  return x;
}

const normInf = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * The mode nearest `start` (natural θ; default: MAP-EM from the quartile start). Newton steps with
 * Levenberg damping μ: halved after a step that raises log p, raised ×10 (and the step retried) otherwise.
 */
export function findMode(target: Target, start?: Theta, maxNewton = 60): Mode {
  const { model } = target;
  let passes = 0;
  let theta0 = start;
  if (!theta0) {
    // Through φ and back, so that the means-only start carries the known weight and covariances.
    const em = runMapEM(model, target.restriction, target.prior, target.theta(target.free(quartileStart(model))));
    theta0 = em.theta;
    passes += em.passes;
  }
  const p = target.p;
  let phi = target.free(theta0);
  const g = new Float64Array(p);
  let lp = target.logDensityGrad(phi, g);
  passes++;
  let mu = 1e-6;
  let H = negHessian(target, phi);
  passes += 2 * p;
  for (let it = 0; it < maxNewton; it++) {
    let moved = false;
    for (let tries = 0; tries < 30; tries++) {
      const scale = Math.max(1e-12, ...Array.from({ length: p }, (_, i) => Math.abs(H[i * p + i])));
      const d = dampedSolve(H, mu * scale, g, p);
      if (d) {
        const cand = phi.map((x, i) => x + d[i]);
        const gc = new Float64Array(p);
        const lc = target.logDensityGrad(cand, gc);
        passes++;
        if (lc >= lp - 1e-13 * Math.abs(lp)) {
          const small = normInf(d) <= 1e-12 * Math.max(1, normInf(phi));
          phi = cand;
          lp = lc;
          g.set(gc);
          mu = Math.max(mu / 4, 1e-12);
          moved = !small;
          break;
        }
      }
      mu *= 10;
    }
    if (!moved) break;
    H = negHessian(target, phi);
    passes += 2 * p;
  }
  return { phi, theta: target.theta(phi), logDensity: lp, hessian: H, passes, gradNorm: normInf(g) };
}
