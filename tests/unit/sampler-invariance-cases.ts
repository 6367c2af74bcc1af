/**
 * Shared by sampler-invariance-1d/2d.test.ts. Every sampler leaves its target invariant: on tiny data sets (N = 6, 2^6 labellings) the posterior is known
 * in closed form (sampler-exact-reference.ts), and each sampler's estimates of E[f] and E[f²] — weight, means,
 * precisions — must lie within 5 Monte Carlo standard errors of it (MCSE = sd / √ESS of f or f²). The prior
 * is informative and different per component, which pins the labelling, so the estimates need no
 * relabelling; with it the log-Jacobian moves E[1/v] by ~1/α (~20 %) and E[π] by ~0.025, many MCSEs:
 * dropping the Jacobian fails these tests (z up to ~100), and so does MALA without its proposal
 * correction (through E[f²]).
 */
import { expect } from 'vitest';
import { essMean } from '../../src/engine/mcmc/ess';
import type { MixturePrior } from '../../src/engine/samplers/priors';
import { runChains } from '../../src/engine/samplers/run-chains';
import { SAMPLER_IDS } from '../../src/engine/samplers/sampler';
import type { Dim } from '../../src/engine/types';
import type { Moments } from './sampler-exact-reference';

const comp1 = (m0: number[], psi0: number[]) => ({ m0: Float64Array.from(m0), kappa0: 0.5, nu0: 6, psi0: Float64Array.from(psi0) });
const means = (m0: number[], cov: number[]) => ({ m0: Float64Array.from(m0), cov: Float64Array.from(cov) });

export const X1 = [-2.2, -1.7, 1.4, 2.0, 2.3, 2.9];
export const P1: MixturePrior = {
  dim: 1,
  a: 2,
  comps: [comp1([-2], [2]), comp1([2], [2])],
  means: [means([-1.5], [4]), means([1.5], [4])],
};
export const X2: [number, number][] = [
  [-2.1, 0.3],
  [-1.6, -0.4],
  [-2.4, 0.1],
  [1.7, 0.8],
  [2.2, 0.2],
  [2.5, 1.1],
];
export const P2: MixturePrior = {
  dim: 2,
  a: 2,
  comps: [comp1([-2, 0], [1.5, 0.2, 1.5]), comp1([2, 0.5], [1.5, -0.1, 1])],
  means: [means([-2, 0], [4, 0, 4]), means([2, 0], [4, 0, 4])],
};
export const KNOWN = Float64Array.of(0.4, 0, 0, 1.5, 2);
export const KNOWN_2D = Float64Array.of(0.4, 0, 0, 0, 0, 1.5, 0.3, 1.2, 2, -0.4, 1.5);

/** The functionals, from one natural-coordinate draw θ. */
export const FUNCTIONALS: Record<string, (t: Float64Array) => number> = {
  pi: (t) => t[0],
  mu1: (t) => t[1],
  mu2: (t) => t[2],
  prec1: (t) => 1 / t[3],
  prec2: (t) => 1 / t[4],
};
const inv2 = (t: Float64Array, o: number) => {
  const d = t[o] * t[o + 2] - t[o + 1] * t[o + 1];
  return [t[o + 2] / d, -t[o + 1] / d, t[o] / d];
};
export const FUNCTIONALS_2D: Record<string, (t: Float64Array) => number> = {
  pi: (t) => t[0],
  mu1x: (t) => t[1],
  mu1y: (t) => t[2],
  mu2x: (t) => t[3],
  mu2y: (t) => t[4],
  P1xx: (t) => inv2(t, 5)[0],
  P1xy: (t) => inv2(t, 5)[1],
  P2yy: (t) => inv2(t, 8)[2],
};

export function check(
  dim: Dim,
  data: Float64Array,
  prior: MixturePrior,
  exact: Moments,
  fns: Record<string, (t: Float64Array) => number>,
  restriction: 'full' | 'means',
  draws = 5000,
) {
  const P = dim === 1 ? 5 : 11;
  const { results } = runChains({
    data,
    dim,
    restriction,
    known: restriction === 'means' ? (dim === 1 ? KNOWN : KNOWN_2D) : undefined,
    samplers: SAMPLER_IDS,
    draws,
    burn: 1000,
    chains: 4,
    seed: 2024,
    leap: 8,
    priorExact: prior,
    keepDraws: true,
  });
  const worst: string[] = [];
  for (const r of results) {
    for (const [name, f] of Object.entries(fns)) {
      const chains = (r.draws as Float64Array[]).map((d) =>
        Float64Array.from({ length: d.length / P }, (_, i) => f(d.subarray(i * P, (i + 1) * P))),
      );
      const all = chains.flatMap((c) => Array.from(c));
      const est = all.reduce((s, v) => s + v, 0) / all.length;
      const { mean, sq } = exact[name];
      const sd = Math.sqrt(sq - mean * mean);
      const ess = essMean(chains) as number;
      const z = (est - mean) / (sd / Math.sqrt(ess));
      if (Math.abs(z) > 5)
        worst.push(
          `${r.sampler} ${name}: estimate ${est.toFixed(4)} vs exact ${mean.toFixed(4)} (z = ${z.toFixed(1)}, ESS ${ess.toFixed(0)})`,
        );
      // The second moment sees a wrong spread (e.g. a Metropolis ratio without MALA's proposal correction,
      // which leaves the centre of a near-symmetric target alone). Its MCSE uses the draws' own sd of f².
      const sqChains = chains.map((c) => c.map((v) => v * v));
      const sqAll = all.map((v) => v * v);
      const estSq = sqAll.reduce((s, v) => s + v, 0) / sqAll.length;
      const sdSq = Math.sqrt(sqAll.reduce((s, v) => s + (v - estSq) ** 2, 0) / (sqAll.length - 1));
      const zSq = (estSq - sq) / (sdSq / Math.sqrt(essMean(sqChains) as number));
      if (Math.abs(zSq) > 5)
        worst.push(`${r.sampler} ${name}²: estimate ${estSq.toFixed(4)} vs exact ${sq.toFixed(4)} (z = ${zSq.toFixed(1)})`);
    }
  }
  expect(worst).toEqual([]);
}
