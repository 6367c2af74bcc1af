import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawNoise, generateData, trueComponents, truthTheta } from '../../src/engine/data';
import { initialTheta, sampleCovariance, sampleMean, sampleVariance, startIndices, varianceFloor } from '../../src/engine/init';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import type { ExperimentState } from '../../src/experiment/state';

const S1: ExperimentState = { ...DEFAULT_STATE, n: 2000 };
const S2: ExperimentState = { ...DEFAULT_STATE, dim: 2, n: 2000, rot: 30, aspect: 0.3, vr: 2, w: 0.4, sep: 3 };

/** Fresh copies, so a test never compares a cached array with itself. */
const noise = (seed: number, n: number, dim: 1 | 2) => {
  const { u, eps } = drawNoise(seed, n, dim);
  return { u: Float64Array.from(u), eps: Float64Array.from(eps) };
};
/** Evict the cache by drawing two other streams. */
const evict = () => {
  drawNoise(999_001, 10, 1);
  drawNoise(999_002, 10, 1);
};
const maxAbsDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

afterEach(() => vi.restoreAllMocks());

describe('truthTheta', () => {
  it('1D: unit variance, vr, and sep in pooled standard deviations', () => {
    const t = truthTheta({ ...S1, sep: 2, w: 0.3, vr: 4 });
    const pooledSd = Math.sqrt(0.3 * 1 + 0.7 * 4);
    expect([...t]).toEqual([0.3, 0, 2 * pooledSd, 1, 4]);
  });

  it('2D: axes, rotation, scale ratio and Mahalanobis separation', () => {
    for (const s of [S2, { ...S2, rot: -90, aspect: 1, vr: 0.5 }, { ...S2, rot: 0, w: 0.9, sep: 0.7 }]) {
      const t = truthTheta(s);
      const [xx1, xy1, yy1, xx2, xy2, yy2] = t.subarray(5);
      // Σ1 has eigenvalues 1 and aspect, major axis along rot; Σ2 is vr times its mirror image.
      const tr = xx1 + yy1;
      const det = xx1 * yy1 - xy1 * xy1;
      expect(tr).toBeCloseTo(1 + s.aspect, 12);
      expect(det).toBeCloseTo(s.aspect, 12);
      const a = (s.rot * Math.PI) / 180;
      const major = [Math.cos(a), Math.sin(a)];
      expect(xx1 * major[0] ** 2 + 2 * xy1 * major[0] * major[1] + yy1 * major[1] ** 2).toBeCloseTo(1, 12);
      expect([xx2, xy2, yy2].map((x) => x / s.vr)).toEqual([xx1, -xy1, yy1].map((x) => expect.closeTo(x, 12)));
      expect(Math.sqrt(xx2 * yy2 - xy2 * xy2) / Math.sqrt(det)).toBeCloseTo(s.vr, 12);
      // μ1 = 0, μ2 = (d, 0) at Mahalanobis distance sep under the pooled covariance.
      expect([t[0], t[1], t[2], t[4]]).toEqual([s.w, 0, 0, 0]);
      const px = s.w * xx1 + (1 - s.w) * xx2;
      const pxy = s.w * xy1 + (1 - s.w) * xy2;
      const py = s.w * yy1 + (1 - s.w) * yy2;
      const d = t[3];
      expect(Math.sqrt((d * d * py) / (px * py - pxy * pxy))).toBeCloseTo(s.sep, 12);
    }
  });
});

