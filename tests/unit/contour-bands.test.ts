/**
 * contourBands (src/worker/contour-bands.ts): the filled levels the trajectory panel draws, as SVG
 * path data in grid units. On a peaked surface: levels lowest first, every vertex inside the grid,
 * the top level's rings around the peak and away from the far corner (by ray casting on the path's
 * own vertices), and no levels for a flat grid.
 */
import { polygonContains } from 'd3';
import { describe, expect, it } from 'vitest';
import { contourBands } from '../../src/worker/contour-bands';

/** The rings of an "M…L…Z" path as vertex lists. */
function rings(path: string): [number, number][][] {
  return path
    .split('M')
    .filter(Boolean)
    .map((r) => [...r.matchAll(/(-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]));
}

describe('contourBands', () => {
  const nx = 20;
  const ny = 16;
  // A smooth peak at cell (12, 5) (cell centres at i + 0.5), falling off like a log-likelihood.
  const values = Float64Array.from({ length: nx * ny }, (_, k) => -(((k % nx) - 12) ** 2) - 2 * (Math.floor(k / nx) - 5) ** 2);

  it('gives levels lowest first as path data inside the grid, the top one around the peak', () => {
    const bands = contourBands(nx, ny, values);
    expect(bands.length).toBeGreaterThan(3);
    for (let i = 1; i < bands.length; i++) expect(bands[i].value).toBeGreaterThan(bands[i - 1].value);
    for (const b of bands) {
      expect(b.path).toMatch(/^M/);
      for (const ring of rings(b.path))
        for (const [x, y] of ring) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(nx);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(ny);
        }
    }
    const top = rings(bands[bands.length - 1].path);
    expect(top.some((r) => polygonContains(r, [12.5, 5.5]))).toBe(true);
    expect(top.some((r) => polygonContains(r, [0.5, 15.5]))).toBe(false);
  });

  it('gives no levels for a flat grid', () => {
    expect(contourBands(nx, ny, new Float64Array(nx * ny).fill(-3))).toEqual([]);
  });
});
