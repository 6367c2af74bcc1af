import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expNeg } from '../../src/engine/fastexp';

const ULP = Number.EPSILON;

describe('expNeg (the E-step exponential)', () => {
  it('matches Math.exp(−a) to a few ulp wherever the result is a normal number', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 700, noNaN: true }), (a) => {
        const want = Math.exp(-a);
        expect(Math.abs(expNeg(a) - want)).toBeLessThanOrEqual(4 * ULP * want);
      }),
      { numRuns: 20000 },
    );
  });

  it('is exact at 0, monotone across table boundaries, and 0 (never NaN) past the underflow point', () => {
    expect(expNeg(0)).toBe(1);
    let prev = expNeg(0);
    for (let a = 1e-4; a < 30; a += 0.00137) {
      const v = expNeg(a);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
    expect(expNeg(709)).toBe(0);
    expect(expNeg(1e308)).toBe(0);
    expect(expNeg(Infinity)).toBe(0);
  });
});
