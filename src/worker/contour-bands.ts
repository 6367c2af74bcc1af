/**
 * The filled log-likelihood levels of a contour grid, as SVG path data in grid units (d3-contour's
 * MultiPolygons through d3-geoPath). Computed in the worker (marching squares over the finer grid
 * and the path strings cost the main thread several ms per new race, and a string crosses to it far
 * cheaper than nested coordinate arrays); the panel maps each path to pixels with one affine matrix.
 */
import { contours, geoPath } from 'd3';
import type { ContourBand } from './protocol';

/** At most this many levels, spaced geometrically below the maximum (the surface is sharply peaked). */
const MAX_LEVELS = 14;

export function contourBands(nx: number, ny: number, values: Float64Array): ContourBand[] {
  let max = -Infinity;
  let min = Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
  if (!(max > min)) return [];
  const filled = Array.from(values, (v) => (Number.isFinite(v) ? v : min));
  const levels: number[] = [];
  for (let d = 0.5; max - d > min && levels.length < MAX_LEVELS; d *= 2) levels.unshift(max - d);
  const toPath = geoPath();
  return contours()
    .size([nx, ny])
    .thresholds(levels)(filled)
    .map((p) => ({ value: p.value, path: toPath(p) ?? '' }));
}
