/**
 * A model whose E-steps are remembered by the exact bits of θ. An E-step is a pure function of θ
 * (and the data), so a remembered one is bit-identical to a recomputed one.
 *
 * Why: θ* is EM's limit from the shared start (optimum.ts), found by running EM from that start;
 * the race's EM lane (and the hybrid's EM phase, SQUAREM's first map) then walks the very same
 * iterates again. In a sweep that repeats about 40 % of all E-steps. Cost accounting is unchanged:
 * each method's Evaluator counts the E-steps the method asks for, remembered or not.
 */
import type { EStep, MixtureModel, Theta } from './types';

const sameBits = (a: Theta, b: Theta): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

export interface MemoModel extends MixtureModel {
  /** E-steps served from memory, and computed. */
  readonly hits: number;
  readonly misses: number;
}

export function memoModel(model: MixtureModel): MemoModel {
  // Keyed by θ's last coordinate (a number key hashes fast); a bucket rarely holds more than one E-step.
  const seen = new Map<number, EStep[]>();
  let hits = 0;
  let misses = 0;
  const estep = (theta: Theta): EStep => {
    const key = theta[theta.length - 1];
    const bucket = seen.get(key);
    if (bucket) {
      for (const e of bucket) {
        if (!sameBits(e.theta, theta)) continue;
        hits++;
        // With the caller's θ object, as a fresh E-step would carry (the race compares θ by identity).
        return { theta, logLik: e.logLik, entropy: e.entropy, R1: e.R1, R2: e.R2, stats: e.stats };
      }
    }
    misses++;
    const e = model.estep(theta);
    if (bucket) bucket.push(e);
    else seen.set(key, [e]);
    return e;
  };
  return {
    ...model,
    estep,
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}
