/**
 * The samplers' random numbers: reproducible per (seed, stream, chain), independent across streams, and
 * with the exact moments of their distributions (uniform, normal, gamma, beta, inverse-Wishart) within
 * Monte Carlo error (≤ 5 standard errors).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/samplers/rng';
import { beta, gamma, inverseGamma, inverseWishart2 } from '../../src/engine/samplers/variates';

const M = 100_000;
const meanOf = (f: () => number, n = M) => {
  let s = 0,
    s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = f();
    s += x;
    s2 += x * x;
  }
  const m = s / n;
  return { mean: m, var: s2 / n - m * m };
};

describe('Rng', () => {
  it('replays the same bits for the same (seed, stream, chain) and differs otherwise', () => {
    const a = new Rng(5, 1, 2),
      b = new Rng(5, 1, 2),
      c = new Rng(5, 1, 3),
      d = new Rng(5, 2, 2);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(Array.from({ length: 5 }, () => d.uniform())).not.toEqual(xs);
  });

  it('fillUniform draws the same sequence as uniform()', () => {
    const a = new Rng(8),
      b = new Rng(8);
    const out = new Float64Array(300);
    a.fillUniform(out, 300);
    expect(Array.from(out)).toEqual(Array.from({ length: 300 }, () => b.uniform()));
  });

  it('uniform and normal moments', () => {
    const r = new Rng(1);
    const u = meanOf(() => r.uniform());
    expect(Math.abs(u.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / M));
    expect(Math.abs(u.var - 1 / 12)).toBeLessThan(0.002);
    const z = meanOf(() => r.normal());
    expect(Math.abs(z.mean)).toBeLessThan(5 / Math.sqrt(M));
    expect(Math.abs(z.var - 1)).toBeLessThan(5 * Math.sqrt(2 / M));
  });
});

describe('variates', () => {
  it.each([0.3, 1, 2.5, 40])('Gamma(%f): mean = var = shape', (a) => {
    const r = new Rng(2, 0, Math.round(a * 10));
    const g = meanOf(() => gamma(r, a));
    expect(Math.abs(g.mean - a)).toBeLessThan(5 * Math.sqrt(a / M));
    expect(Math.abs(g.var / a - 1)).toBeLessThan(0.05);
  });

  it('Beta(2, 5) and inverse-gamma(4, 3) means', () => {
    const r = new Rng(3);
    const b = meanOf(() => beta(r, 2, 5));
    expect(Math.abs(b.mean - 2 / 7)).toBeLessThan(5 * Math.sqrt(10 / (49 * 8) / M));
    const ig = meanOf(() => 1 / inverseGamma(r, 4, 3)); // 1/v ~ Gamma(4, rate 3): mean 4/3
    expect(Math.abs(ig.mean - 4 / 3)).toBeLessThan(5 * Math.sqrt(4 / 9 / M));
  });

  it('inverse-Wishart(ν, Ψ) in 2D: E[Σ] = Ψ/(ν − 3) and E[Σ⁻¹] = νΨ⁻¹', () => {
    const r = new Rng(4);
    const nu = 9;
    const psi = [2, 0.6, 1];
    const acc = [0, 0, 0],
      inv = [0, 0, 0];
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const s = inverseWishart2(r, nu, psi);
      const det = s[0] * s[2] - s[1] * s[1];
      acc[0] += s[0] / n;
      acc[1] += s[1] / n;
      acc[2] += s[2] / n;
      inv[0] += s[2] / det / n;
      inv[1] += -s[1] / det / n;
      inv[2] += s[0] / det / n;
    }
    psi.forEach((p, i) => expect(acc[i]).toBeCloseTo(p / (nu - 3), 2));
    const pd = psi[0] * psi[2] - psi[1] * psi[1];
    const pinv = [psi[2] / pd, -psi[1] / pd, psi[0] / pd];
    pinv.forEach((p, i) => expect(Math.abs(inv[i] - nu * p)).toBeLessThan(0.02 * nu * Math.abs(pinv[0])));
  });
});
