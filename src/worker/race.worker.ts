/**
 * The race worker: owns the Race for the latest settings and advances it in 3 ms slices, so a
 * new `configure` (or a `pull`) is answered between slices. The main thread never iterates.
 *
 * Work order inside one epoch: rows up to the UI's cursor for the fast methods, the coarse contour
 * grid and the shown method's per-row DM spectra (the panels can draw), then the deferred (slow)
 * methods' rows up to the cursor (Adam: a tfjs pass per iteration; the panels show that lane as
 * still computing meanwhile), then the λ_max-vs-separation curve, a look-ahead for smooth play,
 * and the rest of the race.
 * tfjs is never imported here directly: the engine's Adam module loads it lazily when Adam is on.
 */
import * as Comlink from 'comlink';
import { spectrumAt } from '../engine/diagnostics';
import { createRace } from '../engine/race';
import { lambdaCurve } from '../engine/lambda-curve';
import { localSteps } from '../engine/local-steps';
import { createModel1D } from '../engine/model1d';
import { createModel2D } from '../engine/model2d';
import type { Race } from '../engine/trace';
import { planeAxes, swapComponents } from '../engine/params';
import { planeLogLik, type PlaneGrid } from '../engine/plane-loglik';
import { METHOD_IDS, isDeferred } from '../engine/methods/registry';
import type { MethodId, MixtureModel } from '../engine/types';
import { curveKey, decodeQuery, encodeQuery } from '../experiment/codec';
import { documentJson, runDocument, traceCsv } from '../experiment/document';
import { contourBands } from './contour-bands';
import { KeptRaces, raceKey } from './kept-races';
import type { ExperimentState } from '../experiment/state';
import { sepNotches } from '../experiment/sep-slider';
import {
  COL,
  STEP_KINDS,
  rowStride,
  type ConfigureReply,
  type ContourGrid,
  type ExportReply,
  type LambdaPoint,
  type MethodBatch,
  type PullReply,
  type RaceHeader,
  type RaceWorkerApi,
  type SpectrumBatch,
  type SpectrumRequest,
} from './protocol';

const SLICE_MS = 3;
/** Rows computed beyond the cursor before lower-priority work, so playback never waits. */
const LOOKAHEAD = 40;
/** Contour grids: a coarse one first (the panel can draw), then a fine one in the background. */
const GRIDS = [12, 48] as const;
/** Rows of the fine grid per unit of work (~1 ms at N = 2000). */
const FINE_ROWS_PER_TASK = 4;
/** Separations of the λ_max curve (units of pooled σ). */
export const CURVE_SEPS: readonly number[] = Array.from({ length: 32 }, (_, i) => 0.25 * (i + 1));
/** Methods whose rows come after the others' (a tfjs forward/backward pass per iteration). */
const DEFERRED: readonly MethodId[] = METHOD_IDS.filter(isDeferred);

interface Job {
  readonly epoch: number;
  readonly state: ExperimentState;
  /** The settings that determine the race (the state without the view cursor): the kept-races key. */
  readonly key: string;
  readonly race: Race;
  readonly model: MixtureModel;
  cursor: number;
  /** Indices of the runs computed first, and of the deferred ones. */
  fast: number[];
  slow: number[];
  /** The method whose per-row DM spectra are computed (the spectrum panel's). */
  spectrumFor: MethodId;
  /** The contour grid being filled: its cells' centres (`plane`) and values, `row` rows done. */
  grid: { spec: Omit<ContourGrid, 'values' | 'base' | 'bands'>; plane: PlaneGrid; values: Float64Array; row: number; level: number } | null;
  /** Finest grid level sent to the UI (−1: none yet). */
  contoursSent: number;
  curveKey: string;
  exportWaiters: (() => void)[];
  error: string | null;
  /** When each stage finished, ms after configure was called (the benchmark prints them). */
  phases: Record<string, number>;
  t0: number;
  /** Separations still to precompute (the slider's neighbouring notches), the one being computed, and whether its race is being built. */
  guesses: number[] | null;
  guess: Guess | null;
  guessBuilding: boolean;
}

/** A race for a neighbouring separation, computed up to `upTo` while the page is idle, then kept. */
interface Guess {
  readonly key: string;
  readonly race: Race;
  readonly upTo: number;
}

