/**
 * One scaled forward–backward pass of the 2-state Gaussian HMM (em-theory.md §16.2): L, the
 * normalised posterior entropy and the expected counts in O(T), stable for any T and separation.
 *
 * Emissions are scaled in log space: b̃_t(k) = exp(log b_t(k) − max_k log b_t(k)), so one of the two
 * is exactly 1 and the other is exp(−|log-odds|) ≤ 1 — nothing underflows to 0/0 however far apart
 * the states are. The forward vector α̂_t is normalised at every step (normaliser n_t), the backward
 * vector β̂_t too, and log L = Σ_t (max_k log b_t(k) + log n_t).
 *
 * Stats layout (STATS, sums centred at the CURRENT means, as in the mixture, so the M-step and the
 * gradient need no cancellation-prone raw moments):
 *   [N11, N12, N21, N22, G1, G2, S1, S2, Q1, Q2]
 *   N_jk = Σ_{t<T} ξ_t(j,k),  G_k = Σ_t γ_t(k),  S_k = Σ_t γ_t(k)(y_t − μ_k),  Q_k = Σ_t γ_t(k)(y_t − μ_k)².
 */
import { expNeg, log } from '../detmath';
import { BLOCK, NeumaierSums } from '../summation';
import { weightedLogSum } from './fast-log';

export const STATS = 10;
const LOG_2PI = log(2 * Math.PI);
const LN2 = Math.LN2;

/** The chain and the emissions, written out (the model maps θ to this; the tied test variant too). */
export interface HmmPassParams {
  /** Transition matrix rows, a11 + a12 = 1 and a21 + a22 = 1 (all four given: the tests' tied chain sets its own). */
  readonly a11: number;
  readonly a12: number;
  readonly a21: number;
  readonly a22: number;
  /** Initial distribution P(s_1 = 1), P(s_1 = 2). */
  readonly p1: number;
  readonly p2: number;
  readonly m1: number;
  readonly m2: number;
  readonly v1: number;
  readonly v2: number;
}

export interface PassResult {
  /** L(θ); −∞ when the pass failed (a normaliser underflowed: the point is numerically impossible). */
  readonly logLik: number;
  /** Mean over t of the binary entropy of γ_t, in bits: ∈ [0, 1]. */
  readonly entropy: number;
  readonly stats: Float64Array;
}

/** Per-model scratch (T doubles each, allocated once): scaled emissions and the forward vectors. */
export class PassScratch {
  readonly b1: Float64Array;
  readonly b2: Float64Array;
  readonly f1: Float64Array;
  readonly f2: Float64Array;
  /** f2's 32-bit words (the backward pass reuses f1, f2 for the entropy's weights and ratios). */
  readonly f2Words: Uint32Array;
  constructor(readonly n: number) {
    this.b1 = new Float64Array(n);
    this.b2 = new Float64Array(n);
    this.f1 = new Float64Array(n);
    this.f2 = new Float64Array(n);
    this.f2Words = new Uint32Array(this.f2.buffer);
  }
}

/** Below this a normaliser is folded in by its own log; the running product is flushed below FLUSH. */
const TINY = 1e-100;
const FLUSH = 1e-200;

const FAILED = (): PassResult => ({ logLik: -Infinity, entropy: 0, stats: new Float64Array(STATS) });

/**
 * The pass. `gammaOut`, when given (length T), receives γ_t(1). Every normaliser is a sum of
 * non-negative terms, so a failure can only be an underflow to 0 (then NaNs spread): checked once at
 * the end instead of per step.
 */
