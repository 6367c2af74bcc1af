/**
 * Naive, independent references for the 2-state Gaussian HMM tests. They share no code with
 * src/engine/hmm (Math.exp / Math.log, no scaling tricks, no fused passes):
 *  - bruteForce: every one of the 2^T state paths enumerated (T ≤ 12), so L, the posterior
 *    marginals and the expected counts come straight from their definitions;
 *  - logForward: the forward recursion in log space (log-sum-exp per step), for L at any T.
 * θ = [a11, a22, μ1, μ2, v1, v2]; the initial distribution is (½, ½) unless `init` says otherwise.
 */

export interface Chain {
  /** log a_jk, row-major [11, 12, 21, 22]. */
  logA: [number, number, number, number];
  logInit: [number, number];
}

export const chainOf = (t: ArrayLike<number>, init: [number, number] = [0.5, 0.5]): Chain => ({
  logA: [Math.log(t[0]), Math.log(1 - t[0]), Math.log(1 - t[1]), Math.log(t[1])],
  logInit: [Math.log(init[0]), Math.log(init[1])],
});

const logNormal = (y: number, m: number, v: number) => -0.5 * Math.log(2 * Math.PI * v) - ((y - m) * (y - m)) / (2 * v);

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

export interface Enumerated {
  logLik: number;
  /** γ_t(1). */
  gamma1: Float64Array;
  /** [N11, N12, N21, N22, G1, G2, S1, S2, Q1, Q2], S and Q centred at θ's means (the engine's layout). */
  stats: Float64Array;
}

/** Everything by enumerating all 2^T paths. */
export function bruteForce(y: ArrayLike<number>, t: ArrayLike<number>, chain = chainOf(t)): Enumerated {
  const T = y.length;
  if (T > 12) throw new RangeError('brute force is for T ≤ 12');
  const means = [t[2], t[3]];
  const vars = [t[4], t[5]];
  const logp: number[] = [];
  for (let path = 0; path < 1 << T; path++) {
    const s = (i: number) => (path >> i) & 1;
    let lp = chain.logInit[s(0)];
    for (let i = 0; i < T; i++) {
      if (i > 0) lp += chain.logA[2 * s(i - 1) + s(i)];
      lp += logNormal(y[i], means[s(i)], vars[s(i)]);
    }
    logp.push(lp);
  }
  const logLik = logSumExp(logp);
  const w = logp.map((lp) => Math.exp(lp - logLik));
  const gamma1 = new Float64Array(T);
  const stats = new Float64Array(10);
  for (let path = 0; path < 1 << T; path++) {
    const s = (i: number) => (path >> i) & 1;
    for (let i = 0; i < T; i++) {
      const k = s(i);
      if (k === 0) gamma1[i] += w[path];
      if (i + 1 < T) stats[2 * k + s(i + 1)] += w[path];
      const d = y[i] - means[k];
      stats[4 + k] += w[path];
      stats[6 + k] += w[path] * d;
      stats[8 + k] += w[path] * d * d;
    }
  }
  return { logLik, gamma1, stats };
}

/**
 * L by the forward recursion in log space: log α_t(k) = log b_t(k) + logsumexp_j(log α_{t−1}(j) + log a_jk),
 * with the running maximum taken out at every step and those offsets summed with compensation (a
 * plain running log α drifts by ~ulp(L) per step: 1e-12 relative over 10⁵ steps).
 */
export function logForward(y: ArrayLike<number>, t: ArrayLike<number>, chain = chainOf(t)): number {
  const means = [t[2], t[3]];
  const vars = [t[4], t[5]];
  const offsets: number[] = [];
  let la = [0, 1].map((k) => chain.logInit[k] + logNormal(y[0], means[k], vars[k]));
  for (let i = 1; i < y.length; i++) {
    const m = Math.max(la[0], la[1]);
    offsets.push(m);
    la = [0, 1].map((k) => logNormal(y[i], means[k], vars[k]) + logSumExp([la[0] - m + chain.logA[k], la[1] - m + chain.logA[2 + k]]));
  }
  offsets.push(logSumExp(la));
  return csum(offsets);
}

/**
 * Q(θ'|θ) from expected counts taken at θ (any source): the complete-data log-likelihood's
 * expectation, written from its definition with the raw moments of y re-centred at θ's means.
 */
export function qFunction(stats: ArrayLike<number>, meansAt: [number, number], tp: ArrayLike<number>): number {
  const [N11, N12, N21, N22] = [stats[0], stats[1], stats[2], stats[3]];
  let q = N11 * Math.log(tp[0]) + N12 * Math.log(1 - tp[0]) + N21 * Math.log(1 - tp[1]) + N22 * Math.log(tp[1]);
  for (const k of [0, 1]) {
    const G = stats[4 + k];
    const S = stats[6 + k];
    const Q = stats[8 + k];
    const shift = meansAt[k] - tp[2 + k]; // Σγ(y − μ')² = Q + 2·shift·S + G·shift²
    const sq = Q + 2 * shift * S + G * shift * shift;
    q += -0.5 * G * Math.log(2 * Math.PI * tp[4 + k]) - sq / (2 * tp[4 + k]);
  }
  return q; // + the constant initial-distribution term, which no θ' changes
}

/** A short sequence from a persistent chain with a plain LCG and Box–Muller (not the engine's generator). */
export function shortSequence(T: number, seed: number, sep: number, stay = 0.8): Float64Array {
  let x = seed >>> 0 || 1;
  const u = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const out = new Float64Array(T);
  let s = u() < 0.5 ? 0 : 1;
  for (let i = 0; i < T; i++) {
    if (i > 0 && u() >= stay) s = 1 - s;
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    out[i] = (s === 0 ? -sep / 2 : sep / 2) + z;
  }
  return out;
}

/** Neumaier-compensated sum. */
export function csum(xs: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Relative error max|a − b| / max(max|b|, floor). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
  let num = 0;
  let den = floor;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}