describe('noise and data', () => {
  it('are deterministic, with or without the cache', () => {
    for (const s of [S1, S2]) {
      const a = Float64Array.from(generateData(s));
      const b = generateData(s); // cached noise
      evict();
      const c = generateData(s); // fresh noise
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(a.length).toBe(s.n * s.dim);
      expect(a.every(Number.isFinite)).toBe(true);
    }
  });

  it('use d3-random on a seeded LCG, never Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    evict();
    generateData({ ...S2, seed: 4242 });
    initialTheta(S2, generateData(S2));
    expect(spy).not.toHaveBeenCalled();
  });

  it('differ between seeds', () => {
    expect(noise(1, 100, 1).u).not.toEqual(noise(2, 100, 1).u);
    expect(generateData({ ...S1, seed: 1 })).not.toEqual(generateData({ ...S1, seed: 2 }));
  });

  it('a smaller sample is the prefix of a larger one (served from the cache or drawn fresh)', () => {
    for (const dim of [1, 2] as const) {
      evict();
      const big = noise(7, 1000, dim);
      const small = noise(7, 300, dim); // from the cache
      evict();
      const fresh = noise(7, 300, dim);
      expect(small).toEqual(fresh);
      expect(fresh.u).toEqual(big.u.subarray(0, 300));
      expect(fresh.eps).toEqual(big.eps.subarray(0, 300 * dim));
    }
  });

  it('noise has the right marginals', () => {
    const { u, eps } = noise(11, 100_000, 2);
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(mean(eps)).toBeCloseTo(0, 2);
    expect(mean(eps.map((x) => x * x))).toBeCloseTo(1, 1);
  });
});

describe('common random numbers: the truth sliders move the same points', () => {
  it('1D: same labels for fixed w; x moves continuously (and linearly) with sep', () => {
    const a = generateData({ ...S1, sep: 2 });
    const b = generateData({ ...S1, sep: 2.01 });
    const z = trueComponents(S1);
    const t0 = truthTheta({ ...S1, sep: 2 });
    const t1 = truthTheta({ ...S1, sep: 2.01 });
    for (let i = 0; i < S1.n; i++) {
      if (z[i] === 0) expect(b[i]).toBe(a[i]);
      else expect(b[i] - a[i]).toBeCloseTo(t1[2] - t0[2], 12);
    }
    expect(maxAbsDiff(a, b)).toBeLessThan(0.02);
  });

  it('the noise does not depend on sep, w, vr, aspect or rot', () => {
    const base = noise(S2.seed, S2.n, 2);
    generateData({ ...S2, sep: 9, w: 0.1, vr: 7, aspect: 0.9, rot: -80 });
    expect(noise(S2.seed, S2.n, 2)).toEqual(base);
  });

  it('changing w relabels only the points with u between the two weights', () => {
    const { u } = noise(S1.seed, S1.n, 1);
    const za = trueComponents({ ...S1, w: 0.3 });
    const zb = trueComponents({ ...S1, w: 0.5 });
    let flipped = 0;
    for (let i = 0; i < S1.n; i++) {
      const between = u[i] >= 0.3 && u[i] < 0.5;
      expect(za[i] !== zb[i]).toBe(between);
      flipped += between ? 1 : 0;
    }
    expect(flipped / S1.n).toBeCloseTo(0.2, 1);
  });

  it('2D: component-1 points stay put when sep / vr change; all points move continuously', () => {
    const a = generateData(S2);
    const b = generateData({ ...S2, sep: S2.sep + 0.01 });
    const c = generateData({ ...S2, vr: S2.vr + 0.01 });
    const z = trueComponents(S2);
    for (let i = 0; i < S2.n; i++) {
      if (z[i] === 0) {
        expect([b[2 * i], b[2 * i + 1]]).toEqual([a[2 * i], a[2 * i + 1]]);
        expect([c[2 * i], c[2 * i + 1]]).toEqual([a[2 * i], a[2 * i + 1]]);
      }
    }
    expect(maxAbsDiff(a, b)).toBeLessThan(0.05);
    expect(maxAbsDiff(a, c)).toBeLessThan(0.05);
    expect(maxAbsDiff(a, generateData({ ...S2, rot: S2.rot + 0.1 }))).toBeLessThan(0.05);
  });
});

