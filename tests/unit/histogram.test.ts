import { bin } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { densityHistogram, extent, histogramLayout } from '../../src/ui/plot/histogram';

/** The reference: d3.bin over the same domain and thresholds, as the panel used to build it. */
function viaD3(data: Float64Array) {
  const { domain, thresholds } = histogramLayout(data);
  return bin()
    .domain(domain)
    .thresholds(thresholds)(Array.from(data))
    .map((b) => ({
      x0: b.x0 ?? 0,
      x1: b.x1 ?? 0,
      count: b.length,
    }));
}

describe('densityHistogram', () => {
  it('has d3.bin’s edges and counts, with densities that integrate to one', () => {
    fc.assert(
      fc.property(
        // Values on a 1e-3 grid (so a spread is never a few denormals), ± 50.
        fc.array(
          fc.integer({ min: -50_000, max: 50_000 }).map((v) => v / 1000),
          { minLength: 1, maxLength: 400 },
        ),
        fc.integer({ min: 0, max: 3 }),
        (xs, repeat) => {
          // Repeats put values exactly on thresholds and on the domain's ends.
          const data = Float64Array.from([...xs, ...xs.slice(0, repeat).map((v) => Math.round(v))]);
          const ours = densityHistogram(data).bins;
          const ref = viaD3(data);
          expect(ours.map((b) => [b.x0, b.x1])).toEqual(ref.map((b) => [b.x0, b.x1]));
          ours.forEach((b, j) => expect(b.density * data.length * Math.max(1e-12, b.x1 - b.x0)).toBeCloseTo(ref[j].count, 9));
          const mass = ours.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0);
          expect(mass).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('copes with constant data (a zero-width range)', () => {
    const { bins, domain } = densityHistogram(new Float64Array([2, 2, 2]));
    expect(domain[0]).toBeLessThan(2);
    expect(domain[1]).toBeGreaterThan(2);
    expect(bins.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12);
  });

  it('extent scans a typed array', () => {
    expect(extent(new Float64Array([3, -1, 7, 0]))).toEqual([-1, 7]);
  });
});