let latestEpoch = -1;
let job: Job | null = null;
/** settled() calls waiting for their epoch's work at the cursor. */
interface SettleWaiter {
  readonly epoch: number;
  readonly cursor: number;
  readonly resolve: () => void;
}
let settleWaiters: SettleWaiter[] = [];

/** Resolves (and drops) the settled() waiters for which `done` holds. */
function resolveSettled(done: (w: SettleWaiter) => boolean): void {
  settleWaiters = settleWaiters.filter((w) => {
    const finished = done(w);
    if (finished) w.resolve();
    return !finished;
  });
}

/** Resolves the settled() waiters whose work is done (or whose epoch is gone). */
function releaseSettled(): void {
  if (settleWaiters.length === 0) return;
  const j = job;
  const nowDone = j !== null && (j.error !== null || nextTask(j)?.priority !== 'now');
  resolveSettled((w) => !j || w.epoch !== j.epoch || (nowDone && w.cursor <= j.cursor));
}

/**
 * Ends a job that was replaced or cancelled: keeps its race for a return to the same settings
 * (or frees it if it failed) and releases any export still waiting on it (it answers null).
 */
function retire(j: Job | null): void {
  if (!j) return;
  if (j.guess) keepRace(j.guess.key, { race: j.guess.race, grid: null }); // its rows so far still count
  j.guess = null;
  if (j.error) j.race.dispose();
  // A grid still being filled is dropped: the new job would have none to send until it was done.
  else keepRace(j.key, { race: j.race, grid: j.grid && j.grid.row >= j.grid.spec.ny ? j.grid : null });
  for (const w of j.exportWaiters.splice(0)) w();
  resolveSettled((w) => w.epoch === j.epoch);
}

// ---------------------------------------------------------------- kept races (kept-races.ts)
interface Kept {
  readonly race: Race;
  readonly grid: Job['grid'];
}
/** ~3 MB of data and tfjs copies and ~25 MB of trace rows at most (a finished race can have 2000 rows per method). */
const kept = new KeptRaces<Kept>({ races: 48, points: 200_000, rows: 100_000 });
const keepRace = (key: string, k: Kept): void => kept.keep(key, k);

// ---------------------------------------------------------------- guesses (the next slider notch)
/**
 * Once the settings have been still (background priority), the races one separation-slider step
 * either side are computed up to the cursor and kept: the usual next move — a nudge of the slider,
 * an arrow key — then finds every lane, Adam's included, already there. Only as far as that costs a
 * fraction of a second.
 */
const GUESS_MAX_N = 20_000;
/** Iterations guessed at most: 200, and N × iterations ≤ 200,000 (~0.2 s per guess at N = 2000 with Adam). */
const guessIterations = (n: number): number => Math.min(200, Math.floor(200_000 / n));

/** The task while a guess's race is being built: nothing to do in this slice, but not idle either. */
const AWAIT_BUILD = (): void => {};

function guessTask(j: Job): (() => void) | null {
  if (j.state.n > GUESS_MAX_N) return null;
  if (j.guessBuilding) return AWAIT_BUILD;
  const g = j.guess;
  if (g) {
    const lanes = behind(g.race, g.race.runs.map((_, i) => i), g.upTo);
    if (lanes.length) return () => g.race.advance(1, lanes);
    keepRace(g.key, { race: g.race, grid: null });
    j.guess = null;
    j.phases.guessed = (j.phases.guessed ?? 0) + 1; // for the tests and the benchmark
  }
  // nextTask is also called only to look (is there work? what priority?): a guess leaves the list
  // when its task runs, not when it is returned.
  j.guesses ??= sepNotches(j.state.sep);
  while (j.guesses.length > 0) {
    const state: ExperimentState = { ...j.state, sep: j.guesses[0] };
    const key = raceKey(state);
    if (key === j.key || kept.has(key)) {
      j.guesses.shift(); // already there
      continue;
    }
    const upTo = Math.min(j.cursor, guessIterations(j.state.n)); // beyond it, a hit computes the rest
    return () => {
      j.guesses?.shift();
      // Building is asynchronous (Adam's lane awaits its module): the slices wait for it (AWAIT_BUILD), a task or two.
      j.guessBuilding = true;
      createRace(state, { spectrum: [j.spectrumFor] }).then(
        (race) => {
          j.guessBuilding = false;
          if (job === j) j.guess = { key, race, upTo };
          else keepRace(key, { race, grid: null });
          schedule();
        },
        () => {
          j.guessBuilding = false; // a neighbour that cannot be built is simply not guessed
          schedule();
        },
      );
    };
  }
  return null;
}

