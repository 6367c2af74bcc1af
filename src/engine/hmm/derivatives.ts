/**
 * Second-order quantities of the HMM from finite differences of exact first-order ones. The HMM's
 * I_m couples every pair of time steps, so there is no cheap closed form like the mixture's
 * Σ r(1−r) d dᵀ; central differences of quantities that one pass gives exactly are accurate to
 * ~1e-9 and cost a fixed number of passes:
 *   - the observed information I_o = −∇²L from the exact gradient (Fisher's identity): 2p = 12 passes;
 *   - DM = ∂M/∂φ from the EM map in the free coordinates (SEM, em-theory.md §10.8): 2p = 12 passes.
 */
import { realSpectrum } from '../diagnostics';
import { isPositiveDefinite, solve } from '../linalg';
import type { EStep, LatentModel, Theta } from '../types';

/** Passes over the data per call (two per coordinate, p = 6). */
export const NEWTON_PASSES = 12;
export const SPECTRUM_PASSES = 12;

/** Relative step: the truncation error h² and the rounding error ε/h balance near 1e-5. */
const H = 1e-5;

/**
 * Central-difference steps in natural coordinates, each in the coordinate's own unit (the distance
 * to the nearer boundary for a stay probability, the sd for a mean, the variance for a variance), so
 * θ ± h stays in the domain.
 */
function naturalSteps(t: Theta): Float64Array {
  return Float64Array.of(
    H * Math.min(t[0], 1 - t[0]),
    H * Math.min(t[1], 1 - t[1]),
    H * Math.sqrt(t[4]),
    H * Math.sqrt(t[5]),
    H * t[4],
    H * t[5],
  );
}

/** An E-step the differences can use: finite L and valid parameters (the floor is the M-step's business, not L's). */
function pass(model: LatentModel, theta: Theta): EStep | null {
  if (!(theta[0] > 0 && theta[0] < 1 && theta[1] > 0 && theta[1] < 1 && theta[4] > 0 && theta[5] > 0)) return null;
  const e = model.estep(theta);
  return Number.isFinite(e.logLik) ? e : null;
}

/** Column j of a central difference: (f(x + h e_j) − f(x − h e_j)) / (x⁺_j − x⁻_j), into J (row-major). */
function centralJacobian(x: Float64Array, h: Float64Array, f: (x: Float64Array) => Float64Array | null): Float64Array | null {
  const p = x.length;
  const J = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[j] += h[j];
    minus[j] -= h[j];
    const a = f(plus);
    const b = f(minus);
    if (!a || !b) return null;
    const width = plus[j] - minus[j]; // the step actually taken, after rounding
    for (let i = 0; i < p; i++) J[i * p + j] = (a[i] - b[i]) / width;
  }
  for (let i = 0; i < J.length; i++) if (!Number.isFinite(J[i])) return null;
  return J;
}

/** I_o(θ) = −∇²_θ L in natural coordinates, symmetrised, or null where a difference point fails. */
export function observedInfoFD(model: LatentModel, theta: Theta): Float64Array | null {
  const p = model.p;
  const hess = centralJacobian(theta, naturalSteps(theta), (t) => {
    const e = pass(model, t);
    return e ? model.gradient(e) : null;
  });
  if (!hess) return null;
  const io = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) io[i * p + j] = -0.5 * (hess[i * p + j] + hess[j * p + i]);
  return io;
}

/** The Newton step I_o⁻¹∇L in natural coordinates, or null where I_o is not positive definite. */
export function newtonDirectionFD(model: LatentModel, e: EStep): Float64Array | null {
  const io = observedInfoFD(model, e.theta);
  if (!io || !isPositiveDefinite(io, model.p)) return null;
  return solve(io, model.gradient(e), model.p);
}

/**
 * The Jacobian of the EM map F = toFree ∘ M ∘ fromFree at φ = toFree(θ), row-major (J_ij = ∂F_i/∂φ_j).
 * Steps: H in logit a and log v (unit-free), H·sd in the means.
 */
export function semMatrix(model: LatentModel, theta: Theta): Float64Array | null {
  const phi = model.toFree(theta);
  const h = Float64Array.of(H, H, H * Math.sqrt(theta[4]), H * Math.sqrt(theta[5]), H, H);
  return centralJacobian(phi, h, (x) => {
    const e = pass(model, model.fromFree(x));
    return e ? model.toFree(model.mstep(e)) : null;
  });
}

/**
 * Eigenvalues of DM(θ), real parts descending (DM is not symmetric: at a fixed point it is similar
 * to a symmetric matrix and its eigenvalues are real, elsewhere they need not be). null where a
 * difference point fails.
 */
export function dmSpectrum(model: LatentModel, theta: Theta): Float64Array | null {
  const J = semMatrix(model, theta);
  if (!J) return null;
  const ev = realSpectrum(J, model.p);
  return ev.length === model.p ? ev : null;
}
