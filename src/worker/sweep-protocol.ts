/**
 * The contract between the page and each sweep worker (comlink). Types only: both sides import
 * this file, so it must not pull in the engine. One call computes one cell (engine/sweep-cell.ts);
 * the scheduling (experiment/sweep/pool.ts) stays on the page, so any worker takes any task.
 */
import type { CellResult, CellTask } from '../engine/sweep-cell';
import type { MapTask } from '../experiment/sweep/plan';

export interface SweepWorkerApi {
  /** One (separation, replicate) cell: its θ*, λ_max and every method's run. */
  runCell(task: CellTask): Promise<CellResult>;
  /** One rate-map point: λ_max at θ* (null where undefined). */
  mapPoint(task: MapTask): number | null;
}
