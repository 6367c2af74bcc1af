/**
 * Drawing-only mixture maths on the main thread (densities on a plot grid, responsibilities for
 * colouring points, covariance ellipses). No iterations run here: θ always comes from the worker.
 */
const LOG_2PI = Math.log(2 * Math.PI);

/** π_k N(x | μ_k, v_k) for component k of a 1D θ = [π, μ1, μ2, v1, v2]. */
export function weightedPdf1D(t: ArrayLike<number>, k: 0 | 1, x: number): number {
  const w = k === 0 ? t[0] : 1 - t[0];
  const m = t[1 + k];
  const v = t[3 + k];
  if (!(v > 0)) return NaN;
  return w * Math.exp(-0.5 * (LOG_2PI + Math.log(v)) - ((x - m) * (x - m)) / (2 * v));
}

/** log π_k N(p | μ_k, Σ_k) for a 2D θ = [π, μ1x, μ1y, μ2x, μ2y, Σ1(xx,xy,yy), Σ2(xx,xy,yy)]. */
function logWeighted2D(t: ArrayLike<number>, k: 0 | 1, x: number, y: number): number {
  const w = k === 0 ? t[0] : 1 - t[0];
  const mx = t[1 + 2 * k];
  const my = t[2 + 2 * k];
  const a = t[5 + 3 * k];
  const b = t[6 + 3 * k];
  const c = t[7 + 3 * k];
  const det = a * c - b * b;
  if (!(det > 0)) return NaN;
  const dx = x - mx;
  const dy = y - my;
  const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return Math.log(w) - LOG_2PI - 0.5 * Math.log(det) - 0.5 * q;
}

/** r_1(x): responsibility of component 1, in the log domain (never 0/0). */
export function responsibility1D(t: ArrayLike<number>, x: number): number {
  const l1 = Math.log(weightedPdf1D(t, 0, x));
  const l2 = Math.log(weightedPdf1D(t, 1, x));
  return 1 / (1 + Math.exp(l2 - l1));
}

export function responsibility2D(t: ArrayLike<number>, x: number, y: number): number {
  const d = logWeighted2D(t, 1, x, y) - logWeighted2D(t, 0, x, y);
  return 1 / (1 + Math.exp(d));
}

/** Points of the s-σ ellipse of component k of a 2D θ (data coordinates). */
export function ellipse(t: ArrayLike<number>, k: 0 | 1, s: number, segments = 48): [number, number][] {
  const mx = t[1 + 2 * k];
  const my = t[2 + 2 * k];
  const a = t[5 + 3 * k];
  const b = t[6 + 3 * k];
  const c = t[7 + 3 * k];
  const mid = (a + c) / 2;
  const rad = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = Math.max(0, mid + rad);
  const l2 = Math.max(0, mid - rad);
  const ang = 0.5 * Math.atan2(2 * b, a - c);
  const ca = Math.cos(ang);
  const sa = Math.sin(ang);
  const r1 = s * Math.sqrt(l1);
  const r2 = s * Math.sqrt(l2);
  const out: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const u = (2 * Math.PI * i) / segments;
    const ex = r1 * Math.cos(u);
    const ey = r2 * Math.sin(u);
    out.push([mx + ca * ex - sa * ey, my + sa * ex + ca * ey]);
  }
  return out;
}