/** λ_max(sep) is the same for every setting except sep itself: cache it by the rest of the query. */
const curveCache = new Map<string, LambdaPoint[]>();

// ---------------------------------------------------------------- scheduling (time slices)
const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  tick();
};
function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    channel.port2.postMessage(null);
  }
}

/** Indices (among `lanes`) of running methods with at most `upTo` rows. */
function behind(race: Race, lanes: readonly number[], upTo: number): number[] {
  return lanes.filter((i) => !race.runs[i].stop && race.runs[i].rows.length <= upTo);
}

/** Rows of the spectrum method that have their spectrum, counted from the start. */
function spectraDone(j: Job): number {
  const run = j.race.runs.find((r) => r.method === j.spectrumFor);
  if (!run) return 0;
  let k = 0;
  while (k < run.rows.length && run.rows[k].eigenvalues !== undefined) k++;
  return k;
}

/** Computes the spectrum of the next row of the spectrum method that has none (after a method change). */
function spectrumRow(j: Job): void {
  const run = j.race.runs.find((r) => r.method === j.spectrumFor);
  if (!run) return;
  const k = spectraDone(j);
  const row = run.rows[k];
  if (row) row.eigenvalues = spectrumAt(j.model, j.model.estep(row.theta));
}

/**
 * One unit of work (≲ 1–2 ms) and its priority, or null when the epoch has nothing left to compute.
 *  - 'now': what the panels wait for at the cursor — rows (fast lanes, then deferred ones), the
 *    coarse contour grid, the shown method's spectra — and anything an export awaits.
 *  - 'soon': the λ curve (cached across separations, so a separation drag never waits for it) and
 *    a look-ahead for smooth play. Like the background it waits until the settings have been still
 *    for SETTLE_MS: while a slider is dragged every race is replaced within a few frames, and
 *    speculating for it would only take the second core from the page's rendering.
 *  - 'background': the rest of the race, at half duty (the page's main thread and rasteriser keep
 *    a core on 2-core machines).
 */
type Priority = 'now' | 'soon' | 'background';
function nextTask(j: Job): { run: () => void; priority: Priority } | null {
  const { race } = j;
  const all = j.fast.concat(j.slow);
  if (!race.done && j.exportWaiters.length > 0) return { run: () => race.advance(1), priority: 'now' };
  const fastBehind = behind(race, j.fast, j.cursor);
  if (fastBehind.length) return { run: () => race.advance(1, fastBehind), priority: 'now' };
  j.phases.rowsFast ??= performance.now() - j.t0;
  if (!j.grid || (j.grid.level === 0 && j.grid.row < j.grid.spec.ny)) return { run: () => contourRow(j), priority: 'now' };
  j.phases.contours ??= performance.now() - j.t0;
  const spectrumRun = race.runs.find((r) => r.method === j.spectrumFor);
  const spectra = spectrumRun ? spectraDone(j) : Infinity;
  if (spectrumRun && spectra < Math.min(spectrumRun.rows.length, j.cursor + 1)) return { run: () => spectrumRow(j), priority: 'now' };
  const slowBehind = behind(race, j.slow, j.cursor);
  if (slowBehind.length) return { run: () => race.advance(1, slowBehind), priority: 'now' };
  j.phases.rows ??= performance.now() - j.t0;
  const curve = curveCache.get(j.curveKey) ?? [];
  if (curve.length < CURVE_SEPS.length) return { run: () => curvePoint(j, curve), priority: 'soon' };
  j.phases.curve ??= performance.now() - j.t0;
  const ahead = behind(race, all, j.cursor + LOOKAHEAD);
  if (ahead.length) return { run: () => race.advance(1, ahead), priority: 'soon' };
  const guess = guessTask(j);
  if (guess) return { run: guess, priority: 'background' };
  if (spectrumRun && spectra < spectrumRun.rows.length) return { run: () => spectrumRow(j), priority: 'background' };
  // The fine grid, once the coarse one has gone out.
  const finer = j.grid.row < j.grid.spec.ny || (j.grid.level < GRIDS.length - 1 && j.contoursSent >= j.grid.level);
  if (finer) return { run: () => contourRow(j), priority: 'background' };
  if (!race.done) return { run: () => race.advance(1), priority: 'background' };
  return null;
}

