import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURVE_SEPS } from '../../src/experiment/curve-seps';
import { SEP_SLIDER, sepNotches } from '../../src/experiment/sep-slider';

describe('the separation slider notches the worker precomputes', () => {
  it('are one step either side on the grid, and the grid values either side off it', () => {
    expect(sepNotches(2.5)).toEqual([2.45, 2.55]);
    expect(sepNotches(2.53)).toEqual([2.5, 2.55]);
    expect(sepNotches(1)).toEqual([0.95, 1.05]);
  });

  it('stay on the track at its ends', () => {
    expect(sepNotches(0)).toEqual([0.05]);
    expect(sepNotches(8)).toEqual([7.95]);
    expect(sepNotches(10)).toEqual([]);
  });

  it('are what the slider makes: on its grid, at two decimals, distinct from sep and at most a step away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), (c) => {
        const sep = c / 100;
        for (const v of sepNotches(sep)) {
          const k = (v - SEP_SLIDER.min) / SEP_SLIDER.step;
          expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
          expect(v).toBe(Number(v.toFixed(2)));
          expect(v).not.toBe(sep);
          expect(Math.abs(v - sep)).toBeLessThanOrEqual(SEP_SLIDER.step + 1e-9);
        }
      }),
    );
  });
});

describe('the λ curve’s separations', () => {
  it('span the slider’s whole track, both ends included, evenly and in order', () => {
    expect(CURVE_SEPS[0]).toBe(SEP_SLIDER.min);
    expect(CURVE_SEPS[CURVE_SEPS.length - 1]).toBe(SEP_SLIDER.max);
    const step = CURVE_SEPS[1] - CURVE_SEPS[0];
    CURVE_SEPS.forEach((s, i) => expect(s).toBeCloseTo(SEP_SLIDER.min + i * step, 12));
  });
});

describe('CURVE_PS: the HMM curve’s persistences', () => {
  it('rise strictly over the persistence slider’s whole track, both ends included', async () => {
    const { CURVE_PS, curveValues, CURVE_SEPS } = await import('../../src/experiment/curve-seps');
    expect(CURVE_PS[0]).toBe(0.5);
    expect(CURVE_PS.at(-1)).toBe(0.999);
    for (let i = 1; i < CURVE_PS.length; i++) expect(CURVE_PS[i]).toBeGreaterThan(CURVE_PS[i - 1]);
    expect(CURVE_PS).toEqual(expect.arrayContaining([0.9, 0.95, 0.99]));
    expect(curveValues('hmm')).toBe(CURVE_PS);
    expect(curveValues('mixture')).toBe(CURVE_SEPS);
  });
});
