/**
 * A deliberately naive, independent reference implementation of the 2-component Gaussian mixture
 * (1D and 2D full covariance) for the rate and optimum tests: per-point logsumexp with Math.exp,
 * responsibilities stored in an array, a two-pass M-step, the gradient from textbook formulas.
 * It shares no code with src/engine (no fused passes, no centred statistics, no fast exp), so a
 * test that compares it with the engine compares two derivations, not one code path twice.
 * θ layout as in src/engine/types.ts: 1D [π, μ1, μ2, v1, v2]; 2D [π, μ1x, μ1y, μ2x, μ2y, vech Σ1, vech Σ2].
 */

/** Neumaier-compensated sum: plain float64 summation of 1000 O(1) terms loses ~1e-14 relative. */
function csum(xs: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

interface Comp2 {
  mx: number;
  my: number;
  /** inverse covariance entries */
  ia: number;
  ib: number;
  ic: number;
  logdet: number;
}

function comp2(t: ArrayLike<number>, k: 0 | 1): Comp2 {
  const o = 5 + 3 * k;
  const [a, b, c] = [t[o], t[o + 1], t[o + 2]];
  const det = a * c - b * b;
  return { mx: t[1 + 2 * k], my: t[2 + 2 * k], ia: c / det, ib: -b / det, ic: a / det, logdet: Math.log(det) };
}

/** log π_k + log N(x_n | μ_k, Σ_k) for both components and every point. */
function logDensities(dim: 1 | 2, data: Float64Array, t: ArrayLike<number>): [Float64Array, Float64Array] {
  const n = data.length / dim;
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  const w = [Math.log(t[0]), Math.log(1 - t[0])];
  if (dim === 1) {
    for (let i = 0; i < n; i++) {
      const x = data[i];
      l1[i] = w[0] - 0.5 * Math.log(2 * Math.PI * t[3]) - ((x - t[1]) * (x - t[1])) / (2 * t[3]);
      l2[i] = w[1] - 0.5 * Math.log(2 * Math.PI * t[4]) - ((x - t[2]) * (x - t[2])) / (2 * t[4]);
    }
    return [l1, l2];
  }
  const cs = [comp2(t, 0), comp2(t, 1)];
  for (let i = 0; i < n; i++) {
    for (const k of [0, 1] as const) {
      const c = cs[k];
      const ex = data[2 * i] - c.mx;
      const ey = data[2 * i + 1] - c.my;
      const q = c.ia * ex * ex + 2 * c.ib * ex * ey + c.ic * ey * ey;
      (k === 0 ? l1 : l2)[i] = w[k] - Math.log(2 * Math.PI) - 0.5 * c.logdet - 0.5 * q;
    }
  }
  return [l1, l2];
}

/** L(θ) and r_n1 by per-point logsumexp. */
export function refEStep(dim: 1 | 2, data: Float64Array, t: ArrayLike<number>): { L: number; r: Float64Array } {
  const [l1, l2] = logDensities(dim, data, t);
  const n = l1.length;
  const terms = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = Math.max(l1[i], l2[i]);
    const lse = m + Math.log(Math.exp(l1[i] - m) + Math.exp(l2[i] - m));
    terms[i] = lse;
    r[i] = Math.exp(l1[i] - lse);
  }
  return { L: csum(terms), r };
}

/** The EM map M(θ): weighted means, then weighted covariances about the NEW means (two passes). */
export function refEMMap(dim: 1 | 2, data: Float64Array, t: ArrayLike<number>): Float64Array {
  const { r } = refEStep(dim, data, t);
  const n = r.length;
  const s = Float64Array.from(r, (x) => 1 - x);
  const R = [csum(r), csum(s)];
  const wts = [r, s];
  if (dim === 1) {
    const out = new Float64Array(5);
    out[0] = R[0] / n;
    for (const k of [0, 1] as const) {
      const w = wts[k];
      const mu = csum(Array.from(w, (x, i) => x * data[i])) / R[k];
      const v = csum(Array.from(w, (x, i) => x * (data[i] - mu) * (data[i] - mu))) / R[k];
      out[1 + k] = mu;
      out[3 + k] = v;
    }
    return out;
  }
  const out = new Float64Array(11);
  out[0] = R[0] / n;
  for (const k of [0, 1] as const) {
    const w = wts[k];
    const mx = csum(Array.from(w, (x, i) => x * data[2 * i])) / R[k];
    const my = csum(Array.from(w, (x, i) => x * data[2 * i + 1])) / R[k];
    const sxx = csum(Array.from(w, (x, i) => x * (data[2 * i] - mx) ** 2)) / R[k];
    const sxy = csum(Array.from(w, (x, i) => x * (data[2 * i] - mx) * (data[2 * i + 1] - my))) / R[k];
    const syy = csum(Array.from(w, (x, i) => x * (data[2 * i + 1] - my) ** 2)) / R[k];
    out.set([mx, my], 1 + 2 * k);
    out.set([sxx, sxy, syy], 5 + 3 * k);
  }
  return out;
}

