/**
 * The marginal samplers work in whitened coordinates u, φ = φ̂ + C u with C Cᵀ = H⁻¹ (H = −∇² log p at the
 * mode φ̂): near the mode the target is then close to N(0, I), so one isotropic step size fits every
 * direction. This is a fixed (dense) metric handed over from the mode's curvature, the same for RWM,
 * MALA, HMC and NUTS; the map is affine, so its Jacobian is a constant and drops out.
 */
import { cholesky } from '../linalg';
import type { Target } from './posterior';

/** A smooth log density on ℝ^p with its gradient: what RWM, MALA, HMC and NUTS need. */
export interface Density {
  readonly p: number;
  /** log density (−∞ outside the support) with ∇ into grad; one pass over the data. */
  logDensityGrad(u: Float64Array, grad: Float64Array): number;
}

export interface Whitened extends Density {
  readonly center: Float64Array;
  /** φ of u. */
  toPhi(u: Float64Array): Float64Array;
  /** u of φ (for a chain's start). */
  fromPhi(phi: Float64Array): Float64Array;
}

/** Lower Cholesky factor of H as a flat array; when H is not positive definite, of its diagonal's absolute values (+1e-8). */
export function choleskyFlat(H: Float64Array, p: number): Float64Array {
  let L = cholesky(H, p);
  if (!L) {
    const D = new Float64Array(p * p);
    for (let i = 0; i < p; i++) D[i * p + i] = Math.abs(H[i * p + i]) + 1e-8;
    L = cholesky(D, p);
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) out[i * p + j] = (L as NonNullable<typeof L>).get(i, j);
  return out;
}

export function whiten(target: Target, center: Float64Array, H: Float64Array): Whitened {
  const p = target.p;
  const L = choleskyFlat(H, p);
  const gPhi = new Float64Array(p);
  // φ − φ̂ = C u with C = L⁻ᵀ: solve Lᵀ (φ − φ̂) = u.
  const toPhi = (u: Float64Array): Float64Array => {
    const x = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = u[i];
      for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
      x[i] = s / L[i * p + i];
    }
    for (let i = 0; i < p; i++) x[i] += center[i];
    return x;
  };
  const fromPhi = (phi: Float64Array): Float64Array => {
    const u = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = i; k < p; k++) s += L[k * p + i] * (phi[k] - center[k]);
      u[i] = s;
    }
    return u;
  };
  return {
    p,
    center,
    toPhi,
    fromPhi,
    logDensityGrad(u, grad) {
      const lp = target.logDensityGrad(toPhi(u), gPhi);
      // ∇_u = Cᵀ ∇_φ = L⁻¹ ∇_φ (forward substitution).
      for (let i = 0; i < p; i++) {
        let s = gPhi[i];
        for (let k = 0; k < i; k++) s -= L[i * p + k] * grad[k];
        grad[i] = s / L[i * p + i];
      }
      return lp;
    },
  };
}
