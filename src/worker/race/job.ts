/**
 * A job: the race of the latest settings and everything computed for it (cursor, lanes, contour
 * grid, guesses, stage timings), from `createJob` to `retire`. Retired races are kept (kept-races.ts)
 * for a return to the same settings. The worker has at most one current job.
 */
import type { PlaneGrid } from '../../engine/plane-loglik';
import type { Race } from '../../engine/trace';
import { isDeferred } from '../../engine/methods/registry';
import type { MethodId, LatentModel } from '../../engine/types';
import { curveKey } from '../../experiment/codec';
import type { ExperimentState } from '../../experiment/state';
import { KeptRaces } from '../kept-races';
import type { ContourGrid } from '../protocol';
import { resolveSettled } from './settle';

/** A contour grid being filled: its cells' centres (`plane`) and values, `row` rows done, at grid `level`. */
export interface GridState {
  readonly spec: Omit<ContourGrid, 'values' | 'base' | 'bands'>;
  readonly plane: PlaneGrid;
  readonly values: Float64Array;
  row: number;
  readonly level: number;
}

/** A race for a neighbouring separation, computed up to `upTo` while the page is idle, then kept. */
export interface Guess {
  readonly key: string;
  readonly race: Race;
  readonly upTo: number;
}

export interface Job {
  readonly epoch: number;
  readonly state: ExperimentState;
  /** The settings that determine the race (the state without the view cursor): the kept-races key. */
  readonly key: string;
  readonly race: Race;
  readonly model: LatentModel;
  cursor: number;
  /** Indices of the runs computed first, and of the deferred ones. */
  fast: number[];
  slow: number[];
  /** The method whose per-row DM spectra are computed (the spectrum panel's). */
  spectrumFor: MethodId;
  grid: GridState | null;
  /** Finest grid level sent to the UI (−1: none yet). */
  contoursSent: number;
  curveKey: string;
  exportWaiters: (() => void)[];
  error: string | null;
  /** When each stage finished, ms after configure was called (the benchmark prints them). */
  phases: Record<string, number>;
  t0: number;
  /** Separations still to precompute (the UI's list), the one being computed, and whether its race is being built. */
  guesses: number[];
  guess: Guess | null;
  guessBuilding: boolean;
}

/** A retired race and its finished contour grid, if any. */
export interface Kept {
  readonly race: Race;
  readonly grid: GridState | null;
}
/** ~3 MB of data and tfjs copies and ~25 MB of trace rows at most (a finished race can have 2000 rows per method). */
export const kept = new KeptRaces<Kept>({ races: 48, points: 200_000, rows: 100_000 });

let current: Job | null = null;
export const currentJob = (): Job | null => current;
export const setCurrentJob = (j: Job | null): void => {
  current = j;
};

export interface JobInput {
  readonly epoch: number;
  readonly state: ExperimentState;
  readonly key: string;
  readonly race: Race;
  readonly cursor: number;
  readonly spectrumFor: MethodId;
  readonly grid: GridState | null;
  readonly guesses: readonly number[];
  readonly phases: Record<string, number>;
  readonly t0: number;
}

export function createJob(a: JobInput): Job {
  const { race } = a;
  const lanes = race.runs.map((r, i) => ({ i, slow: isDeferred(r.method) }));
  return {
    epoch: a.epoch,
    state: a.state,
    key: a.key,
    race,
    model: race.model,
    cursor: Math.max(a.state.it, a.cursor),
    fast: lanes.filter((l) => !l.slow).map((l) => l.i),
    slow: lanes.filter((l) => l.slow).map((l) => l.i),
    spectrumFor: a.spectrumFor,
    grid: a.grid,
    contoursSent: -1,
    curveKey: curveKey(a.state),
    exportWaiters: [],
    error: null,
    phases: a.phases,
    t0: a.t0,
    guesses: a.guesses.filter(Number.isFinite), // a copy: the job consumes it
    guess: null,
    guessBuilding: false,
  };
}

/**
 * Ends a job that was replaced or cancelled: keeps its race for a return to the same settings
 * (or frees it if it failed) and releases any export still waiting on it (it answers null).
 */
export function retire(j: Job | null): void {
  if (!j) return;
  if (j.guess) kept.keep(j.guess.key, { race: j.guess.race, grid: null }); // its rows so far still count
  j.guess = null;
  if (j.error) j.race.dispose();
  // A grid still being filled is dropped: the new job would have none to send until it was done.
  else kept.keep(j.key, { race: j.race, grid: j.grid && j.grid.row >= j.grid.spec.ny ? j.grid : null });
  for (const w of j.exportWaiters.splice(0)) w();
  resolveSettled((w) => w.epoch === j.epoch);
}

/** Indices (among `lanes`) of running methods with at most `upTo` rows. */
export function behind(race: Race, lanes: readonly number[], upTo: number): number[] {
  return lanes.filter((i) => !race.runs[i].stop && race.runs[i].rows.length <= upTo);
}
