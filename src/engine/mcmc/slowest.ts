/**
 * The slowest linear functional of a DA Gibbs chain (em-theory.md §15.2). Near a Gaussian posterior the
 * lag-1 autocorrelation matrix of the two-block chain is the Bayesian fraction of missing information
 * DM_B = (I_oc + Λ₀)⁻¹ I_m at the mode; with H = −∇² log p(φ | x) = I_oc − I_m + Λ₀ that is
 * DM_B = (H + I_m)⁻¹ I_m, here in the samplers' free coordinates φ (I_m,φ = Jᵀ I_m,θ J, J = ∂θ/∂φ; the
 * complete-data score transforms exactly). The functional wᵀφ with w the top *left* eigenvector of DM_B
 * (wᵀDM_B = λ_max wᵀ) has lag-1 autocorrelation → λ_max and ESS per sweep ≈ (1 − λ)/(1 + λ).
 * With H the likelihood's curvature alone (no prior) this is the ordinary DM = I_oc⁻¹ I_m.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { cholesky } from '../linalg';
import type { Target } from '../samplers/posterior';

export interface SlowestFunctional {
  /** Eigenvalues of DM_B, descending. */
  readonly spectrum: Float64Array;
  readonly lambdaMax: number;
  /** The top left eigenvector, unit length, largest entry positive. */
  readonly w: Float64Array;
  /** DM_B (p×p row-major, column convention: DM v = λ v). */
  readonly dm: Float64Array;
}

/** I_m in φ coordinates at φ: Jᵀ I_m,θ J (one pass). */
export function missingInfoFree(target: Target, phi: Float64Array): Float64Array {
  const { model, p } = target;
  const P = model.p;
  const imT = model.missingInfo(target.theta(phi));
  const J = target.jacobian(phi);
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < P; i++) {
        const ji = J[i * p + a];
        if (ji === 0) continue;
        for (let j = 0; j < P; j++) s += ji * imT[i * P + j] * J[j * p + b];
      }
      out[a * p + b] = s;
    }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a * p + b] = out[b * p + a] = 0.5 * (out[a * p + b] + out[b * p + a]);
  return out;
}

/** DM_B at φ from H = −∇² log p there; null when H + I_m is not positive definite. */
export function slowestFunctional(target: Target, phi: Float64Array, H: Float64Array): SlowestFunctional | null {
  const p = target.p;
  const im = missingInfoFree(target, phi);
  const A = H.map((h, i) => h + im[i]);
  const Lm = cholesky(A, p);
  if (!Lm) return null;
  const L = Float64Array.from({ length: p * p }, (_, k) => Lm.get(Math.floor(k / p), k % p));
  // C = L⁻¹ I_m L⁻ᵀ is symmetric with DM_B's eigenvalues; C y = λ y gives the left eigenvector w = L y.
  const X = lowerSolve(L, im, p);
  const C = lowerSolve(L, transpose(X, p), p);
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) C[i * p + j] = C[j * p + i] = 0.5 * (C[i * p + j] + C[j * p + i]);
  const evd = new EigenvalueDecomposition(new Matrix(Array.from({ length: p }, (_, i) => Array.from(C.subarray(i * p, i * p + p)))), {
    assumeSymmetric: true,
  });
  const vals = evd.realEigenvalues;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b] - vals[a]);
  const top = order[0];
  const y = Float64Array.from({ length: p }, (_, i) => evd.eigenvectorMatrix.get(i, top));
  const w = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let k = 0; k <= i; k++) w[i] += L[i * p + k] * y[k];
  const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  let big = 0;
  for (let i = 1; i < p; i++) if (Math.abs(w[i]) > Math.abs(w[big])) big = i;
  const sgn = w[big] < 0 ? -1 : 1;
  for (let i = 0; i < p; i++) w[i] = (sgn * w[i]) / norm;
  // DM_B = A⁻¹ I_m, column by column through the Cholesky factor.
  const dm = new Float64Array(p * p);
  const Y = lowerSolve(L, im, p);
  for (let c = 0; c < p; c++)
    for (let i = p - 1; i >= 0; i--) {
      let s = Y[i * p + c];
      for (let k = i + 1; k < p; k++) s -= L[k * p + i] * dm[k * p + c];
      dm[i * p + c] = s / L[i * p + i];
    }
  const spectrum = Float64Array.from(order, (i) => vals[i]);
  return { spectrum, lambdaMax: spectrum[0], w, dm };
}

function lowerSolve(L: Float64Array, B: Float64Array, p: number): Float64Array {
  const X = new Float64Array(p * p);
  for (let c = 0; c < p; c++)
    for (let i = 0; i < p; i++) {
      let s = B[i * p + c];
      for (let k = 0; k < i; k++) s -= L[i * p + k] * X[k * p + c];
      X[i * p + c] = s / L[i * p + i];
    }
  return X;
}

function transpose(A: Float64Array, p: number): Float64Array {
  const T = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) T[j * p + i] = A[i * p + j];
  return T;
}
