/**
 * One cell of a convergence sweep: one data set (one separation, one replicate), its optimum θ* and
 * λ_max(DM) at θ*, and each method run from the shared start until the gap L* − L falls below `tol`
 * or the E-step cap is reached. Pure (no DOM, no Node APIs): the CLI's worker_threads pool, the
 * browser's Web Workers and the tests all call this one function.
 *
 * It reuses the race (race.ts) so a sweep counts E-steps and stops exactly as the app's race does,
 * with three differences (and one saving: E-steps are remembered, memo-model.ts): no per-row spectra, no gradient-norm stop (the sweep's criterion is the gap
 * alone: gtol = 0), and the cap is on E-steps rather than iterations (checked after every iteration;
 * ECG's line search may overshoot it within its last iteration, and such a run counts as capped).
 */
import type { MapTask } from '../experiment/sweep/plan';
import type { ExperimentState } from '../experiment/state';
import { generateData, truthTheta } from './data';
import { initialTheta, varianceFloor } from './init';
import { lambdaAt } from './lambda-curve';
import { memoModel } from './memo-model';
import { createModel, raceOnModel } from './race';
import type { MethodId, StopCode } from './types';

/** Everything one cell needs; `experiment` supplies the mixture's other settings (see SweepSpec). */
export interface CellTask {
  readonly experiment: ExperimentState;
  readonly sep: number;
  readonly n: number;
  /** Data seed of this replicate. */
  readonly seed: number;
  readonly methods: readonly MethodId[];
  readonly tol: number;
  /** Most E-steps a run may use. */
  readonly cap: number;
}

/**
 * How a run ended: `reached` (gap < tol within the cap), `capped` (the cap came first), or the race's
 * stop code when the method stopped for good without reaching the gap (e.g. `collapse`,
 * `other-stationary-point`, `line-search-failed`, `converged-rel-dl` = L stalled at the float64 floor
 * above the tolerance). `error` when the cell could not be built at all.
 */
export type RunOutcome = 'reached' | 'capped' | 'error' | Exclude<StopCode, 'converged-gap' | 'converged-grad' | 'iteration-cap'>;

export interface CellRun {
  readonly method: MethodId;
  /** E-steps to reach the gap (including the start's E-step), or null when it was not reached. */
  readonly evaluations: number | null;
  /** E-steps actually spent (= evaluations when reached). */
  readonly spent: number;
  readonly outcome: RunOutcome;
  /** The race's stop message, or why the run was capped. */
  readonly reason: string;
}

export interface CellResult {
  readonly sep: number;
  readonly seed: number;
  /** λ_max(DM) at θ*, or null when DM's spectrum is undefined there (a degenerate θ*). */
  readonly lambdaMax: number | null;
  /** L* − L(θ⁰): the gap at the shared start (EM's predicted iterations start from it). */
  readonly startGap: number | null;
  /** Why θ* is not a regular interior maximum, or null. */
  readonly degenerate: string | null;
  /** In the task's method order. */
  readonly runs: CellRun[];
}

export async function runCell(task: CellTask): Promise<CellResult> {
  const state: ExperimentState = { ...task.experiment, sep: task.sep, n: task.n, seed: task.seed };
  const failed = (reason: string): CellResult => ({
    sep: task.sep,
    seed: task.seed,
    lambdaMax: null,
    startGap: null,
    degenerate: null,
    runs: task.methods.map((method) => ({ method, evaluations: null, spent: 0, outcome: 'error', reason })),
  });
  let race;
  try {
    const data = generateData(state);
    const model = memoModel(createModel(state.dim, data, varianceFloor(state, data)));
    const init = initialTheta(state, data).theta;
    race = await raceOnModel(model, init, truthTheta(state), {
      ...state,
      methods: [...task.methods],
      tol: task.tol,
      gtol: 0,
      iters: Number.MAX_SAFE_INTEGER,
    });
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }
  try {
    const runs = race.runs.map((run, i): CellRun => {
      const last = () => run.rows[run.rows.length - 1];
      while (run.stop === null && last().evaluations < task.cap) race.advance(1, [i]);
      const spent = last().evaluations;
      if (run.stop === null) return { method: run.method, evaluations: null, spent, outcome: 'capped', reason: `reached the cap of ${task.cap} E-steps` };
      if (run.stop.code === 'converged-gap') {
        if (spent <= task.cap) return { method: run.method, evaluations: spent, spent, outcome: 'reached', reason: run.stop.message };
        return { method: run.method, evaluations: null, spent, outcome: 'capped', reason: `converged after ${spent} E-steps, beyond the cap of ${task.cap}` };
      }
      // gtol = 0 and an unbounded iteration cap: neither of those stops can happen here.
      const code = run.stop.code as Exclude<StopCode, 'converged-gap' | 'converged-grad' | 'iteration-cap'>;
      return { method: run.method, evaluations: null, spent, outcome: code, reason: run.stop.message };
    });
    const lam = race.optimum.eigenvalues[0];
    return {
      sep: task.sep,
      seed: task.seed,
      lambdaMax: Number.isFinite(lam) ? lam : null,
      startGap: race.optimum.logLik - race.runs[0].rows[0].logLik,
      degenerate: race.optimum.degenerate,
      runs,
    };
  } finally {
    race.dispose();
  }
}

/** λ_max at θ* for one rate-map point (null where DM's spectrum is undefined: a degenerate θ*). */
export function rateMapPoint(task: MapTask): number | null {
  try {
    return lambdaAt({ ...task.experiment, n: task.n, sep: task.sep, [task.axis]: task.value });
  } catch {
    return null;
  }
}
