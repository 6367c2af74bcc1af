/**
 * Synthetic 2-state HMM sequences with common random numbers (CRN), from the mixture's noise stream
 * (../data.ts drawNoise: per step a uniform u_t, then a standard normal ε_t, one seeded d3 LCG).
 *   s_1 = state 1 iff u_1 < ½ (the initial distribution (½, ½));
 *   for t ≥ 2 the chain switches state iff u_t ≥ p (both stay probabilities are p);
 *   y_t = μ_{s_t} + sd_{s_t} · ε_t.
 * The truth only maps that noise, so raising p only removes switches, and sep / vr move the same
 * points; the first T steps of a longer sequence are the T-step sequence.
 */
import { drawNoise } from '../data';
import type { Theta } from '../types';

export interface HmmDataSpec {
  /** Sequence length T. */
  readonly n: number;
  /** Distance between the state means in pooled standard deviations (the mixture's `sep`). */
  readonly sep: number;
  /** Variance ratio v2 / v1 (v1 = 1). */
  readonly vr: number;
  /** Both stay probabilities a11 = a22 = p, in (0, 1). */
  readonly p: number;
  /** Data seed. */
  readonly seed: number;
}

/**
 * The true θ = [p, p, μ1, μ2, 1, vr]. With equal stay probabilities the chain spends half its time
 * in each state, so the pooled variance is (1 + vr)/2 and the means sit at ∓(sep/2)·√((1 + vr)/2).
 */
export function hmmTruthTheta(s: Pick<HmmDataSpec, 'sep' | 'vr' | 'p'>): Theta {
  const half = 0.5 * s.sep * Math.sqrt(0.5 * (1 + s.vr));
  return Float64Array.of(s.p, s.p, -half, half, 1, s.vr);
}

/** The true state path: 0 for state 1, 1 for state 2. */
export function hmmTrueStates(s: Pick<HmmDataSpec, 'n' | 'p' | 'seed'>): Uint8Array {
  if (!(s.p > 0 && s.p < 1)) throw new RangeError(`stay probability p = ${s.p} must be inside (0, 1)`);
  const { u } = drawNoise(s.seed, s.n, 1);
  const states = new Uint8Array(s.n);
  let k = u[0] < 0.5 ? 0 : 1;
  for (let t = 0; t < s.n; t++) {
    if (t > 0 && u[t] >= s.p) k = 1 - k;
    states[t] = k;
  }
  return states;
}

/** The observations y_1..y_T. */
export function generateHmmData(s: HmmDataSpec): Float64Array {
  const { eps } = drawNoise(s.seed, s.n, 1);
  const states = hmmTrueStates(s);
  const t = hmmTruthTheta(s);
  const sd = [Math.sqrt(t[4]), Math.sqrt(t[5])];
  return Float64Array.from(states, (k, i) => t[2 + k] + sd[k] * eps[i]);
}
