/** The deterministic elementary functions agree with Math.* to a few ulp (they exist for bitwise reproducibility, not speed). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exp, expNeg, hypot, log, log1p, sigmoid, sinCosDeg } from '../../src/engine/detmath';

const EPS = Number.EPSILON;
const close = (got: number, want: number, ulps: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(ulps * EPS * Math.max(Math.abs(want), Number.MIN_VALUE / EPS));

describe('detmath', () => {
  it('expNeg and exp match Math.exp to a few ulp wherever the result is normal', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 700, noNaN: true }), (a) => {
        close(expNeg(a), Math.exp(-a), 4);
        close(exp(-a), Math.exp(-a), 4);
        close(exp(a), Math.exp(a), 5);
      }),
      { numRuns: 20000 },
    );
  });

  it('log matches Math.log across the whole positive range, subnormals included', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        close(log(x), Math.log(x), 2);
      }),
      { numRuns: 20000 },
    );
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(Infinity)).toBe(Infinity);
    expect(Number.isNaN(log(-1))).toBe(true);
  });

  it('log1p keeps full relative accuracy for tiny arguments', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.999, max: 1e6, noNaN: true }), (x) => {
        close(log1p(x), Math.log1p(x), 4);
      }),
      { numRuns: 20000 },
    );
    expect(log1p(1e-300)).toBe(1e-300);
    expect(log1p(-1)).toBe(-Infinity);
  });

  it('sigmoid never overflows and is exact at 0; hypot matches Math.hypot; sin/cos of degrees match Math', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1e4)).toBe(1);
    expect(sigmoid(-1e4)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: -1e150, max: 1e150, noNaN: true }), fc.double({ min: -1e150, max: 1e150, noNaN: true }), (a, b) => {
        close(hypot(a, b), Math.hypot(a, b), 3);
      }),
    );
    for (let deg = -360; deg <= 360; deg += 0.5) {
      const [s, c] = sinCosDeg(deg);
      const r = (deg * Math.PI) / 180;
      expect(Math.abs(s - Math.sin(r))).toBeLessThan(8 * EPS);
      expect(Math.abs(c - Math.cos(r))).toBeLessThan(8 * EPS);
    }
  });

  it('expNeg is monotone across table boundaries and 0 (never NaN) past the underflow point', () => {
    let prev = expNeg(0);
    expect(prev).toBe(1);
    for (let a = 1e-4; a < 30; a += 0.00137) {
      const v = expNeg(a);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
    expect(expNeg(709)).toBe(0);
    expect(expNeg(Infinity)).toBe(0);
  });
});
