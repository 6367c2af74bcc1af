import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACK, iterationAt, keyDelta, positionOf } from '../../src/ui/controls/scrub-scale';

describe('the iteration scrubber scale', () => {
  it('positionOf inverts iterationAt at every iteration, ends included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (max, f) => {
        const k = Math.round(f * max);
        expect(iterationAt(positionOf(k, max), max)).toBe(k);
      }),
    );
    expect(positionOf(0, 500)).toBe(0);
    expect(positionOf(500, 500)).toBe(TRACK);
  });

  it('is monotone and stays within [0, max], even for positions off the track', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: -10, max: 2 * TRACK, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (max, p, d) => {
          const a = iterationAt(p, max);
          const b = iterationAt(p + d, max);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(max);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });

  it('gives the first iterations most of the track (quadratic, not linear)', () => {
    expect(positionOf(20, 2000) / TRACK).toBeCloseTo(0.1, 12);
    expect(iterationAt(TRACK / 2, 2000)).toBe(500);
  });

  it('a degenerate scrubber (max 0) is pinned at 0', () => {
    expect(iterationAt(TRACK, 0)).toBe(0);
    expect(positionOf(5, 0)).toBe(0);
  });

  it('keys move by iterations: arrows one, Page ten, Home and End to the ends', () => {
    expect(keyDelta('ArrowLeft', 7, 50)).toBe(-1);
    expect(keyDelta('ArrowUp', 7, 50)).toBe(1);
    expect(keyDelta('PageUp', 7, 50)).toBe(10);
    expect(keyDelta('PageDown', 7, 50)).toBe(-10);
    expect(keyDelta('Home', 7, 50)).toBe(-7);
    expect(keyDelta('End', 7, 50)).toBe(43);
    expect(keyDelta('a', 7, 50)).toBeNull();
  });
});