describe('large samples approach the truth', () => {
  const N = 200_000;
  for (const s of [
    { ...S1, n: N, w: 0.3, vr: 3, sep: 2, seed: 5 },
    { ...S2, n: N, seed: 6 },
  ]) {
    it(`${s.dim}D`, () => {
      const x = generateData(s);
      const z = trueComponents(s);
      const t = truthTheta(s);
      const d = s.dim;
      const n1 = z.reduce((m, k) => m + (k === 0 ? 1 : 0), 0);
      expect(Math.abs(n1 / N - s.w)).toBeLessThan(4 * Math.sqrt((s.w * (1 - s.w)) / N));
      for (const k of [0, 1]) {
        const idx = [...z.keys()].filter((i) => z[i] === k);
        const part = new Float64Array(idx.length * d);
        idx.forEach((i, j) => part.set(x.subarray(i * d, i * d + d), j * d));
        const mean = sampleMean(part, d);
        const cov = sampleCovariance(part, d);
        const mu = d === 1 ? [t[1 + k]] : [t[1 + 2 * k], t[2 + 2 * k]];
        const sig = d === 1 ? [t[3 + k]] : [...t.subarray(5 + 3 * k, 8 + 3 * k)];
        const scale = Math.sqrt(Math.max(...sig) / idx.length);
        mean.forEach((m, j) => expect(Math.abs(m - mu[j])).toBeLessThan(5 * scale));
        cov.forEach((c, j) => expect(Math.abs(c - sig[j])).toBeLessThan(0.03 * Math.max(...sig)));
      }
    });
  }
});

describe('initialTheta', () => {
  it('uses an explicit start as given', () => {
    const start = [0.3, -1, 2, 0.5, 4];
    const r = initialTheta({ ...S1, start }, generateData(S1));
    expect(r).toEqual({ theta: Float64Array.from(start), source: 'explicit' });
  });

  it('from the init seed: π = 0.5, means on two distinct data points, covariances = sample covariance', () => {
    for (const s of [S1, S2]) {
      const data = generateData(s);
      const { theta, source } = initialTheta(s, data);
      const [i, j] = startIndices(s.init, data, s.dim);
      const c = [...sampleCovariance(data, s.dim)];
      expect(source).toBe('seed');
      expect(i).not.toBe(j);
      if (s.dim === 1) expect([...theta]).toEqual([0.5, data[i], data[j], c[0], c[0]]);
      else expect([...theta]).toEqual([0.5, data[2 * i], data[2 * i + 1], data[2 * j], data[2 * j + 1], ...c, ...c]);
    }
  });

  it('the init seed alone picks the points: the data seed does not move them, and init does not change the data', () => {
    for (const s of [S1, S2]) {
      const picks = [1, 2, 3].map((seed) => startIndices(s.init, generateData({ ...s, seed }), s.dim));
      expect(picks[1]).toEqual(picks[0]);
      expect(picks[2]).toEqual(picks[0]);
      expect(startIndices(s.init + 1, generateData(s), s.dim)).not.toEqual(picks[0]);
      const otherInit: ExperimentState = { ...s, init: 77 };
      expect(generateData(otherInit)).toEqual(generateData(s));
    }
  });

  it('the init stream does not replay the data stream when seed = init', () => {
    const s = { ...S1, seed: 1, init: 1 };
    const { u } = drawNoise(s.seed, s.n, 1);
    const [i] = startIndices(s.init, generateData(s), 1);
    expect(i).not.toBe(Math.floor(u[0] * s.n));
  });

  it('never starts symmetric: re-draws until the points are apart', () => {
    const data = new Float64Array(50); // 49 identical points and one other
    data[17] = 1;
    for (let init = 0; init < 20; init++) {
      const { theta } = initialTheta({ dim: 1, init, start: null }, data);
      expect(theta[1]).not.toBe(theta[2]);
    }
  });
});

describe('sample moments', () => {
  it('sampleVariance is the variance (1D) and the smallest covariance eigenvalue (2D)', () => {
    expect(sampleVariance(Float64Array.of(1, 2, 3, 4), 1)).toBeCloseTo(1.25, 14);
    // Along (1,1)/√2 at ±1, across it at ±0.1: ML covariance eigenvalues 1 and 0.01.
    const r = Math.SQRT1_2;
    const pts = Float64Array.from(
      [
        [-1, -0.1],
        [-1, 0.1],
        [1, -0.1],
        [1, 0.1],
      ].flatMap(([t, s]) => [r * (t - s), r * (t + s)]),
    );
    expect(sampleVariance(pts, 2)).toBeCloseTo(0.01, 14);
    expect(varianceFloor({ floor: 1e-6, dim: 2 }, pts)).toBeCloseTo(1e-8, 20);
  });
});
