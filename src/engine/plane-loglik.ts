/**
 * L(θ) on a grid of the (μ₁, μ₂) plane through a base θ — the likelihood contours of the trajectory
 * panel. Component 1's density depends only on μ₁ and component 2's only on μ₂, so per point the
 * grid needs nx + ny log-densities and then one log per cell:
 *     L(a, b) = Σ_n [m_n + log(e^{A_n(a) − m_n} + e^{B_n(b) − m_n})],   m_n = max over the grid.
 * With the log taken once per run of points (below), ~40× cheaper than an E-step per cell (a drawing,
 * not a number of record: Math.log is fine).
 * Agrees with model.estep(θ).logLik to ~1e-12 relative (tests/unit/plane-loglik.test.ts).
 */
import { component as component2D } from './model2d';
import { familyData } from './family-data';
import type { Dim, LatentModel, Theta } from './types';

export interface PlaneGrid {
  /** θ the slice goes through; its μ₁ and μ₂ coordinates (planeAxes) are replaced per cell. */
  readonly base: Theta;
  /** Cell centres along μ₁ (x) and μ₂ (y); values are row-major, y outer. */
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
}

const LOG_2PI = Math.log(2 * Math.PI);
const PRODUCT_RUN = 16;
const TINY = 1e-19;

/**
 * log(w_k) + log N(point; μ_k(g), Σ_k) for every grid value g of the plane coordinate of component k,
 * for one data point; written into `out`.
 */
type CompLogDensity = (n: number, grid: ArrayLike<number>, out: Float64Array) => void;

function components1D(data: Float64Array, t: Theta): [CompLogDensity, CompLogDensity] {
  const make = (w: number, v: number): CompLogDensity => {
    const c = Math.log(w) - 0.5 * (LOG_2PI + Math.log(v));
    const h = 0.5 / v;
    return (n, grid, out) => {
      const x = data[n];
      for (let g = 0; g < grid.length; g++) {
        const d = x - grid[g];
        out[g] = c - h * d * d;
      }
    };
  };
  return [make(t[0], t[3]), make(1 - t[0], t[4])];
}

function components2D(data: Float64Array, t: Theta): [CompLogDensity, CompLogDensity] {
  const make = (k: 0 | 1): CompLogDensity => {
    // The model's own per-component constants: precision Σ⁻¹ (pa, pb, pc) and log π_k − log 2π − ½ log|Σ_k|.
    const { my, pa, pb, pc, c } = component2D(t, k);
    return (n, grid, out) => {
      const dy = data[2 * n + 1] - my;
      for (let g = 0; g < grid.length; g++) {
        const dx = data[2 * n] - grid[g];
        out[g] = c - 0.5 * (pa * dx * dx + 2 * pb * dx * dy + pc * dy * dy);
      }
    };
  };
  return [make(0), make(1)];
}

function logAddExp(u: number, v: number): number {
  const hi = Math.max(u, v);
  return hi + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** Row-major (y outer) log-likelihoods of the grid; NaN where θ is invalid (not finite). */
export function planeLogLik(dim: Dim, data: Float64Array, grid: PlaneGrid, rows?: { from: number; to: number }): Float64Array {
  const { xs, ys } = grid;
  const nx = xs.length;
  const y0 = rows?.from ?? 0;
  const y1 = rows?.to ?? ys.length;
  const yRows = Array.prototype.slice.call(ys, y0, y1) as number[];
  const ny = yRows.length;
  const n = dim === 1 ? data.length : data.length / 2;
  const [first, second] = dim === 1 ? components1D(data, grid.base) : components2D(data, grid.base);
  const A = new Float64Array(nx);
  const B = new Float64Array(ny);
  const eA = new Float64Array(nx);
  const eB = new Float64Array(ny);
  const out = new Float64Array(nx * ny);
  // Math.log costs ~25 ns: the terms of PRODUCT_RUN points are multiplied per cell and their
  // product's log taken once. Each factor is ≥ TINY (the rest go to the log directly), so a run's
  // product stays a normal float64 (≥ TINY^PRODUCT_RUN = 1e-304) and loses only a few ulps.
  const prod = new Float64Array(nx * ny).fill(1);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    first(i, xs, A);
    second(i, yRows, B);
    let m = -Infinity;
    for (let a = 0; a < nx; a++) if (A[a] > m) m = A[a];
    for (let b = 0; b < ny; b++) if (B[b] > m) m = B[b];
    offset += m;
    for (let a = 0; a < nx; a++) eA[a] = Math.exp(A[a] - m);
    for (let b = 0; b < ny; b++) eB[b] = Math.exp(B[b] - m);
    for (let b = 0; b < ny; b++) {
      const eb = eB[b];
      const row = b * nx;
      for (let a = 0; a < nx; a++) {
        const s = eA[a] + eb;
        if (s >= TINY) prod[row + a] *= s;
        // Both terms underflow only in cells hopelessly far from this point: add them in the log domain.
        else out[row + a] += s > 0 ? Math.log(s) : logAddExp(A[a] - m, B[b] - m);
      }
    }
    if ((i + 1) % PRODUCT_RUN === 0 || i === n - 1)
      for (let k = 0; k < prod.length; k++) {
        out[k] += Math.log(prod[k]);
        prod[k] = 1;
      }
  }
  for (let k = 0; k < out.length; k++) out[k] = Number.isFinite(out[k]) ? out[k] + offset : NaN;
  return out;
}

/**
 * The same grid for any model: the mixture's separable pass above, other families (the HMM) one E-step
 * per cell with the two plane coordinates (family-data.ts planeAxes) replaced in the base θ.
 */
export function planeLogLikOf(model: LatentModel, grid: PlaneGrid, rows?: { from: number; to: number }): Float64Array {
  if (model.family === 'mixture') return planeLogLik(model.dim, model.data, grid, rows);
  const [ia, ib] = familyData(model.family).planeAxes(model.dim);
  const { xs, ys } = grid;
  const y0 = rows?.from ?? 0;
  const y1 = rows?.to ?? ys.length;
  const out = new Float64Array(xs.length * (y1 - y0));
  const theta = Float64Array.from(grid.base);
  for (let b = y0; b < y1; b++)
    for (let a = 0; a < xs.length; a++) {
      theta[ia] = xs[a];
      theta[ib] = ys[b];
      const L = model.domainError(theta) === null ? model.estep(theta).logLik : NaN;
      out[(b - y0) * xs.length + a] = Number.isFinite(L) ? L : NaN;
    }
  return out;
}