/**
 * ∇_θ L in natural coordinates, textbook formulas:
 * ∂/∂π = Σ (r/π − (1−r)/(1−π)); ∂/∂μ_k = Σ r_k Σ_k⁻¹ e; ∂/∂Σ_k = ½ Σ r_k (Σ⁻¹ e eᵀ Σ⁻¹ − Σ⁻¹) =: G,
 * reported for vech (σxx, σxy, σyy) as (Gxx, 2Gxy, Gyy) since σxy moves both off-diagonal entries.
 */
export function refGradient(dim: 1 | 2, data: Float64Array, t: ArrayLike<number>): Float64Array {
  const { r } = refEStep(dim, data, t);
  const n = r.length;
  const g = new Float64Array(dim === 1 ? 5 : 11);
  g[0] = csum(Array.from(r, (x) => x / t[0] - (1 - x) / (1 - t[0])));
  const wk = (k: 0 | 1, i: number) => (k === 0 ? r[i] : 1 - r[i]);
  if (dim === 1) {
    for (const k of [0, 1] as const) {
      const mu = t[1 + k];
      const v = t[3 + k];
      g[1 + k] = csum(Array.from({ length: n }, (_, i) => (wk(k, i) * (data[i] - mu)) / v));
      g[3 + k] = csum(Array.from({ length: n }, (_, i) => (wk(k, i) * ((data[i] - mu) ** 2 - v)) / (2 * v * v)));
    }
    return g;
  }
  for (const k of [0, 1] as const) {
    const c = comp2(t, k);
    const gx: number[] = [];
    const gy: number[] = [];
    const gxx: number[] = [];
    const gxy: number[] = [];
    const gyy: number[] = [];
    for (let i = 0; i < n; i++) {
      const ex = data[2 * i] - c.mx;
      const ey = data[2 * i + 1] - c.my;
      const ux = c.ia * ex + c.ib * ey; // Σ⁻¹ e
      const uy = c.ib * ex + c.ic * ey;
      const w = wk(k, i);
      gx.push(w * ux);
      gy.push(w * uy);
      gxx.push(0.5 * w * (ux * ux - c.ia));
      gxy.push(0.5 * w * (ux * uy - c.ib));
      gyy.push(0.5 * w * (uy * uy - c.ic));
    }
    g[1 + 2 * k] = csum(gx);
    g[2 + 2 * k] = csum(gy);
    g[5 + 3 * k] = csum(gxx);
    g[6 + 3 * k] = 2 * csum(gxy);
    g[7 + 3 * k] = csum(gyy);
  }
  return g;
}

/** θ with the component labels swapped. */
export function refSwap(dim: 1 | 2, t: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(t);
  s[0] = 1 - t[0];
  if (dim === 1) {
    [s[1], s[2], s[3], s[4]] = [t[2], t[1], t[4], t[3]];
  } else {
    for (let j = 0; j < 2; j++) [s[1 + j], s[3 + j]] = [t[3 + j], t[1 + j]];
    for (let j = 0; j < 3; j++) [s[5 + j], s[8 + j]] = [t[8 + j], t[5 + j]];
  }
  return s;
}

export const dist2 = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};

/** ‖a − b‖ / ‖b‖ (Euclidean, or Frobenius for a flattened matrix). */
export const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
};

/** ‖θ − ref‖₂ after choosing the labelling of θ closer to ref. */
export const alignedDist = (dim: 1 | 2, t: ArrayLike<number>, ref: ArrayLike<number>): number =>
  Math.min(dist2(t, ref), dist2(refSwap(dim, t), ref));

export const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
