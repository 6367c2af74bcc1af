/**
 * What the sweep section can do: change its settings (a new history entry each, like the app's
 * discrete choices), open or close, run on the worker pool with results streaming into the sweep
 * store, cancel, and export the finished sweep as the document `npm run lab -- sweep` prints.
 *
 * A run snapshots the experiment (the app's current settings) and the sweep settings: changing
 * either afterwards does not touch the results shown, which name the query they belong to.
 */
import { APP_VERSION } from '../experiment/provenance';
import type { CellResult, CellTask } from '../engine/sweep-cell';
import { decodeSweep, encodeSweep } from '../experiment/sweep/codec';
import { emptyGrid, sweepCsv, sweepDocument, sweepJson } from '../experiment/sweep/document';
import { cellTasks, mapTasks, planRateMap, planSweep, type MapTask } from '../experiment/sweep/plan';
import { runPool, type CancelToken } from '../experiment/sweep/pool';
import type { SweepSpec } from '../experiment/sweep/spec';
import { sweepWorkers, terminateSweepWorkers } from '../worker/sweep-pool';
import { useStore } from './store';
import { useSweepStore, type SweepState } from './sweep-store';
import { writeUrl } from './url-sync';

/** Rounds and clamps through the sweep codec, so the store only holds canonical settings. */
const canonical = (s: SweepSpec): SweepSpec => decodeSweep(encodeSweep(s)).spec;

export function setSweepSpec(patch: Partial<SweepSpec>): void {
  const prev = useSweepStore.getState().spec;
  const next = canonical({ ...prev, ...patch });
  if (encodeSweep(next) === encodeSweep(prev)) return;
  useSweepStore.setState({ spec: next, open: true });
  writeUrl('push');
}

let current: CancelToken | null = null;

const bump = (patch: Partial<SweepState> = {}) => useSweepStore.setState((s) => ({ ...patch, version: s.version + 1 }));

/**
 * Runs the sweep (cells first, then the rate map) on the pool, each result into the store as it
 * arrives. Resolves when it has finished or failed; a cancelled run's promise is simply abandoned
 * (its workers are gone), and the results it delivered stay.
 */
export async function runSweep(): Promise<void> {
  cancelSweep();
  const token: CancelToken = { cancelled: false };
  current = token;
  const plan = planSweep(useStore.getState().config, useSweepStore.getState().spec);
  const mapPlan = planRateMap(plan);
  const placed = cellTasks(plan);
  const points = mapTasks(plan, mapPlan);
  const grid = emptyGrid(plan);
  const map: (number | null | undefined)[] = points.map(() => undefined);
  const t0 = performance.now();
  bump({ status: 'running', error: null, plan, grid, mapPlan, map, done: 0, total: placed.length + points.length, elapsedMs: 0 });

  const failed = (message: string) => {
    if (current !== token) return;
    token.cancelled = true;
    current = null;
    terminateSweepWorkers();
    bump({ status: 'error', error: message });
  };
  const progress = () => bump({ done: useSweepStore.getState().done + 1, elapsedMs: performance.now() - t0 });
  try {
    const workers = sweepWorkers(failed);
    await runPool<CellTask, CellResult>(
      placed.map((p) => p.task),
      workers.map((w) => (task) => w.runCell(task)),
      (i, result) => {
        grid[placed[i].sepIndex][placed[i].rep] = result;
        progress();
      },
      token,
    );
    await runPool<MapTask, number | null>(
      points,
      workers.map((w) => async (task) => w.mapPoint(task)),
      (i, lambda) => {
        map[i] = lambda;
        progress();
      },
      token,
    );
  } catch (err) {
    failed(err instanceof Error ? err.message : String(err));
    return;
  }
  if (current !== token) return;
  current = null;
  bump({ status: 'done', elapsedMs: performance.now() - t0 });
}

/** Stops a running sweep now; the results so far stay on screen, marked cancelled. */
export function cancelSweep(): void {
  if (!current) return;
  current.cancelled = true;
  current = null;
  terminateSweepWorkers();
  bump({ status: 'cancelled' });
}

/** The finished sweep's document (JSON, as `npm run lab -- sweep` prints it) or its CSV rows; null before it has finished. */
export function sweepExport(format: 'json' | 'csv'): string | null {
  const { plan, grid } = useSweepStore.getState();
  if (!plan || grid.some((row) => row.some((c) => c === undefined))) return null;
  const doc = sweepDocument(plan, grid, APP_VERSION);
  return format === 'json' ? sweepJson(doc) : sweepCsv(doc);
}
