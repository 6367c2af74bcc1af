/**
 * What the Sampler mode shows of each draw, computed beside the chains (the worker, the tests): the
 * slowest functional wᵀφ of the draw in the mode's labelling — the series the autocorrelations and
 * the ESS are computed on (chain-summary.ts) — its coordinates on the chain plane (chain-plane.ts),
 * raw, so a label switch shows as a jump to the twin mode, and whether it was switched. Plus the
 * log posterior over a grid of the plane (contours), and the autocorrelation function of wᵀφ.
 */
import { combinedAutocorrelation } from '../mcmc/ess';
import { isSwitched, type RelabelRule, type SwapGeometry } from '../mcmc/label-switching';
import { planeCoords, planePoint, type ChainPlane } from './chain-plane';
import type { Target } from './posterior';

import { VIEW_FIELDS } from './view-fields';

export { VIEW_FIELDS };

export interface ViewGeometry {
  readonly swap: SwapGeometry;
  readonly rule: RelabelRule;
  /** The functional's weights; null: the first coordinate (as chain-summary.ts). */
  readonly w: Float64Array | null;
  readonly plane: ChainPlane | null;
}

/** The view rows of draws [from, to) of one chain (phi: draws × p; cost: passes up to each draw), appended to out at `at`. */
export function viewRows(
  g: ViewGeometry,
  phi: Float64Array,
  cost: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  at = 0,
): void {
  const p = g.swap.p;
  for (let t = from; t < to; t++) {
    const x = phi.subarray(t * p, (t + 1) * p);
    const sw = isSwitched(g.swap, x, g.rule);
    const rel = sw && g.rule !== 'none' ? g.swap.swap(x) : x;
    let f = 0;
    for (let i = 0; i < p; i++) f += (g.w ? g.w[i] : i === 0 ? 1 : 0) * rel[i];
    const [a, b] = g.plane ? planeCoords(g.plane, x) : [x[0], x[1] ?? 0];
    const o = at + (t - from) * VIEW_FIELDS;
    out[o] = f;
    out[o + 1] = a;
    out[o + 2] = b;
    out[o + 3] = sw ? 1 : 0;
    out[o + 4] = cost[t];
  }
}

export interface GridBox {
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** log p(φ(a, b) | x) at the cell centres of rows [from, to) of the box (one pass per point), row-major by b. */
export function planeLogPosterior(target: Target, plane: ChainPlane, box: GridBox, from: number, to: number): Float64Array {
  const out = new Float64Array((to - from) * box.nx);
  const grad = new Float64Array(target.p);
  for (let r = from; r < to; r++) {
    const b = box.y0 + ((r + 0.5) / box.ny) * (box.y1 - box.y0);
    for (let c = 0; c < box.nx; c++) {
      const a = box.x0 + ((c + 0.5) / box.nx) * (box.x1 - box.x0);
      out[(r - from) * box.nx + c] = target.logDensityGrad(planePoint(plane, a, b), grad);
    }
  }
  return out;
}

/**
 * How far (in the mode's curvature metric, posterior sds) the swapped mode may lie for the plane to
 * show it: where the components overlap enough for chains to cross (measured: means-only at 1σ, N =
 * 1000, is 18 sds, 1.5σ 36; the full model's posterior is far from Gaussian there, so the Laplace
 * distance overstates the gap — 46 at 1σ, 60 at 2σ, where chains do switch).
 */
export const TWIN_WITHIN = { means: 25, eigen: 65 } as const;

/** The shown box: the mode ± 4.5 posterior sds, the twin mode too when it is near enough to matter; equal ranges on both axes. */
export function planeBox(
  plane: ChainPlane,
  size: number,
  twinWithin: number = TWIN_WITHIN[plane.kind],
): GridBox & { readonly showsTwin: boolean } {
  const showsTwin = plane.twinDistance < twinWithin;
  const k = 4.5;
  const pts: [number, number][] = [[plane.mode[0], plane.mode[1]]];
  if (showsTwin) pts.push([plane.twin[0], plane.twin[1]]);
  let x0 = Math.min(...pts.map((q) => q[0])) - k * plane.sd[0];
  let x1 = Math.max(...pts.map((q) => q[0])) + k * plane.sd[0];
  let y0 = Math.min(...pts.map((q) => q[1])) - k * plane.sd[1];
  let y1 = Math.max(...pts.map((q) => q[1])) + k * plane.sd[1];
  // Equal ranges on both axes (the means' plane is symmetric about μ₁ = μ₂, the label swap).
  const half = Math.max(x1 - x0, y1 - y0) / 2;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  [x0, x1, y0, y1] = [cx - half, cx + half, cy - half, cy + half];
  return { nx: size, ny: size, x0, x1, y0, y1, showsTwin };
}

/** The multi-chain autocorrelation of wᵀφ at lags 0 … maxLag (fewer when the chains are short); null when undefined. */
export function functionalAcf(chains: readonly Float64Array[], maxLag: number): Float64Array | null {
  const ac = combinedAutocorrelation(chains);
  if (!ac) return null;
  const rho = ac.rho.slice(0, Math.min(maxLag + 1, ac.rho.length));
  return rho.every(Number.isFinite) ? rho : null;
}
