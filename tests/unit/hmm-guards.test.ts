/**
 * The HMM's data, start and guards: common random numbers across p, the start rule and floor,
 * the domain, degenerate fits, the label swap, and stability where a naive pass breaks (T = 10⁵,
 * p → 1, far-apart states, random extreme θ): nothing non-finite leaves the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawNoise } from '../../src/engine/data';
import { sampleVariance, startIndices } from '../../src/engine/init';
import { generateHmmData, hmmTrueStates, hmmTruthTheta } from '../../src/engine/hmm/data';
import { hmmInitialTheta, hmmVarianceFloor } from '../../src/engine/hmm/init';
import { createHmmModel } from '../../src/engine/hmm/model';
import type { EStep } from '../../src/engine/types';
import { logForward, shortSequence } from './hmm-reference';

const switchesOf = (s: Uint8Array) => Array.from(s.subarray(1), (k, i) => (k !== s[i] ? i + 1 : -1)).filter((i) => i >= 0);
const finite = (e: EStep) => Number.isFinite(e.logLik) && Number.isFinite(e.entropy) && e.stats.every(Number.isFinite);

describe('simulation', () => {
  it('raising p only removes switches; the noise is the mixture stream; shorter = prefix', () => {
    const base = { n: 3000, seed: 7 };
    let prev = new Set(switchesOf(hmmTrueStates({ ...base, p: 0.3 })));
    for (const p of [0.5, 0.7, 0.9, 0.99]) {
      const now = switchesOf(hmmTrueStates({ ...base, p }));
      for (const t of now) expect(prev.has(t)).toBe(true);
      // ~(1 − p)·T switches
      expect(Math.abs(now.length - (1 - p) * base.n)).toBeLessThan(5 * Math.sqrt((1 - p) * base.n) + 3);
      prev = new Set(now);
    }
    const spec = { ...base, sep: 2.5, vr: 2, p: 0.9 };
    const y = generateHmmData(spec);
    const states = hmmTrueStates(spec);
    const t = hmmTruthTheta(spec);
    const { u, eps } = drawNoise(7, 3000, 1);
    expect(states[0]).toBe(u[0] < 0.5 ? 0 : 1);
    for (let i = 0; i < 3000; i++) expect(y[i]).toBe(t[2 + states[i]] + Math.sqrt(t[4 + states[i]]) * eps[i]);
    expect(Array.from(generateHmmData({ ...spec, n: 500 }))).toEqual(Array.from(y.subarray(0, 500)));
  });

  it('truth: means ∓ sep/2 pooled sd apart, v1 = 1, v2 = vr, both stays p', () => {
    const t = hmmTruthTheta({ sep: 3, vr: 4, p: 0.95 });
    const pooled = Math.sqrt((1 + 4) / 2);
    expect(t[3] - t[2]).toBeCloseTo(3 * pooled, 14);
    expect(t[2] + t[3]).toBe(0);
    expect([t[0], t[1], t[4], t[5]]).toEqual([0.95, 0.95, 1, 4]);
    // The sequence's moments follow: half the time in each state.
    const y = generateHmmData({ n: 100_000, seed: 2, sep: 3, vr: 4, p: 0.95 });
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(hmmTrueStates({ n: 100_000, seed: 2, p: 0.95 }).reduce((a, b) => a + b, 0) / 1e5).toBeCloseTo(0.5, 1);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => hmmTrueStates({ n: 10, seed: 1, p: 1 })).toThrow(RangeError);
  });
});

describe('the start rule and the floor', () => {
  it('θ⁰ = [½, ½, y_i, y_j, s², s²] on the mixture’s start points, never symmetric; the floor is relative to s²', () => {
    const y = generateHmmData({ n: 800, seed: 3, sep: 2, vr: 1, p: 0.9 });
    const model = createHmmModel(y);
    for (const init of [1, 2, 3, 4, 5]) {
      const t = hmmInitialTheta({ init, start: null }, y).theta;
      const [i, j] = startIndices(init, y, 1);
      expect(Array.from(t)).toEqual([0.5, 0.5, y[i], y[j], sampleVariance(y, 1), sampleVariance(y, 1)]);
      expect(model.symmetric(t)).toBe(false);
      expect(model.domainError(t)).toBeNull();
    }
    expect(hmmInitialTheta({ init: 1, start: [0.9, 0.8, 0, 1, 1, 2] }, y).source).toBe('explicit');
    expect(() => hmmInitialTheta({ init: 1, start: [0.5, 0, 1, 1, 1] }, y)).toThrow(RangeError);
    expect(hmmVarianceFloor(1e-3, y)).toBeCloseTo(1e-3 * sampleVariance(y, 1), 15);
  });
});

describe('guards', () => {
  const y = shortSequence(600, 12, 2, 0.9);
  const model = createHmmModel(y, { varianceFloor: 1e-4 });

  it('domainError names the bad parameter', () => {
    expect(model.domainError(Float64Array.of(0.9, 0.8, 0, 1, 1, 1))).toBeNull();
    expect(model.domainError(Float64Array.of(1, 0.8, 0, 1, 1, 1))).toMatch(/a11/);
    expect(model.domainError(Float64Array.of(0.9, 0, 0, 1, 1, 1))).toMatch(/a22/);
    expect(model.domainError(Float64Array.of(0.9, 0.8, NaN, 1, 1, 1))).toMatch(/not a finite number/);
    expect(model.domainError(Float64Array.of(0.9, 0.8, 0, 1, 1, 1e-5))).toMatch(/floor/);
  });

  it('swapping the labels leaves L and the entropy unchanged and swaps the counts', () => {
    const t = Float64Array.of(0.9, 0.7, -1, 1.2, 0.8, 1.3);
    const a = model.estep(t);
    const b = model.estep(model.swapLabels(t));
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-12 * Math.abs(a.logLik));
    expect(Math.abs(a.entropy - b.entropy)).toBeLessThan(1e-12);
    const swap = [3, 2, 1, 0, 5, 4, 7, 6, 9, 8];
    for (let i = 0; i < 10; i++) expect(Math.abs(b.stats[i] - a.stats[swap[i]])).toBeLessThan(1e-9);
    expect(Array.from(model.swapLabels(model.swapLabels(t)))).toEqual(Array.from(t));
  });

  it('symmetric: θ is its own label swap; EM keeps it so, while equal emissions with a11 ≠ a22 separate', () => {
    const t = Float64Array.of(0.5, 0.5, 0.3, 0.3, 1.1, 1.1);
    expect(model.symmetric(t)).toBe(true);
    expect(model.symmetric(Float64Array.of(0.5, 0.5, 0.3, 0.30001, 1.1, 1.1))).toBe(false);
    let e = model.estep(t);
    for (let k = 0; k < 20; k++) e = model.estep(model.mstep(e));
    expect(model.symmetric(e.theta)).toBe(true);
    expect(model.newtonDirection(e)).toBeNull(); // a saddle: I_o is singular there
    // The chain's start-up transient breaks the tie when the stays differ.
    const tilted = Float64Array.of(0.9, 0.6, 0.3, 0.3, 1.1, 1.1);
    expect(model.symmetric(tilted)).toBe(false);
    e = model.estep(tilted);
    for (let k = 0; k < 300; k++) e = model.estep(model.mstep(e));
    expect(Math.abs(e.theta[2] - e.theta[3])).toBeGreaterThan(1);
  });

  it('degenerate: an emptied state and a variance on the floor are collapses', () => {
    const far = Float64Array.of(0.9, 0.9, 0, 1000, 1, 1); // state 2 explains nothing
    expect(model.degenerate(model.estep(far))?.code).toBe('collapse');
    expect(model.degenerate(model.estep(far))?.message).toMatch(/state 2 emptied/);
    const floored = Float64Array.of(0.9, 0.9, 0, 1, 1, 1e-4);
    expect(model.degenerate(model.estep(floored))?.message).toMatch(/floor/);
    expect(model.degenerate(model.estep(Float64Array.of(0.9, 0.9, -1, 1, 1, 1)))).toBeNull();
  });
});

describe('stability', () => {
  it('T = 10⁵ at p = 0.999: L matches the log-space recursion, EM, gradient, Newton and DM finite', () => {
    const spec = { n: 100_000, seed: 1, sep: 2, vr: 1, p: 0.999 };
    const y = generateHmmData(spec);
    const model = createHmmModel(y, { varianceFloor: hmmVarianceFloor(1e-6, y) });
    const truth = hmmTruthTheta(spec);
    const e0 = model.estep(truth);
    expect(Math.abs(e0.logLik - logForward(y, truth)) / Math.abs(e0.logLik)).toBeLessThan(1e-12);
    let e = model.estep(hmmInitialTheta({ init: 1, start: null }, y).theta);
    for (let k = 0; k < 15; k++) {
      const next = model.estep(model.mstep(e));
      expect(finite(next)).toBe(true);
      expect(next.logLik).toBeGreaterThanOrEqual(e.logLik - 1e-12 * Math.abs(e.logLik));
      e = next;
    }
    expect(model.gradientFree(e).every(Number.isFinite)).toBe(true);
    expect(e.entropy).toBeGreaterThanOrEqual(0);
    expect(e.entropy).toBeLessThanOrEqual(1);
    const near = model.estep(truth);
    expect(model.newtonDirection(near)?.every(Number.isFinite)).toBe(true);
    expect(model.spectrum(near)?.every(Number.isFinite)).toBe(true);
    expect(model.posteriors(truth).every((g) => g >= 0 && g <= 1)).toBe(true);
  });

  it('far-apart states (emission log-odds ~ 10⁴): 0/1 posteriors, L matches the log-space recursion', () => {
    const y = shortSequence(2000, 13, 200, 0.99);
    const model = createHmmModel(y);
    const t = Float64Array.of(0.999, 0.99, -100, 100, 1, 1);
    const e = model.estep(t);
    expect(finite(e)).toBe(true);
    expect(Math.abs(e.logLik - logForward(y, t)) / Math.abs(e.logLik)).toBeLessThan(1e-12);
    // 0 and 1 up to the last bit (r·(1/r) may round to 1 − 2⁻⁵³).
    expect(e.entropy).toBeLessThan(1e-15);
    expect(model.posteriors(t).every((g) => Math.min(g, 1 - g) < 1e-15)).toBe(true);
  });

  it('random extreme θ (fast-check): L is finite or −∞, never NaN; entropy and counts always finite', () => {
    const y = shortSequence(300, 14, 8, 0.95);
    const m = createHmmModel(y);
    fc.assert(
      fc.property(
        fc.double({ min: -700, max: 37, noNaN: true }),
        fc.double({ min: -700, max: 37, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: -300, max: 300, noNaN: true }),
        (l1, l2, m1, m2, lv1, lv2) => {
          const t = m.fromFree(Float64Array.of(l1, l2, m1, m2, lv1, lv2));
          if (m.domainError(t) !== null) return;
          const e = m.estep(t);
          expect(Number.isNaN(e.logLik)).toBe(false);
          expect(e.logLik < Infinity).toBe(true);
          expect(Number.isFinite(e.entropy) && e.stats.every(Number.isFinite)).toBe(true);
          expect(model_ok(m.mstep(e))).toBe(true);
        },
      ),
      { numRuns: 300, seed: 21 },
    );
    function model_ok(t: Float64Array) {
      return t.every(Number.isFinite) && t[0] > 0 && t[0] < 1 && t[1] > 0 && t[1] < 1 && t[4] > 0 && t[5] > 0;
    }
  });
});
