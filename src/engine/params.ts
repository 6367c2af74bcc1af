/** Conversions between the flat θ vector (see types.ts) and the JSON `Params` shape of the run document. */
import type { Dim, Theta } from './types';
import { normInf, sub } from './vec';

export type Vec2 = [number, number];
export type Sym2 = [[number, number], [number, number]];

export interface Params1D {
  weight: number;
  means: [number, number];
  variances: [number, number];
}
export interface Params2D {
  weight: number;
  means: [Vec2, Vec2];
  covariances: [Sym2, Sym2];
}
export type Params = Params1D | Params2D;

export const paramCount = (dim: Dim): number => (dim === 1 ? 5 : 11);

/** Human names of θ's entries, for tables, CSV headers and small multiples. */
export function paramNames(dim: Dim): string[] {
  return dim === 1
    ? ['pi', 'mu1', 'mu2', 'v1', 'v2']
    : ['pi', 'mu1x', 'mu1y', 'mu2x', 'mu2y', 's1xx', 's1xy', 's1yy', 's2xx', 's2xy', 's2yy'];
}

export function thetaToParams(dim: Dim, t: Theta): Params {
  if (dim === 1) return { weight: t[0], means: [t[1], t[2]], variances: [t[3], t[4]] };
  return {
    weight: t[0],
    means: [
      [t[1], t[2]],
      [t[3], t[4]],
    ],
    covariances: [
      [
        [t[5], t[6]],
        [t[6], t[7]],
      ],
      [
        [t[8], t[9]],
        [t[9], t[10]],
      ],
    ],
  };
}

export function paramsToTheta(p: Params): Theta {
  if ('variances' in p) return Float64Array.of(p.weight, p.means[0], p.means[1], p.variances[0], p.variances[1]);
  const [a, b] = p.covariances;
  return Float64Array.of(
    p.weight,
    p.means[0][0],
    p.means[0][1],
    p.means[1][0],
    p.means[1][1],
    a[0][0],
    a[0][1],
    a[1][1],
    b[0][0],
    b[0][1],
    b[1][1],
  );
}

/** Swap the two components' labels (θ and the swapped θ have the same likelihood). */
export function swapComponents(dim: Dim, t: Theta): Theta {
  const s = new Float64Array(t.length);
  s[0] = 1 - t[0];
  if (dim === 1) {
    s[1] = t[2];
    s[2] = t[1];
    s[3] = t[4];
    s[4] = t[3];
  } else {
    s.set(t.subarray(3, 5), 1);
    s.set(t.subarray(1, 3), 3);
    s.set(t.subarray(8, 11), 5);
    s.set(t.subarray(5, 8), 8);
  }
  return s;
}

/** Indices in θ of the trajectory plane's axes: μ₁ and μ₂ (their first coordinates in 2D). */
export const planeAxes = (dim: Dim): [number, number] => (dim === 1 ? [1, 2] : [1, 3]);

/** First coordinate of component k's mean. */
export const meanX = (dim: Dim, t: Theta, k: 0 | 1): number => (dim === 1 ? t[1 + k] : t[1 + 2 * k]);

/** Parameter error ‖θ − θ*‖∞ after aligning θ's labels to θ* (the likelihood cannot tell them apart). */
export function alignedError(dim: Dim, theta: Theta, ref: Theta): number {
  return Math.min(normInf(sub(theta, ref)), normInf(sub(swapComponents(dim, theta), ref)));
}
