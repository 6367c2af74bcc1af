/**
 * The plane the Sampler mode draws its chains on. Means-only in 1D: the posterior of (μ₁, μ₂) *is* a
 * plane, shown in its own coordinates. Otherwise: the plane through the mode φ̂ spanned by the two
 * slowest eigen-directions of the Bayesian DM_B = (H + I_m)⁻¹ I_m (mcmc/slowest.ts), in units of
 * posterior standard deviations (Laplace approximation), so the scale reads the same at every
 * separation. A draw's coordinates there are its projection along the other directions: with the
 * left eigenvectors w_i and right ones v_i biorthogonal (w_iᵀ v_j = δ_ij), a = w₁ᵀ(φ − φ̂) is exactly the
 * amount of v₁ in φ − φ̂. Display geometry only: nothing here feeds a draw or a summary.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { cholesky } from '../linalg';
import { missingInfoFree } from '../mcmc/slowest';
import type { Target } from './posterior';

export interface EigenDirection {
  /** Eigenvalue of DM_B: the fraction of missing information along it (DA Gibbs' lag-1 there). */
  readonly lambda: number;
  /** Unit direction in plane coordinates. */
  readonly dx: number;
  readonly dy: number;
}

export interface ChainPlane {
  /** 'means': the (μ₁, μ₂) plane itself (1D means-only); 'eigen': the two slowest DM_B directions. */
  readonly kind: 'means' | 'eigen';
  /** φ(a, b) = origin + a·dirs[0] + b·dirs[1]. */
  readonly origin: Float64Array;
  readonly dirs: readonly [Float64Array, Float64Array];
  /** (a, b) of φ: coords[i]ᵀ(φ − origin). */
  readonly coords: readonly [Float64Array, Float64Array];
  /** The two slowest DM_B directions through the mode, in plane coordinates (descending λ). */
  readonly eigen: readonly EigenDirection[];
  /** The mode and its label-swapped twin in plane coordinates. */
  readonly mode: readonly [number, number];
  readonly twin: readonly [number, number];
  /** The twin's distance from the mode in the curvature metric, √(ΔᵀHΔ): posterior sds, roughly. */
  readonly twinDistance: number;
  /** Posterior sds of the plane coordinates at the mode (Laplace). */
  readonly sd: readonly [number, number];
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** H⁻¹ x through a Cholesky factor of H (null when H is not positive definite). */
function solveSpd(H: Float64Array, p: number): ((x: Float64Array) => Float64Array) | null {
  const L = cholesky(H, p);
  if (!L) return null;
  return (x) => {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = x[i];
      for (let k = 0; k < i; k++) s -= L.get(i, k) * y[k];
      y[i] = s / L.get(i, i);
    }
    const z = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < p; k++) s -= L.get(k, i) * z[k];
      z[i] = s / L.get(i, i);
    }
    return z;
  };
}

/** DM_B's eigenpairs, descending: left w_i = L y_i and right v_i = L⁻ᵀ y_i of the symmetric C = L⁻¹ I_m L⁻ᵀ, L Lᵀ = H + I_m. */
export function dmEigenpairs(
  target: Target,
  phi: Float64Array,
  H: Float64Array,
): { lambda: number; w: Float64Array; v: Float64Array }[] | null {
  const p = target.p;
  const im = missingInfoFree(target, phi);
  const Lm = cholesky(
    H.map((h, i) => h + im[i]),
    p,
  );
  if (!Lm) return null;
  const L = (i: number, j: number) => Lm.get(i, j);
  // X = L⁻¹ I_m, then C = L⁻¹ Xᵀ (= L⁻¹ I_m L⁻ᵀ, I_m symmetric).
  const lower = (B: (i: number, c: number) => number): Float64Array => {
    const X = new Float64Array(p * p);
    for (let c = 0; c < p; c++)
      for (let i = 0; i < p; i++) {
        let s = B(i, c);
        for (let k = 0; k < i; k++) s -= L(i, k) * X[k * p + c];
        X[i * p + c] = s / L(i, i);
      }
    return X;
  };
  const X = lower((i, c) => im[i * p + c]);
  const C = lower((i, c) => X[c * p + i]);
  const evd = new EigenvalueDecomposition(
    new Matrix(Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => 0.5 * (C[i * p + j] + C[j * p + i])))),
    { assumeSymmetric: true },
  );
  const vals = evd.realEigenvalues;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b] - vals[a]);
  return order.map((k) => {
    const y = Float64Array.from({ length: p }, (_, i) => evd.eigenvectorMatrix.get(i, k));
    const w = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) w[i] += L(i, j) * y[j];
    const v = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = y[i];
      for (let j = i + 1; j < p; j++) s -= L(j, i) * v[j];
      v[i] = s / L(i, i);
    }
    return { lambda: vals[k], w, v };
  });
}

