/**
 * DA Gibbs is paced by the fraction of missing information (em-theory.md §15.2), on the app's own data
 * (data.ts, N = 500): the lag-1 autocorrelation of the slowest linear functional wᵀφ lies within 0.03 of
 * λ_max of DM at the MLE (means-only) and within 0.05 of λ_max of the Bayesian DM at the posterior mode
 * (full model); where λ_max ≤ 0.95 its bulk ESS per pass is within 20 % of (1 − λ)/(1 + λ).
 * λ_max is computed, never assumed. The full model is tested from 2.5σ: at 1.5–2σ its posterior is far from
 * Gaussian (λ ≈ 0.99, and the chain visits both labellings), and the chain's own largest lag-1 over all
 * linear functionals falls up to 0.12 below the Gaussian prediction (docs/sampling.md). 4 chains × 5,000 sweeps here (20,000 in all per case); bench/gibbs-rate.ts
 * runs 4 × 20,000 over more seeds.
 */
import { describe, expect, it } from 'vitest';
import { generateData, truthTheta } from '../../src/engine/data';
import { meansLambdaAtMle } from '../../src/engine/samplers/gibbs-rate';
import { runChains } from '../../src/engine/samplers/run-chains';

const SEPS = [1.5, 2, 3, 4];
const run = (sep: number, seed: number, restriction: 'means' | 'full') => {
  const s = { dim: 1 as const, n: 500, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed };
  const known = truthTheta(s);
  const out = runChains({
    data: generateData(s),
    dim: 1,
    restriction,
    known,
    samplers: ['gibbs'],
    draws: 5000,
    burn: 1000,
    seed: 100 + seed,
  });
  return { ...out, known, r: out.results[0] };
};

describe('DA Gibbs lag-1 autocorrelation of the slowest functional ≈ λ_max', () => {
  it.each(SEPS.flatMap((sep) => [1, 2].map((seed) => [sep, seed])))(
    'means-only, %fσ, seed %i: within 0.03 of λ_max(DM at the MLE)',
    (sep, seed) => {
      const { setup, r, known } = run(sep, seed, 'means');
      const lam = meansLambdaAtMle(setup, known) as number;
      expect(Math.abs((setup.lambdaMax as number) - lam)).toBeLessThan(0.005); // the weak prior barely moves it
      expect(Math.abs((r.summary.lag1 as number) - lam)).toBeLessThan(0.03);
      if (lam <= 0.95) expect(Math.abs((r.summary.essPerPass as number) / ((1 - lam) / (1 + lam)) - 1)).toBeLessThan(0.2);
    },
  );

  it.each([2.5, 3, 4])('full model, %fσ: within 0.05 of λ_max(Bayesian DM at the posterior mode)', (sep) => {
    const { setup, r } = run(sep, 1, 'full');
    const lam = setup.lambdaMax as number;
    expect(Math.abs((r.summary.lag1 as number) - lam)).toBeLessThan(0.05);
    if (lam <= 0.95) expect(Math.abs((r.summary.essPerPass as number) / ((1 - lam) / (1 + lam)) - 1)).toBeLessThan(0.2);
  });
});
