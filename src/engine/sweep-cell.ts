/**
 * One cell of a convergence sweep: one data set (one separation, one replicate), its optimum θ* and
 * λ_max(DM) at θ*, and each method run from the shared start until the gap L* − L falls below `tol`
 * or the E-step cap is reached. Pure (no DOM, no Node APIs): the CLI's worker_threads pool, the
 * browser's Web Workers and the tests all call this one function.
 *
 * It reuses the race (race.ts) so a sweep counts E-steps and stops exactly as the app's race does,
 * with three differences: no per-row spectra, no gradient-norm stop (the sweep's criterion is the gap
 * alone: gtol = 0), and the cap is on E-steps rather than iterations (checked after every iteration;
 * ECG's line search may overshoot it within its last iteration, and such a run counts as capped).
 *
 * Cheaper θ*, same θ*: θ* is EM's limit from the shared start, Newton-polished (optimum.ts). Here EM
 * first walks from the start for as long as the EM lane will need (until Aitken's estimate of the
 * remaining gap is far below tol, or the cap), every E-step remembered (memo-model.ts); θ* is then
 * computed from where that walk ended — a point on the same EM path, so the same limit — and the
 * race's EM lane (and the hybrid's EM phase) replays the walk from memory. That skips the optimum's
 * own walk over the same iterates (tests/unit/sweep-cell.test.ts checks that no count changes).
 */
import type { RaceSpec } from './spec';
import { generateData, truthTheta } from './data';
import { initialTheta, varianceFloor } from './init';
import { lambdaAt } from './lambda-curve';
import { memoModel } from './memo-model';
import { computeOptimum } from './optimum';
import { createModel, raceOnModel } from './race';
import type { MethodRun, TraceRow } from './trace';
import type { EStep, LatentModel, MethodId, StopCode } from './types';

/** Stops where L stalled at the float64 floor: at θ* itself when L is within tol of L* there. */
const STALLS: readonly StopCode[] = ['converged-rel-dl', 'line-search-failed'];

/**
 * How a run (advanced until it stopped or spent the cap) counts in the sweep. It reached the gap when
 * the race judged it converged to θ* (converged-gap), or when it stalled at the float64 floor within
 * tol of L* — possibly a few ulps *above* L*, which the race's gap test (0 ≤ L* − L < tol) misses.
 * Its E-steps are those at the first row with L* − L < tol. Anything else is censored: capped
 * (the cap came first, or it got there only beyond the cap) or the stop that ended it short.
 */
export function judgeRun(run: MethodRun, optimumLogLik: number, tol: number, cap: number): CellRun {
  const { method, rows, stop } = run;
  const spent = rows[rows.length - 1].evaluations;
  const gap = (r: TraceRow) => optimumLogLik - r.logLik;
  const atOptimum =
    stop !== null && (stop.code === 'converged-gap' || (STALLS.includes(stop.code) && Math.abs(gap(rows[rows.length - 1])) < tol));
  if (atOptimum) {
    const first = rows.find((r) => r.iteration > 0 && gap(r) < tol)!;
    if (first.evaluations <= cap) return { method, evaluations: first.evaluations, spent, outcome: 'reached', reason: stop.message };
    return {
      method,
      evaluations: null,
      spent,
      outcome: 'capped',
      reason: `reached the gap after ${first.evaluations} E-steps, beyond the cap of ${cap}`,
    };
  }
  if (stop === null) return { method, evaluations: null, spent, outcome: 'capped', reason: `reached the cap of ${cap} E-steps` };
  // gtol = 0 and an unbounded iteration cap: neither of those stops can happen here.
  const code = stop.code as Exclude<StopCode, 'converged-gap' | 'converged-grad' | 'iteration-cap'>;
  return { method, evaluations: null, spent, outcome: code, reason: stop.message };
}

/** Stop the walk once Aitken's estimate of the gap still to go is this far below tol. */
const WALK_MARGIN = 1e-2;

/**
 * EM from `start` for at most `maxIterations`, until it stalls or collapses, or until the gap still to
 * go, estimated by Aitken from the last two increments of L (ΔL·a/(1 − a), a = ΔL_k/ΔL_{k−1} → λ_max²),
 * is below `margin`. Only decides where θ* is computed from: a wrong estimate costs time, never accuracy.
 */
export function walkEM(model: LatentModel, start: EStep, maxIterations: number, margin: number): EStep {
  let e = start;
  let prevDL = NaN;
  for (let k = 0; k < maxIterations; k++) {
    const theta = model.mstep(e);
    if (model.domainError(theta) !== null) break;
    const next = model.estep(theta);
    if (!Number.isFinite(next.logLik)) break;
    const dL = next.logLik - e.logLik;
    e = next;
    if (!(dL > 0) || model.degenerate(e)) break;
    const a = dL / prevDL;
    if (a > 0 && a < 1 && (dL * a) / (1 - a) < margin) break;
    prevDL = dL;
  }
  return e;
}

/** Everything one cell needs; `experiment` supplies the mixture's other settings (see SweepSpec). */
export interface CellTask {
  readonly experiment: RaceSpec;
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
  const state: RaceSpec = { ...task.experiment, sep: task.sep, n: task.n, seed: task.seed };
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
    const truth = truthTheta(state);
    // EM's lane charges 1 E-step for the start and 1 per iteration: it never needs more than cap − 1 iterations.
    const walked = model.domainError(init) === null ? walkEM(model, model.estep(init), task.cap - 1, WALK_MARGIN * task.tol) : null;
    const optimum = walked ? computeOptimum(model, walked.theta, truth) : undefined;
    race = await raceOnModel(
      model,
      init,
      truth,
      { ...state, methods: [...task.methods], tol: task.tol, gtol: 0, iters: Number.MAX_SAFE_INTEGER },
      { optimum },
    );
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }
  try {
    const runs = race.runs.map((run, i): CellRun => {
      const last = () => run.rows[run.rows.length - 1];
      while (run.stop === null && last().evaluations < task.cap) race.advance(1, [i]);
      return judgeRun(run, race.optimum.logLik, task.tol, task.cap);
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
/** One rate-map point: λ_max at θ* of the experiment's data seed at this separation and w (or vr). */
export interface MapTask {
  readonly experiment: RaceSpec;
  readonly n: number;
  readonly sep: number;
  /** The map's second axis. */
  readonly axis: 'w' | 'vr';
  readonly value: number;
}

export function rateMapPoint(task: MapTask): number | null {
  try {
    return lambdaAt({ ...task.experiment, n: task.n, sep: task.sep, [task.axis]: task.value });
  } catch {
    return null;
  }
}
