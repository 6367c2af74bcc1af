/**
 * ESS and R̂ against cases known exactly: hand-computed R̂ and Geyer truncations, the AR(1) chain whose
 * integrated autocorrelation time is (1 + ρ)/(1 − ρ), iid draws (ESS = S), rank-invariance of bulk ESS,
 * and R̂ that must flag chains disagreeing in location (bulk) or only in scale (folded).
 */
import { describe, expect, it } from 'vitest';
import { canonicalLag1 } from '../../src/engine/mcmc/canonical-lag';
import { combinedAutocorrelation, essBasic, essBulk, essTail, geyerTau, integratedTime } from '../../src/engine/mcmc/ess';
import { normalQuantile } from '../../src/engine/mcmc/normal-quantile';
import { fold, rankNormalize, splitChains } from '../../src/engine/mcmc/ranks';
import { rhat, rhatBasic } from '../../src/engine/mcmc/rhat';
import { Rng } from '../../src/engine/samplers/rng';

const ar1 = (rng: Rng, rho: number, n: number): Float64Array => {
  const x = new Float64Array(n);
  x[0] = rng.normal();
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 1; i < n; i++) x[i] = rho * x[i - 1] + s * rng.normal();
  return x;
};
const chainsOf = (seed: number, rho: number, m: number, n: number) => Array.from({ length: m }, (_, c) => ar1(new Rng(seed, 9, c), rho, n));

describe('normal quantile (AS 241)', () => {
  it('matches tabulated values', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 13); // Φ(1)
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(1 - 1e-3)).toBeCloseTo(-normalQuantile(1e-3), 14);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});

