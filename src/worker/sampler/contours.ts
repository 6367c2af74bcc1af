/**
 * The chain plane's contours: the log posterior over the plane's box (a few rows per unit of work,
 * one pass over the data per point), then its filled levels as SVG paths (contour-bands.ts), sent once.
 */
import { planeLogPosterior } from '../../engine/samplers/chain-view';
import { contourBands } from '../contour-bands';
import type { PlaneGrid } from '../sampler-protocol';
import type { Job } from './job';

/** Rows of the grid per unit of work (~1–2 ms at N = 1000). */
const ROWS_PER_TASK = 2;

export const gridPending = (j: Job): boolean => j.box !== null && j.geometry.plane !== null && j.gridRow < j.box.ny;

export function gridRows(j: Job): void {
  const box = j.box!;
  const to = Math.min(box.ny, j.gridRow + ROWS_PER_TASK);
  j.gridValues!.set(planeLogPosterior(j.set.setup.target, j.geometry.plane!, box, j.gridRow, to), j.gridRow * box.nx);
  j.gridRow = to;
}

/** The finished grid's levels, once (null before it is finished, and after it was sent). */
export function takeGrid(j: Job): PlaneGrid | null {
  if (j.gridSent || !j.box || gridPending(j) || !j.gridValues) return null;
  j.gridSent = true;
  const { nx, ny, x0, x1, y0, y1 } = j.box;
  return { nx, ny, x0, x1, y0, y1, bands: contourBands(nx, ny, j.gridValues) };
}
