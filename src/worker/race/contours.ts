/**
 * The trajectory panel's contours: L over a grid in the (μ1, μ2) plane (2D: the x-coordinates) of a
 * profile slice through θ*, a coarse grid first (the panel can draw), then a fine one in the background.
 */
import { familyData } from '../../engine/family-data';
import { planeLogLikOf } from '../../engine/plane-loglik';
import { contourBands } from '../contour-bands';
import type { ContourGrid } from '../protocol';
import type { GridState, Job } from './job';

/** Grid sizes by level: the coarse one, then the fine one. */
const GRIDS = [12, 48] as const;
/** Rows of the fine grid per unit of work (~1 ms at N = 2000). */
const FINE_ROWS_PER_TASK = 4;

function gridSpec(j: Job, size: number): GridState['spec'] {
  const { race } = j;
  const [ia, ib] = familyData(race.model.family).planeAxes(race.dim);
  const pts = [race.truth, race.init, race.optimum.theta].flatMap((t) => [t[ia], t[ib]]);
  let lo = Math.min(...pts);
  let hi = Math.max(...pts);
  const pad = Math.max(1, 0.35 * (hi - lo));
  lo -= pad;
  hi += pad;
  // Same range on both axes: the plane is symmetric about μ1 = μ2 (label swap).
  return { nx: size, ny: size, x0: lo, x1: hi, y0: lo, y1: hi };
}

/**
 * θ* labelled like the runs: the engine aligns θ* to the truth, but the runs may head for its
 * label-swapped twin. The slice must be taken through the twin they climb (EM's latest row decides).
 */
function sliceBase(j: Job): Float64Array {
  const { race } = j;
  const run = race.runs.find((r) => r.method === 'em') ?? race.runs[0];
  const star = race.optimum.theta;
  const twin = race.model.swapLabels(star);
  const at = run?.rows[run.rows.length - 1]?.theta ?? race.init;
  let a = 0;
  let b = 0;
  for (let i = 0; i < star.length; i++) {
    a += (at[i] - star[i]) ** 2;
    b += (at[i] - twin[i]) ** 2;
  }
  return b < a ? twin : Float64Array.from(star);
}

/** The coarse grid is still to be filled (the first draw waits for it). */
export const coarsePending = (j: Job): boolean => !j.grid || (j.grid.level === 0 && j.grid.row < j.grid.spec.ny);

/** A finer grid is left to compute: the current one's rows, or the next level once this one has been sent. */
export const finerPending = (g: GridState, sent: number): boolean => g.row < g.spec.ny || (g.level < GRIDS.length - 1 && sent >= g.level);

/** One unit of contour work: the whole coarse grid, or a few rows of the fine one (starting it when due). */
export function contourRow(j: Job): void {
  if (!j.grid || (j.grid.row >= j.grid.spec.ny && j.grid.level < GRIDS.length - 1 && j.contoursSent >= j.grid.level)) {
    // Start the next (finer) grid once the previous one has been sent.
    const level = j.grid ? j.grid.level + 1 : 0;
    const spec = gridSpec(j, GRIDS[level]);
    const base = j.grid?.plane.base ?? sliceBase(j);
    const centres = (lo: number, hi: number, k: number) => Array.from({ length: k }, (_, i) => lo + ((i + 0.5) / k) * (hi - lo));
    const plane = { base, xs: centres(spec.x0, spec.x1, spec.nx), ys: centres(spec.y0, spec.y1, spec.ny) };
    j.grid = { spec, plane, values: new Float64Array(spec.nx * spec.ny), row: 0, level };
  }
  if (j.grid.row >= j.grid.spec.ny) return;
  const { spec, values } = j.grid;
  // The coarse grid in one go (the first redraw waits for it); the fine one a few rows per task.
  const from = j.grid.row;
  const to = j.grid.level === 0 ? spec.ny : Math.min(spec.ny, from + FINE_ROWS_PER_TASK);
  const rows = planeLogLikOf(j.race.model, j.grid.plane, { from, to });
  values.set(rows, from * spec.nx);
  j.grid.row = to;
}

/** A finished grid finer than the last one sent, marked sent (with its filled levels), or null. */
export function takeContours(j: Job): ContourGrid | null {
  const g = j.grid;
  if (!g || g.row < g.spec.ny || j.contoursSent >= g.level) return null;
  const values = g.values.slice();
  j.contoursSent = g.level;
  return { ...g.spec, values, base: Float64Array.from(g.plane.base), bands: contourBands(g.spec.nx, g.spec.ny, values) };
}
