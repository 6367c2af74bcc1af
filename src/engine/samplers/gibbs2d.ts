/**
 * One data-augmentation Gibbs sweep of the 2D full-covariance mixture: z | θ, then θ | z exactly.
 * Full model: π | z ~ Beta(a + n₁, a + n₂); (μ_k, Σ_k) | z ~ NIW with κ = κ₀ + n, m = (κ₀m₀ + n x̄)/κ,
 *   ν = ν₀ + n, Ψ = Ψ₀ + S + (κ₀n/κ)(x̄ − m₀)(x̄ − m₀)ᵀ (S the scatter about x̄): Σ ~ IW(ν, Ψ), μ ~ N(m, Σ/κ).
 * Means-only: μ_k | z ~ N(P⁻¹(Σ_k⁻¹ Σ_{z=k} x + C₀⁻¹m₀), P⁻¹), P = n Σ_k⁻¹ + C₀⁻¹.
 * Sums centred at the current means, block-compensated, one pass (as gibbs1d.ts).
 */
import { expNeg } from '../detmath';
import { component } from '../model2d';
import { BLOCK, NeumaierSums } from '../summation';
import type { Theta } from '../types';
import { inv2 } from './map-em';
import type { MixturePrior } from './priors';
import type { Rng } from './rng';
import type { SweepBuffers } from './gibbs1d';
import { beta, inverseWishart2 } from './variates';

/** z-step: per component [n, bx, by, axx, axy, ayy] (centred at the current mean), 12 numbers. */
export function labelStats2D(data: Float64Array, theta: Theta, rng: Rng, buf: SweepBuffers): Float64Array {
  const c1 = component(theta, 0),
    c2 = component(theta, 1);
  const m1x = c1.mx,
    m1y = c1.my,
    k1 = c1.c,
    p1a = c1.pa,
    p1b2 = 2 * c1.pb,
    p1c = c1.pc;
  const m2x = c2.mx,
    m2y = c2.my,
    k2 = c2.c,
    p2a = c2.pa,
    p2b2 = 2 * c2.pb,
    p2c = c2.pc;
  const X = data,
    N = data.length / 2,
    D = buf.d,
    E = buf.e,
    U = buf.u;
  const acc = new NeumaierSums(10);
  let n1 = 0;
  for (let start = 0; start < N; start += BLOCK) {
    const len = Math.min(N, start + BLOCK) - start;
    rng.fillUniform(U, len);
    for (let j = 0; j < len; j++) {
      const i = 2 * (start + j);
      const ex1 = X[i] - m1x,
        ey1 = X[i + 1] - m1y,
        ex2 = X[i] - m2x,
        ey2 = X[i + 1] - m2y;
      const a1 = k1 - 0.5 * (p1a * ex1 * ex1 + p1b2 * ex1 * ey1 + p1c * ey1 * ey1);
      const a2 = k2 - 0.5 * (p2a * ex2 * ex2 + p2b2 * ex2 * ey2 + p2c * ey2 * ey2);
      D[j] = a1 - a2;
    }
    for (let j = 0; j < len; j++) E[j] = expNeg(Math.abs(D[j]));
    let bn = 0;
    let b1x = 0,
      b1y = 0,
      a1xx = 0,
      a1xy = 0,
      a1yy = 0,
      b2x = 0,
      b2y = 0,
      a2xx = 0,
      a2xy = 0,
      a2yy = 0;
    for (let j = 0; j < len; j++) {
      const e = E[j];
      const inv = 1 / (1 + e);
      const t = +(D[j] >= 0);
      const z = +(U[j] < t * inv + (1 - t) * e * inv);
      const w = 1 - z;
      const i = 2 * (start + j);
      const ex1 = X[i] - m1x,
        ey1 = X[i + 1] - m1y,
        ex2 = X[i] - m2x,
        ey2 = X[i + 1] - m2y;
      bn += z;
      const u1x = z * ex1,
        u1y = z * ey1,
        u2x = w * ex2,
        u2y = w * ey2;
      b1x += u1x;
      b1y += u1y;
      a1xx += u1x * ex1;
      a1xy += u1x * ey1;
      a1yy += u1y * ey1;
      b2x += u2x;
      b2y += u2y;
      a2xx += u2x * ex2;
      a2xy += u2x * ey2;
      a2yy += u2y * ey2;
    }
    n1 += bn;
    const sums = [b1x, b1y, a1xx, a1xy, a1yy, b2x, b2y, a2xx, a2xy, a2yy];
    for (let s = 0; s < 10; s++) acc.add(s, sums[s]);
  }
  const out = new Float64Array(12);
  out[0] = n1;
  out[6] = N - n1;
  for (let s = 0; s < 5; s++) {
    out[1 + s] = acc.total(s);
    out[7 + s] = acc.total(5 + s);
  }
  return out;
}

