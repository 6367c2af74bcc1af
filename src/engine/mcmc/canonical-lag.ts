/**
 * The largest lag-1 autocorrelation of any linear functional of the chain, measured from the draws alone:
 * the top generalised eigenvalue of Γ₁ˢ v = ρ Γ₀ v, with Γ₀ the pooled within-chain covariance and Γ₁ˢ the
 * symmetrised lag-1 cross-covariance. For DA Gibbs Γ₁ = Var(E[θ | z]) exactly, so this is the chain's own
 * Bayesian fraction of missing information, with no Gaussian approximation and no mode; it bounds the
 * lag-1 of wᵀφ from above.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { cholesky } from '../linalg';

/** chains: per chain n × p row-major (all the same n). null when Γ₀ is singular or n < 3. */
export function canonicalLag1(chains: readonly Float64Array[], p: number): number | null {
  const n = Math.min(...chains.map((c) => c.length / p));
  if (!(n >= 3) || chains.length === 0) return null;
  const G0 = new Float64Array(p * p),
    G1 = new Float64Array(p * p);
  for (const c of chains) {
    const mean = new Float64Array(p);
    for (let t = 0; t < n; t++) for (let i = 0; i < p; i++) mean[i] += c[t * p + i] / n;
    for (let t = 0; t < n; t++)
      for (let i = 0; i < p; i++) {
        const a = c[t * p + i] - mean[i];
        for (let j = 0; j < p; j++) {
          G0[i * p + j] += a * (c[t * p + j] - mean[j]);
          if (t + 1 < n)
            G1[i * p + j] += 0.5 * (a * (c[(t + 1) * p + j] - mean[j]) + (c[(t + 1) * p + i] - mean[i]) * (c[t * p + j] - mean[j]));
        }
      }
  }
  const L = cholesky(G0, p);
  if (!L) return null;
  // C = L⁻¹ Γ₁ˢ L⁻ᵀ, symmetric.
  const X = new Float64Array(p * p);
  for (let c = 0; c < p; c++)
    for (let i = 0; i < p; i++) {
      let s = G1[i * p + c];
      for (let k = 0; k < i; k++) s -= L.get(i, k) * X[k * p + c];
      X[i * p + c] = s / L.get(i, i);
    }
  const C = new Matrix(p, p);
  for (let r = 0; r < p; r++)
    for (let i = 0; i < p; i++) {
      let s = X[r * p + i]; // row r of C = X L⁻ᵀ solves L y = (row r of X)ᵀ
      for (let k = 0; k < i; k++) s -= L.get(i, k) * C.get(r, k);
      C.set(r, i, s / L.get(i, i));
    }
  const S = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) S.set(i, j, 0.5 * (C.get(i, j) + C.get(j, i)));
  const ev = new EigenvalueDecomposition(S, { assumeSymmetric: true }).realEigenvalues;
  const top = Math.max(...ev);
  return Number.isFinite(top) ? top : null;
}
