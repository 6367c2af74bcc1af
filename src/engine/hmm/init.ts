/**
 * The shared HMM start θ⁰ and the variance floor, built like the mixture's (../init.ts).
 *
 * θ⁰ = [½, ½, y_i, y_j, s², s²]: the means on two distinct observations drawn with the init seed
 * (the mixture's startIndices, so the same init seed picks the same two points), both variances the
 * sample variance s², both stay probabilities ½. With a11 = a22 = ½ and the initial (½, ½) the
 * states start independent, so the first E-step is exactly the mixture's at π = ½ from the same
 * means: the trace then shows how far persistence takes EM beyond the mixture. The means differ by
 * at least 1e-3·s, so the start is never symmetric.
 */
import { sampleVariance, startIndices } from '../init';
import type { Theta } from '../types';

export interface HmmStartSpec {
  /** Init seed. */
  readonly init: number;
  /** Explicit θ⁰ = [a11, a22, μ1, μ2, v1, v2], or null to draw it from `init`. */
  readonly start: readonly number[] | null;
}

export function hmmInitialTheta(s: HmmStartSpec, data: Float64Array): { theta: Theta; source: 'seed' | 'explicit' } {
  if (s.start) {
    if (s.start.length !== 6) throw new RangeError(`an HMM start has 6 entries [a11, a22, μ1, μ2, v1, v2], got ${s.start.length}`);
    return { theta: Float64Array.from(s.start), source: 'explicit' };
  }
  const [i, j] = startIndices(s.init, data, 1);
  const v = sampleVariance(data, 1);
  return { theta: Float64Array.of(0.5, 0.5, data[i], data[j], v, v), source: 'seed' };
}

/** The absolute variance floor: `floor` relative to the sample variance (the mixture's rule). */
export const hmmVarianceFloor = (floor: number, data: Float64Array): number => floor * sampleVariance(data, 1);