/** ms the settings must have been still (no new configure) before speculative work starts. */
const SETTLE_MS = 120;
let settleTimer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  const j = job;
  if (!j || j.error) return;
  const deadline = performance.now() + SLICE_MS;
  let priority: Priority = 'now';
  let settling = 0;
  try {
    while (performance.now() < deadline) {
      const task = nextTask(j);
      if (!task) break;
      priority = task.priority;
      settling = priority === 'now' ? 0 : SETTLE_MS - (performance.now() - j.t0);
      if (settling > 0 || task.run === AWAIT_BUILD) break;
      task.run();
    }
  } catch (e) {
    j.error = e instanceof Error ? e.message : String(e);
  }
  if (j.race.done || j.error) {
    const waiters = j.exportWaiters.splice(0);
    for (const w of waiters) w();
  }
  releaseSettled();
  if (job === j && !j.error && nextTask(j)) {
    if (settling > 0) {
      if (!settleTimer)
        settleTimer = setTimeout(() => {
          settleTimer = null;
          schedule();
        }, settling);
    } else if (priority === 'background') setTimeout(schedule, SLICE_MS);
    else schedule();
  }
}

// ---------------------------------------------------------------- contours (profile slice at θ*)
function firstCoords(dim: 1 | 2, t: Float64Array): [number, number] {
  return dim === 1 ? [t[1], t[2]] : [t[1], t[3]];
}

function gridSpec(j: Job, size: number): Omit<ContourGrid, 'values' | 'base' | 'bands'> {
  const { race } = j;
  const pts = [race.truth, race.init, race.optimum.theta].flatMap((t) => firstCoords(race.dim, t));
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
  const twin = swapComponents(race.dim, star);
  const at = run?.rows[run.rows.length - 1]?.theta ?? race.init;
  let a = 0;
  let b = 0;
  for (let i = 0; i < star.length; i++) {
    a += (at[i] - star[i]) ** 2;
    b += (at[i] - twin[i]) ** 2;
  }
  return b < a ? twin : Float64Array.from(star);
}

function contourRow(j: Job): void {
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
  const rows = planeLogLik(j.race.dim, j.race.data, j.grid.plane, { from, to });
  values.set(rows, from * spec.nx);
  j.grid.row = to;
}

// ---------------------------------------------------------------- λ_max vs separation

function curvePoint(j: Job, curve: LambdaPoint[]): void {
  const sep = CURVE_SEPS[curve.length];
  const [pt] = lambdaCurve(j.state, [sep]);
  const lam = pt?.lambdaMax;
  curve.push({ sep, lambdaMax: typeof lam === 'number' && Number.isFinite(lam) ? lam : NaN });
  curveCache.set(j.curveKey, curve);
}

// ---------------------------------------------------------------- packing rows
function packRows(j: Job, methodIndex: number, since: number): MethodBatch {
  const run = j.race.runs[methodIndex];
  const p = j.race.dim === 1 ? 5 : 11;
  const stride = rowStride(p);
  const from = Math.max(0, Math.min(since, run.rows.length));
  const count = run.rows.length - from;
  const out = new Float64Array(count * stride);
  for (let i = 0; i < count; i++) {
    const r = run.rows[from + i];
    const o = i * stride;
    out[o + COL.iteration] = r.iteration;
    out[o + COL.evaluations] = r.evaluations;
    out[o + COL.logLik] = r.logLik;
    out[o + COL.entropy] = r.entropy;
    out[o + COL.gradNorm] = r.gradNorm;
    out[o + COL.step] = STEP_KINDS.indexOf(r.step);
    out.set(r.theta, o + COL.theta);
    if (r.eigenvalues) out.set(r.eigenvalues.subarray(0, p), o + COL.theta + p);
    else out.fill(NaN, o + COL.theta + p, o + stride);
  }
  return { method: run.method, from, rows: out, count, stop: run.stop ? { ...run.stop } : null };
}

