/**
 * Small dense linear algebra on p×p row-major Float64Arrays (p ≤ 11), delegated to ml-matrix.
 */
import { hypot } from './detmath';
import { allFinite } from './vec';
import { CholeskyDecomposition, EigenvalueDecomposition, LuDecomposition, Matrix } from 'ml-matrix';

export const toMatrix = (a: Float64Array, p: number): Matrix => {
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m.set(i, j, a[i * p + j]);
  return m;
};

const fromMatrix = (m: Matrix): Float64Array => Float64Array.from(m.to1DArray());

/** Eigenvalues of a symmetric matrix, descending. */
export function symmetricEigenvalues(a: Float64Array, p: number): Float64Array {
  const ev = new EigenvalueDecomposition(toMatrix(a, p), { assumeSymmetric: true }).realEigenvalues;
  return Float64Array.from(ev).sort().reverse();
}

/** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
export function cholesky(a: Float64Array, p: number): Matrix | null {
  if (!allFinite(a)) return null;
  const c = new CholeskyDecomposition(toMatrix(a, p));
  if (!c.isPositiveDefinite()) return null;
  const L = c.lowerTriangularMatrix;
  for (let i = 0; i < p; i++) if (!(L.get(i, i) > 0) || !Number.isFinite(L.get(i, i))) return null;
  return L;
}

export const isPositiveDefinite = (a: Float64Array, p: number): boolean => cholesky(a, p) !== null;

/** Solves A x = b (general square A) by LU; null when A is singular or the result is not finite. */
export function solve(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  if (!allFinite(a) || !allFinite(b)) return null;
  const lu = new LuDecomposition(toMatrix(a, p));
  if (lu.isSingular()) return null;
  const x = Float64Array.from(lu.solve(Matrix.columnVector(Array.from(b))).to1DArray());
  return allFinite(x) ? x : null;
}

/**
 * Spectrum of DM = I_oc⁻¹ I_m from its symmetric form C = L⁻¹ I_m L⁻ᵀ (I_oc = L Lᵀ), so the
 * eigenvalues are real by construction. Descending; null when I_oc is not positive definite.
 */
export function dmSpectrum(ioc: Float64Array, im: Float64Array, p: number): Float64Array | null {
  const L = cholesky(ioc, p);
  if (!L || !allFinite(im)) return null;
  // The triangular solves on flat arrays: through Matrix get/set they cost several times the
  // factorisation and the eigen-decomposition together (p ≤ 11, once per row of the spectrum panel).
  const l = fromMatrix(L);
  const X = lowerSolveFlat(l, im, p); // L⁻¹ I_m
  const C = lowerSolveFlat(l, transposeFlat(X, p), p); // L⁻¹ (L⁻¹ I_m)ᵀ = L⁻¹ I_m L⁻ᵀ
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) C[i * p + j] = C[j * p + i] = 0.5 * (C[i * p + j] + C[j * p + i]); // remove rounding asymmetry
  const ev = symmetricEigenvalues(C, p);
  return allFinite(ev) ? ev : null;
}

/** L⁻¹ B for lower-triangular L (forward substitution, column by column), all p×p row-major. */
function lowerSolveFlat(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const x = new Float64Array(p * p);
  for (let c = 0; c < p; c++)
    for (let i = 0; i < p; i++) {
      let s = b[i * p + c];
      for (let k = 0; k < i; k++) s -= l[i * p + k] * x[k * p + c];
      x[i * p + c] = s / l[i * p + i];
    }
  return x;
}

function transposeFlat(a: Float64Array, p: number): Float64Array {
  const t = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) t[j * p + i] = a[i * p + j];
  return t;
}

/** DM = I_oc⁻¹ I_m as a full matrix (column convention), for the SEM cross-check and panels. */
export function dmMatrix(ioc: Float64Array, im: Float64Array, p: number): Float64Array | null {
  const L = cholesky(ioc, p);
  if (!L) return null;
  const l = fromMatrix(L);
  const Y = lowerSolveFlat(l, im, p);
  // I_oc⁻¹ I_m = L⁻ᵀ L⁻¹ I_m: solve Lᵀ Z = Y by back substitution.
  const Z = new Float64Array(p * p);
  for (let c = 0; c < p; c++)
    for (let i = p - 1; i >= 0; i--) {
      let s = Y[i * p + c];
      for (let k = i + 1; k < p; k++) s -= l[k * p + i] * Z[k * p + c];
      Z[i * p + c] = s / l[i * p + i];
    }
  return Z;
}

/** Smallest eigenvalue of the symmetric 2×2 [[a, b], [b, c]], as det/λmax to avoid cancellation. */
export function minEigenSym2(a: number, b: number, c: number): number {
  const h = 0.5 * (a - c);
  const lmax = 0.5 * (a + c) + hypot(h, b);
  return lmax > 0 ? (a * c - b * b) / lmax : 0.5 * (a + c) - hypot(h, b);
}
