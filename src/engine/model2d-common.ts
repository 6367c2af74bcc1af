/** What the 2-D mixture's passes and its information matrices share: each component's constants, and 2×2 algebra. */
import { log } from './detmath';
import type { Theta } from './types';

const LOG_2PI = log(2 * Math.PI);

/** Per-component quantities the per-point loops need: mean, precision P = Σ⁻¹ (vech), log-density constant. */
export interface Comp {
  mx: number;
  my: number;
  /** Σ entries (xx, xy, yy). */
  sa: number;
  sb: number;
  sc: number;
  /** Σ⁻¹ entries (xx, xy, yy). */
  pa: number;
  pb: number;
  pc: number;
  /** log π_k − log 2π − ½ log|Σ_k|. */
  c: number;
}

export function component(theta: Theta, k: 0 | 1): Comp {
  const w = k === 0 ? theta[0] : 1 - theta[0];
  const o = 5 + 3 * k;
  const sa = theta[o],
    sb = theta[o + 1],
    sc = theta[o + 2];
  const det = sa * sc - sb * sb;
  return {
    mx: theta[1 + 2 * k],
    my: theta[2 + 2 * k],
    sa,
    sb,
    sc,
    pa: sc / det,
    pb: -sb / det,
    pc: sa / det,
    c: log(w) - LOG_2PI - 0.5 * log(det),
  };
}

// 2×2 matrices as [m11, m12, m21, m22] (only used in the O(1) information assembly and the gradient).
export type M2 = [number, number, number, number];
export const mul = (x: M2, y: M2): M2 => [
  x[0] * y[0] + x[1] * y[2],
  x[0] * y[1] + x[1] * y[3],
  x[2] * y[0] + x[3] * y[2],
  x[2] * y[1] + x[3] * y[3],
];
export const tr = (x: M2): number => x[0] + x[3];
/** dΣ for the vech coordinates (σ11, σ12, σ22): σ12 moves both off-diagonal entries. */
export const VECH_BASIS: readonly M2[] = [
  [1, 0, 0, 0],
  [0, 1, 1, 0],
  [0, 0, 0, 1],
];