/** Spectra of `method`'s rows from `since` on, as far as they are computed (contiguously). */
function packSpectra(j: Job, method: MethodId, since: number): SpectrumBatch | null {
  const run = j.race.runs.find((r) => r.method === method);
  if (!run) return null;
  const p = j.race.dim === 1 ? 5 : 11;
  let end = since;
  while (end < run.rows.length && run.rows[end].eigenvalues !== undefined) end++;
  if (end <= since) return null;
  const values = new Float64Array((end - since) * p);
  for (let k = since; k < end; k++) {
    const ev = run.rows[k].eigenvalues;
    if (ev) values.set(ev.subarray(0, p), (k - since) * p);
    else values.fill(NaN, (k - since) * p, (k - since + 1) * p);
  }
  return { method, from: since, count: end - since, values };
}

/** Everything new for the UI since what it has (rows, spectra, contours, λ curve), with the buffers to transfer. */
function pullReply(j: Job, since: number[], spectrumReq: SpectrumRequest, sentCurve: number): { reply: PullReply; buffers: ArrayBuffer[] } {
  const epoch = j.epoch;
  const batches = j.race.runs.map((_, i) => packRows(j, i, since[i] ?? 0));
  const spectrum = packSpectra(j, spectrumReq.method, spectrumReq.since);
  let contours: ContourGrid | null = null;
  if (j.grid && j.grid.row >= j.grid.spec.ny && j.contoursSent < j.grid.level) {
    const values = j.grid.values.slice();
    contours = { ...j.grid.spec, values, base: Float64Array.from(j.grid.plane.base), bands: contourBands(j.grid.spec.nx, j.grid.spec.ny, values) };
    j.contoursSent = j.grid.level;
    schedule(); // the next grid level may start now
  }
  const curve = curveCache.get(j.curveKey) ?? [];
  const reply: PullReply = {
    epoch,
    batches,
    spectrum,
    contours,
    lambdaCurve: curve.length > sentCurve ? curve.slice() : null,
    lambdaCurveTotal: CURVE_SEPS.length,
    done: j.race.done,
    idle: j.error !== null || nextTask(j) === null,
    error: j.error,
    phases: { ...j.phases },
  };
  const buffers = batches.map((b) => b.rows.buffer as ArrayBuffer);
  if (contours) buffers.push(contours.values.buffer as ArrayBuffer);
  if (spectrum) buffers.push(spectrum.values.buffer as ArrayBuffer);
  return { reply, buffers };
}

/**
 * The work the first redraw needs (the fast methods' rows up to the cursor, the coarse contour
 * grid, the shown method's spectra) is done inline in `configure` when it is small, so the header
 * and the first rows reach the UI in one message (one redraw instead of three).
 */
const INLINE_BUDGET_MS = 60;
function firstDrawReady(j: Job): boolean {
  if (j.phases.contours === undefined) return false;
  const run = j.race.runs.find((r) => r.method === j.spectrumFor);
  return !run || spectraDone(j) >= Math.min(run.rows.length, j.cursor + 1);
}