describe('splitting, ranks, folding', () => {
  it('splits each chain in halves, dropping the middle draw of an odd chain', () => {
    const s = splitChains([Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(6, 7, 8, 9)]);
    expect(s.map((c) => Array.from(c))).toEqual([
      [1, 2],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it('rank-normalises with average ranks for ties (Blom offsets)', () => {
    const z = rankNormalize([Float64Array.of(10, 20), Float64Array.of(20, 30)]);
    // ranks 1, 2.5, 2.5, 4 of S = 4
    const q = (r: number) => normalQuantile((r - 0.375) / 4.25);
    expect(Array.from(z[0])).toEqual([q(1), q(2.5)]);
    expect(Array.from(z[1])).toEqual([q(2.5), q(4)]);
    expect(z[0][1]).toBe(z[1][0]);
  });

  it('folds about the pooled median', () => {
    expect(Array.from(fold([Float64Array.of(1, 5), Float64Array.of(2, 3)])[0])).toEqual([1.5, 2.5]);
  });
});

describe('R̂', () => {
  it('matches the hand computation on two short chains', () => {
    // means 2.5, 3.5; within variances 5/3; W = 5/3, B = 4·0.5 = 2: R̂ = √((¾·5/3 + 2/4)/(5/3)) = √1.05.
    expect(rhatBasic([Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 3, 4, 5)])).toBeCloseTo(Math.sqrt(1.05), 14);
  });

  it('is ≈ 1 for chains of one stationary AR(1), and flags a shifted chain', () => {
    const ok = chainsOf(1, 0.5, 4, 4000);
    expect(rhat(ok)).toBeLessThan(1.01);
    const bad = ok.map((c, i) => (i === 0 ? c.map((v) => v + 1) : c));
    expect(rhat(bad)).toBeGreaterThan(1.1);
  });

  it('folded R̂ flags chains that differ only in scale', () => {
    const c = chainsOf(2, 0, 4, 4000);
    const scaled = c.map((x, i) => (i === 0 ? x.map((v) => 3 * v) : x));
    expect(rhatBasic(rankNormalize(splitChains(scaled)))).toBeLessThan(1.02); // the bulk misses it
    expect(rhat(scaled)).toBeGreaterThan(1.05); // the folded draws catch it
  });
});

describe("Geyer's initial monotone sequence", () => {
  const pad = (xs: number[]) => Float64Array.from([...xs, ...new Array(12 - xs.length).fill(0)]);
  it('truncates at the first negative pair (hand computation)', () => {
    // pairs (1, .5), (.25, .125), then (−.2, −.3) < 0: τ = −1 + 2(1 + .5 + .25 + .125) = 2.75
    expect(geyerTau(pad([1, 0.5, 0.25, 0.125, -0.2, -0.3]), 1000)).toBeCloseTo(2.75, 14);
  });
  it('makes the pair sums monotone', () => {
    // pair sums .4, .8 (> .4: both set to .2), .15: τ = −1 + 2(1 − .6 + .2 + .2 + .1 + .05) = 0.9
    expect(geyerTau(pad([1, -0.6, 0.5, 0.3, 0.1, 0.05, -0.5, -0.5]), 1000)).toBeCloseTo(0.9, 14);
  });
  it('never exceeds S·log10 S', () => {
    expect(geyerTau(pad([1, -1, 1, -1]), 1000)).toBeCloseTo(1 / 3, 14);
  });
});

describe('ESS on chains with a known answer', () => {
  it('iid draws: ESS ≈ S (bulk, tail, basic)', () => {
    const c = chainsOf(3, 0, 4, 5000);
    for (const e of [essBasic(c), essBulk(c), essTail(c)]) expect(Math.abs((e as number) / 20000 - 1)).toBeLessThan(0.1);
  });

  it.each([0.5, 0.9, -0.5])('AR(1) with ρ = %f: ESS ≈ S(1 − ρ)/(1 + ρ), τ ≈ (1 + ρ)/(1 − ρ), lag-1 ≈ ρ', (rho) => {
    // Averaged over three independent sets of 4 chains × 10,000 to keep the estimator noise under ~4 %.
    let ess = 0,
      tau = 0,
      lag1 = 0;
    for (const seed of [4, 5, 6]) {
      const c = chainsOf(seed, rho, 4, 10000);
      ess += (essBulk(c) as number) / 3;
      tau += (integratedTime(c) as number) / 3;
      lag1 += (combinedAutocorrelation(c) as { rho: Float64Array }).rho[1] / 3;
    }
    const exact = (40000 * (1 - rho)) / (1 + rho);
    expect(Math.abs(ess / exact - 1)).toBeLessThan(0.1);
    expect(Math.abs(tau / ((1 + rho) / (1 - rho)) - 1)).toBeLessThan(0.1);
    expect(Math.abs(lag1 - rho)).toBeLessThan(0.02);
  });

  it('the largest lag-1 over linear functionals of two mixed AR(1) coordinates is the larger ρ', () => {
    // x = A·(a, b) with a, b independent AR(1), ρ = 0.3 and 0.8: every linear functional's lag-1 is a
    // weighted mean of 0.3 and 0.8, the top is 0.8 (the mixing A must not matter).
    const a = chainsOf(8, 0.3, 4, 5000),
      b = chainsOf(9, 0.8, 4, 5000);
    const mixed = a.map((ca, c) =>
      Float64Array.from({ length: 10000 }, (_, k) => (k % 2 === 0 ? ca[k >> 1] + 2 * b[c][k >> 1] : -ca[k >> 1] + 0.5 * b[c][k >> 1])),
    );
    expect(Math.abs((canonicalLag1(mixed, 2) as number) - 0.8)).toBeLessThan(0.01);
  });

  it('bulk ESS depends only on ranks: a monotone transform leaves it unchanged', () => {
    const c = chainsOf(7, 0.7, 4, 2000);
    expect(essBulk(c.map((x) => x.map((v) => Math.exp(3 * v))))).toBe(essBulk(c));
  });

  it('is null (never NaN) for too short or constant chains', () => {
    expect(essBasic([Float64Array.of(1, 2)])).toBeNull();
    expect(essBasic([new Float64Array(10).fill(3), new Float64Array(10).fill(3)])).toBe(20);
    expect(rhatBasic([new Float64Array(10).fill(3), new Float64Array(10).fill(3)])).toBe(1);
  });
});