export function forwardBackward(y: Float64Array, q: HmmPassParams, s: PassScratch, gammaOut?: Float64Array): PassResult {
  const T = y.length;
  if (T === 0) return { logLik: 0, entropy: 0, stats: new Float64Array(STATS) };
  const { a11, a12, a21, a22, m1, m2 } = q;
  const c1 = -0.5 * (LOG_2PI + log(q.v1));
  const c2 = -0.5 * (LOG_2PI + log(q.v2));
  const h1 = 0.5 / q.v1;
  const h2 = 0.5 / q.v2;
  const B1 = s.b1;
  const B2 = s.b2;
  const F1 = s.f1;
  const F2 = s.f2;
  const words = s.f2Words;
  // Slots: 0 L, 1 H, 2–5 N11 N12 N21 N22, 6 G1, 7 G2, 8 S1, 9 S2, 10 Q1, 11 Q2.
  const acc = new NeumaierSums(12);

  // (1) Emissions: the log-odds into B1, Σ max_k log b_t(k); then exp(−|log-odds|) in its own short
  // loop (loop fission, as in model1d.ts), then the scaled pair, the larger exactly 1, picked by arithmetic.
  for (let start = 0; start < T; start += BLOCK) {
    const end = Math.min(T, start + BLOCK);
    let top = 0;
    for (let t = start; t < end; t++) {
      const d1 = y[t] - m1;
      const d2 = y[t] - m2;
      const a = c1 - d1 * d1 * h1;
      const b = c2 - d2 * d2 * h2;
      const d = a - b;
      const up = +(d >= 0);
      top += up * a + (1 - up) * b;
      B1[t] = d;
    }
    acc.add(0, top);
  }
  for (let t = 0; t < T; t++) B2[t] = expNeg(Math.abs(B1[t]));
  for (let t = 0; t < T; t++) {
    const up = +(B1[t] >= 0);
    const e = B2[t];
    B1[t] = up + (1 - up) * e;
    B2[t] = up * e + (1 - up);
  }

  // (2) Forward. n_t ≤ 1 (a probability vector times entries ≤ 1), so the running product only
  // shrinks: flushed into L by one log when it gets small, a tiny n_t folded in by its own log.
  let pr1 = q.p1;
  let pr2 = q.p2;
  let prod = 1;
  for (let t = 0; t < T; t++) {
    const u1 = pr1 * B1[t];
    const u2 = pr2 * B2[t];
    const n = u1 + u2;
    const inv = 1 / n;
    const f1 = u1 * inv;
    const f2 = u2 * inv;
    F1[t] = f1;
    F2[t] = f2;
    pr1 = f1 * a11 + f2 * a21;
    pr2 = f1 * a12 + f2 * a22;
    if (n < TINY) acc.add(0, log(n));
    else {
      prod *= n;
      if (prod < FLUSH) {
        acc.add(0, log(prod));
        prod = 1;
      }
    }
  }
  acc.add(0, log(prod));

  // (3) Backward, with γ_t and ξ_t accumulated on the way. For t < T with w_k = b̃_{t+1}(k) β̂_{t+1}(k):
  // ξ_t(j,k) ∝ α̂_t(j) a_jk w_k, its row sums are α̂_t(j) r_j with r_j = Σ_k a_jk w_k, so
  // γ_t(j) = α̂_t(j) r_j / Σ, and β̂_t = r / (r1 + r2). β̂_T = (½, ½): γ_T = α̂_T.
  // Entropy: with g = min γ, G = max γ, h(γ) = g·ln(G/g) − ln G. The ln G are summed as one log of a
  // block product (each factor ≥ ½, 256 of them stay far above underflow); the weights g and ratios
  // G/g go into the spent α̂_t slots and are summed by weightedLogSum after each block (loop fission).
  let be1 = 0.5;
  let be2 = 0.5;
  for (let end = T; end > 0; end -= BLOCK) {
    const start = Math.max(0, end - BLOCK);
    let n11 = 0,
      n12 = 0,
      n21 = 0,
      n22 = 0,
      G1 = 0,
      G2 = 0,
      S1 = 0,
      S2 = 0,
      Q1 = 0,
      Q2 = 0;
    let gprod = 1;
    for (let t = end - 1; t >= start; t--) {
      const f1 = F1[t];
      const f2 = F2[t];
      let g1: number, g2: number;
      if (t === T - 1) {
        g1 = f1;
        g2 = f2;
      } else {
        const w1 = B1[t + 1] * be1;
        const w2 = B2[t + 1] * be2;
        const x11 = a11 * w1;
        const x12 = a12 * w2;
        const x21 = a21 * w1;
        const x22 = a22 * w2;
        const r1 = x11 + x12;
        const r2 = x21 + x22;
        const inv = 1 / (f1 * r1 + f2 * r2);
        const k1 = f1 * inv;
        const k2 = f2 * inv;
        n11 += k1 * x11;
        n12 += k1 * x12;
        n21 += k2 * x21;
        n22 += k2 * x22;
        g1 = k1 * r1;
        g2 = k2 * r2;
        const ib = 1 / (r1 + r2);
        be1 = r1 * ib;
        be2 = r2 * ib;
      }
      if (gammaOut) gammaOut[t] = g1;
      const d1 = y[t] - m1;
      const d2 = y[t] - m2;
      const gd1 = g1 * d1;
      const gd2 = g2 * d2;
      G1 += g1;
      G2 += g2;
      S1 += gd1;
      S2 += gd2;
      Q1 += gd1 * d1;
      Q2 += gd2 * d2;
      const lo = Math.min(g1, g2);
      const hi = Math.max(g1, g2);
      gprod *= hi;
      // Below 1e-300 the term g·ln(G/g) < 1e-297 is nothing, and G/g could overflow: weight 0, ratio ≤ 1.
      const keep = +(lo > 1e-300);
      F1[t] = keep * lo;
      F2[t] = hi / (lo + (1 - keep));
    }
    const H = weightedLogSum(F1, F2, words, start, end);
    acc.add(1, H - log(gprod));
    acc.add(2, n11);
    acc.add(3, n12);
    acc.add(4, n21);
    acc.add(5, n22);
    acc.add(6, G1);
    acc.add(7, G2);
    acc.add(8, S1);
    acc.add(9, S2);
    acc.add(10, Q1);
    acc.add(11, Q2);
  }

  const logLik = acc.total(0);
  const entropy = acc.total(1) / (T * LN2);
  const stats = new Float64Array(STATS);
  for (let i = 0; i < STATS; i++) stats[i] = acc.total(2 + i);
  if (!Number.isFinite(logLik) || !Number.isFinite(entropy)) return FAILED();
  for (let i = 0; i < STATS; i++) if (!Number.isFinite(stats[i])) return FAILED();
  // Rounding can leave h(γ) a few ulps below 0 or above 1 bit.
  return { logLik, entropy: Math.min(1, Math.max(0, entropy)), stats };
}
