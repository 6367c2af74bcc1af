/**
 * One data-augmentation Gibbs sweep of the 1D mixture (em-theory.md §15.1): z_n | θ ~ Bernoulli(r_n), then
 * θ | z from its exact conjugate conditional. One pass over the data (the z-step; the θ-step is O(1)).
 * Full model: π | z ~ Beta(a + n₁, a + n₂); v_k | z ~ IG(α₀ + n_k/2, β₀ + S_k/2 + κ₀n_k(x̄_k − m₀)²/(2κ_k)),
 *   μ_k | v_k, z ~ N((κ₀m₀ + n_k x̄_k)/κ_k, v_k/κ_k), κ_k = κ₀ + n_k (α₀ = ν₀/2, β₀ = ψ₀/2).
 * Means-only: μ_k | z ~ N(((n_k x̄_k)/v_k + m₀/c₀)/P, 1/P), P = n_k/v_k + 1/c₀.
 * The sums are centred at the current means (no cancellation in S_k), plain within a block of 256 points
 * and compensated across blocks, as in the E-step.
 */
import { expNeg, log, log1p } from '../detmath';
import { BLOCK, NeumaierSums } from '../summation';
import type { Theta } from '../types';
import type { MixturePrior } from './priors';
import type { Rng } from './rng';
import { beta, inverseGamma } from './variates';

export interface SweepBuffers {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly u: Float64Array;
}

export const sweepBuffers = (): SweepBuffers => ({
  d: new Float64Array(BLOCK),
  e: new Float64Array(BLOCK),
  u: new Float64Array(BLOCK),
});

/** z-step: [n1, s1, q1, n2, s2, q2], with s_k = Σ_{z=k}(x − μ_k), q_k = Σ_{z=k}(x − μ_k)² at θ's current means. */
export function labelStats1D(data: Float64Array, theta: Theta, rng: Rng, buf: SweepBuffers): Float64Array {
  const [pi, m1, m2, v1, v2] = theta;
  const c = log(pi) - log1p(-pi) - 0.5 * (log(v1) - log(v2));
  const h1 = 0.5 / v1,
    h2 = 0.5 / v2;
  const X = data,
    N = data.length,
    D = buf.d,
    E = buf.e,
    U = buf.u;
  const acc = new NeumaierSums(4);
  let n1 = 0;
  for (let start = 0; start < N; start += BLOCK) {
    const len = Math.min(N, start + BLOCK) - start;
    rng.fillUniform(U, len);
    for (let j = 0; j < len; j++) {
      const d1 = X[start + j] - m1,
        d2 = X[start + j] - m2;
      D[j] = c - d1 * d1 * h1 + d2 * d2 * h2; // log-odds of component 1
    }
    for (let j = 0; j < len; j++) E[j] = expNeg(Math.abs(D[j]));
    let bn = 0,
      s1 = 0,
      q1 = 0,
      s2 = 0,
      q2 = 0;
    for (let j = 0; j < len; j++) {
      const e = E[j];
      const inv = 1 / (1 + e);
      const t = +(D[j] >= 0);
      const r1 = t * inv + (1 - t) * e * inv; // exactly σ(d), picked without a branch
      const z = +(U[j] < r1);
      const w = 1 - z;
      const d1 = X[start + j] - m1,
        d2 = X[start + j] - m2;
      bn += z;
      const zd1 = z * d1,
        wd2 = w * d2;
      s1 += zd1;
      q1 += zd1 * d1;
      s2 += wd2;
      q2 += wd2 * d2;
    }
    n1 += bn;
    acc.add(0, s1);
    acc.add(1, q1);
    acc.add(2, s2);
    acc.add(3, q2);
  }
  return Float64Array.of(n1, acc.total(0), acc.total(1), N - n1, acc.total(2), acc.total(3));
}

/** θ-step of the full model from the z-step's statistics. */
export function drawTheta1D(prior: MixturePrior, theta: Theta, st: Float64Array, rng: Rng): Theta {
  const out = new Float64Array(5);
  out[0] = beta(rng, prior.a + st[0], prior.a + st[3]);
  for (let k = 0; k < 2; k++) {
    const cp = prior.comps[k];
    const n = st[3 * k],
      s = st[3 * k + 1],
      q = st[3 * k + 2];
    const c = theta[1 + k];
    const m0 = cp.m0[0];
    const kap = cp.kappa0 + n;
    const sumX = n * c + s;
    const m = (cp.kappa0 * m0 + sumX) / kap;
    const xbar = n > 0 ? c + s / n : m0;
    const S = n > 0 ? Math.max(q - (s * s) / n, 0) : 0;
    const alpha = cp.nu0 / 2 + n / 2;
    const b = cp.psi0[0] / 2 + S / 2 + (cp.kappa0 * n * (xbar - m0) * (xbar - m0)) / (2 * kap);
    const v = inverseGamma(rng, alpha, b);
    out[3 + k] = v;
    out[1 + k] = m + Math.sqrt(v / kap) * rng.normal();
  }
  return out;
}

/** θ-step of the means-only model (π and v_k stay as in θ). */
export function drawMeans1D(prior: MixturePrior, theta: Theta, st: Float64Array, rng: Rng): Theta {
  const out = Float64Array.from(theta);
  for (let k = 0; k < 2; k++) {
    const { m0, cov } = prior.means[k];
    const n = st[3 * k],
      s = st[3 * k + 1];
    const v = theta[3 + k];
    const prec = n / v + 1 / cov[0];
    const mean = ((n * theta[1 + k] + s) / v + m0[0] / cov[0]) / prec;
    out[1 + k] = mean + rng.normal() / Math.sqrt(prec);
  }
  return out;
}