// ---------------------------------------------------------------- the API
const api: RaceWorkerApi = {
  async configure(query, epoch, cursor, spectrumFor) {
    latestEpoch = Math.max(latestEpoch, epoch);
    if (epoch < latestEpoch) return { ok: false, superseded: true, epoch };
    // The previous settings are superseded: stop their work now, so its slices do not run while
    // this race is built (building awaits, e.g. Adam's tfjs setup, and the old job would fill the gaps).
    retire(job);
    job = null;
    const t0 = performance.now();
    // Wall-clock ms (timeOrigin + now is comparable across the page and its workers): the benchmark
    // subtracts its input time to see how long the settings took to reach the worker.
    const phases: Record<string, number> = { receivedAt: performance.timeOrigin + t0 };
    let race: Race;
    let state: ExperimentState;
    let key: string;
    let hit: Kept | null = null;
    try {
      state = decodeQuery(query).state;
      key = raceKey(state);
      hit = kept.take(key);
      // For the benchmark and the tests: a kept race, and the last iteration it had computed.
      if (hit) Object.assign(phases, { kept: 1, keptRows: Math.max(...hit.race.runs.map((r) => r.rows.length - 1)) });
      race = hit?.race ?? (await createRace(state, { spectrum: [spectrumFor], onPhase: (name) => (phases[name] = performance.now() - t0) }));
    } catch (e) {
      return { ok: false, superseded: false, epoch, error: e instanceof Error ? e.message : String(e) };
    }
    // A newer configure may have been answered while this one awaited (e.g. tfjs loading).
    if (epoch < latestEpoch) {
      keepRace(key, { race, grid: hit?.grid ?? null });
      return { ok: false, superseded: true, epoch };
    }
    const dim = race.dim;
    const model = dim === 1 ? createModel1D(race.data) : createModel2D(race.data);
    const lanes = race.runs.map((r, i) => ({ i, slow: DEFERRED.includes(r.method) }));
    retire(job);
    job = {
      epoch,
      state,
      key,
      race,
      model,
      cursor: Math.max(state.it, cursor),
      fast: lanes.filter((l) => !l.slow).map((l) => l.i),
      slow: lanes.filter((l) => l.slow).map((l) => l.i),
      spectrumFor,
      grid: hit?.grid ?? null,
      contoursSent: -1,
      curveKey: curveKey(state),
      exportWaiters: [],
      error: null,
      phases: { ...phases, build: performance.now() - t0 },
      t0,
      guesses: null,
      guess: null,
      guessBuilding: false,
    };
    const j = job;
    try {
      while (!firstDrawReady(j) && performance.now() - t0 < INLINE_BUDGET_MS) {
        const task = nextTask(j);
        if (!task || task.priority !== 'now') break; // only what the first draw needs
        task.run();
      }
    } catch (e) {
      j.error = e instanceof Error ? e.message : String(e);
    }
    j.phases.inline = performance.now() - t0;
    schedule();
    const initial = pullReply(j, [], { method: spectrumFor, since: 0 }, 0);
    const header: RaceHeader = {
      epoch,
      query: encodeQuery(state),
      dim,
      p: dim === 1 ? 5 : 11,
      n: dim === 1 ? race.data.length : race.data.length / 2,
      data: Float64Array.from(race.data),
      truth: Float64Array.from(race.truth),
      init: Float64Array.from(race.init),
      optimum: {
        theta: Float64Array.from(race.optimum.theta),
        logLik: race.optimum.logLik,
        eigenvalues: Float64Array.from(race.optimum.eigenvalues),
        emResidual: race.optimum.emResidual,
        gradNorm: race.optimum.gradNorm,
      },
      methods: race.runs.map((r) => r.method),
      deferred: race.runs.map((r) => r.method).filter((m) => DEFERRED.includes(m)),
      buildMs: performance.now() - t0,
    };
    const reply: ConfigureReply = { ok: true, header, initial: initial.reply };
    return Comlink.transfer(reply, [header.data.buffer, ...initial.buffers]);
  },

  async pull(epoch, since, cursor, sentCurve, spectrumReq) {
    const j = job;
    if (!j || j.epoch !== epoch) return null;
    if (cursor !== j.cursor || spectrumReq.method !== j.spectrumFor) {
      j.cursor = cursor;
      j.spectrumFor = spectrumReq.method;
      schedule();
    }
    const { reply, buffers } = pullReply(j, since, spectrumReq, sentCurve);
    return Comlink.transfer(reply, buffers);
  },

  settled(epoch, cursor) {
    return new Promise<void>((resolve) => {
      settleWaiters.push({ epoch, cursor, resolve });
      releaseSettled();
    });
  },

  async cancel(epoch) {
    if (job && job.epoch === epoch) {
      retire(job);
      job = null;
    }
  },

  async stepsAt(epoch, theta) {
    const j = job;
    if (!j || j.epoch !== epoch || theta.length !== j.model.p) return null;
    return localSteps(j.model, theta, planeAxes(j.race.dim))?.plane ?? null;
  },

  async exportRun(epoch, format, query) {
    const j = job;
    if (!j || j.epoch !== epoch) return null;
    if (!j.race.done && !j.error) {
      await new Promise<void>((resolve) => {
        j.exportWaiters.push(resolve);
        schedule();
      });
    }
    if (job !== j || j.error) return null;
    // The document carries the state as the UI has it (including the view cursor `it`).
    const state = decodeQuery(query).state;
    const text = format === 'json' ? documentJson(runDocument(j.race, state, { summary: false })) : traceCsv(j.race, state);
    const reply: ExportReply = { epoch, text };
    return reply;
  },
};

Comlink.expose(api);