/** The plane for a target at its mode φ̂ with curvature H; null where H or H + I_m is not positive definite. */
export function chainPlane(target: Target, phiHat: Float64Array, H: Float64Array): ChainPlane | null {
  const p = target.p;
  const pairs = dmEigenpairs(target, phiHat, H);
  const Hinv = solveSpd(H, p);
  if (!pairs || !Hinv || pairs.length < 2) return null;
  const twinPhi = target.swap(phiHat);
  const delta = twinPhi.map((x, i) => x - phiHat[i]);
  const twinDistance = Math.sqrt(Math.max(0, dot(delta, matVec(H, delta, p))));
  if (target.restriction === 'means' && p === 2) {
    const e = (i: number) => Float64Array.from({ length: 2 }, (_, j) => (i === j ? 1 : 0));
    const cov = [Hinv(e(0)), Hinv(e(1))];
    return {
      kind: 'means',
      origin: new Float64Array(2),
      dirs: [e(0), e(1)],
      coords: [e(0), e(1)],
      eigen: pairs.slice(0, 2).map(({ lambda, v }) => {
        const n = Math.hypot(v[0], v[1]);
        return { lambda, dx: v[0] / n, dy: v[1] / n };
      }),
      mode: [phiHat[0], phiHat[1]],
      twin: [twinPhi[0], twinPhi[1]],
      twinDistance,
      sd: [Math.sqrt(cov[0][0]), Math.sqrt(cov[1][1])],
    };
  }
  // Scaled so that each coordinate has posterior sd 1 (Var(wᵀφ) ≈ wᵀH⁻¹w), its direction reciprocally.
  const scaled = pairs.slice(0, 2).map(({ w, v }) => {
    const s = Math.sqrt(Math.max(1e-300, dot(w, Hinv(w))));
    return { coord: w.map((x) => x / s), dir: v.map((x) => x * s) };
  });
  const coords: [Float64Array, Float64Array] = [scaled[0].coord, scaled[1].coord];
  return {
    kind: 'eigen',
    origin: Float64Array.from(phiHat),
    dirs: [scaled[0].dir, scaled[1].dir],
    coords,
    eigen: [
      { lambda: pairs[0].lambda, dx: 1, dy: 0 },
      { lambda: pairs[1].lambda, dx: 0, dy: 1 },
    ],
    mode: [0, 0],
    twin: [dot(coords[0], delta), dot(coords[1], delta)],
    twinDistance,
    sd: [1, 1],
  };
}

function matVec(A: Float64Array, x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) y[i] += A[i * p + j] * x[j];
  return y;
}

/** (a, b) of φ on the plane. */
export function planeCoords(plane: ChainPlane, phi: ArrayLike<number>): [number, number] {
  let a = 0;
  let b = 0;
  for (let i = 0; i < plane.origin.length; i++) {
    const d = phi[i] - plane.origin[i];
    a += plane.coords[0][i] * d;
    b += plane.coords[1][i] * d;
  }
  return [a, b];
}

/** φ at (a, b) on the plane. */
export function planePoint(plane: ChainPlane, a: number, b: number): Float64Array {
  return plane.origin.map((o, i) => o + a * plane.dirs[0][i] + b * plane.dirs[1][i]);
}