/** μ + chol(M) ξ for a 2×2 covariance M (vech). */
function gaussian2(rng: Rng, mx: number, my: number, a: number, b: number, c: number): [number, number] {
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l22 = Math.sqrt(Math.max(c - l21 * l21, 0));
  const z1 = rng.normal(),
    z2 = rng.normal();
  return [mx + l11 * z1, my + l21 * z1 + l22 * z2];
}

export function drawTheta2D(prior: MixturePrior, theta: Theta, st: Float64Array, rng: Rng): Theta {
  const out = new Float64Array(11);
  out[0] = beta(rng, prior.a + st[0], prior.a + st[6]);
  for (let k = 0; k < 2; k++) {
    const cp = prior.comps[k];
    const o = 6 * k;
    const n = st[o];
    const cx = theta[1 + 2 * k],
      cy = theta[2 + 2 * k];
    const bx = st[o + 1],
      by = st[o + 2];
    const kap = cp.kappa0 + n;
    const mx = (cp.kappa0 * cp.m0[0] + n * cx + bx) / kap,
      my = (cp.kappa0 * cp.m0[1] + n * cy + by) / kap;
    let Sxx = 0,
      Sxy = 0,
      Syy = 0,
      dx = 0,
      dy = 0;
    if (n > 0) {
      Sxx = st[o + 3] - (bx * bx) / n;
      Sxy = st[o + 4] - (bx * by) / n;
      Syy = st[o + 5] - (by * by) / n;
      dx = cx + bx / n - cp.m0[0];
      dy = cy + by / n - cp.m0[1];
    }
    const f = (cp.kappa0 * n) / kap;
    const psi = [cp.psi0[0] + Sxx + f * dx * dx, cp.psi0[1] + Sxy + f * dx * dy, cp.psi0[2] + Syy + f * dy * dy];
    const sig = inverseWishart2(rng, cp.nu0 + n, psi);
    out.set(sig, 5 + 3 * k);
    const [ux, uy] = gaussian2(rng, mx, my, sig[0] / kap, sig[1] / kap, sig[2] / kap);
    out[1 + 2 * k] = ux;
    out[2 + 2 * k] = uy;
  }
  return out;
}

export function drawMeans2D(prior: MixturePrior, theta: Theta, st: Float64Array, rng: Rng): Theta {
  const out = Float64Array.from(theta);
  for (let k = 0; k < 2; k++) {
    const { m0, cov } = prior.means[k];
    const o = 6 * k;
    const n = st[o];
    const [Pa, Pb, Pc] = inv2(theta[5 + 3 * k], theta[6 + 3 * k], theta[7 + 3 * k]);
    const [Ca, Cb, Cc] = inv2(cov[0], cov[1], cov[2]);
    const sx = n * theta[1 + 2 * k] + st[o + 1],
      sy = n * theta[2 + 2 * k] + st[o + 2];
    const rx = Pa * sx + Pb * sy + Ca * m0[0] + Cb * m0[1];
    const ry = Pb * sx + Pc * sy + Cb * m0[0] + Cc * m0[1];
    const [Va, Vb, Vc] = inv2(n * Pa + Ca, n * Pb + Cb, n * Pc + Cc);
    const [ux, uy] = gaussian2(rng, Va * rx + Vb * ry, Vb * rx + Vc * ry, Va, Vb, Vc);
    out[1 + 2 * k] = ux;
    out[2 + 2 * k] = uy;
  }
  return out;
}
