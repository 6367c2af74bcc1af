/**
 * The race worker's time slices: the current job advances in 3 ms slices posted through a
 * MessageChannel, so a new `configure` (or a `pull`) is answered between two of them. Each unit of
 * work has a priority; speculative work waits until the settings have been still for SETTLE_MS.
 *
 * Work order inside one epoch: rows up to the UI's cursor for the fast methods, the coarse contour
 * grid and the shown method's per-row DM spectra (the panels can draw), then the deferred (slow)
 * methods' rows up to the cursor (Adam: a tfjs pass per iteration; the panels show that lane as
 * still computing meanwhile), then the λ_max-vs-separation curve, a look-ahead for smooth play,
 * the guesses, and the rest of the race.
 */
import { coarsePending, contourRow, finerPending } from './contours';
import { curveDone, curvePoint } from './curve';
import { AWAIT_BUILD, guessTask } from './guesses';
import { behind, currentJob, type Job } from './job';
import { anySettleWaiters, resolveSettled } from './settle';
import { spectraDone, spectrumRow, spectrumRows } from './spectra';

const SLICE_MS = 3;
/** Rows computed beyond the cursor before lower-priority work, so playback never waits. */
const LOOKAHEAD = 40;
/** ms the settings must have been still (no new configure) before speculative work starts. */
const SETTLE_MS = 120;

/**
 * One unit of work (≲ 1–2 ms) and its priority, or null when the epoch has nothing left to compute.
 *  - 'now': what the panels wait for at the cursor — rows (fast lanes, then deferred ones), the
 *    coarse contour grid, the shown method's spectra — and anything an export awaits.
 *  - 'soon': the λ curve (cached across separations, so a separation drag never waits for it) and
 *    a look-ahead for smooth play. Like the background it waits until the settings have been still
 *    for SETTLE_MS: while a slider is dragged every race is replaced within a few frames, and
 *    speculating for it would only take the second core from the page's rendering.
 *  - 'background': the guesses, the rest of the race, at half duty (the page's main thread and
 *    rasteriser keep a core on 2-core machines).
 */
type Priority = 'now' | 'soon' | 'background';
export function nextTask(j: Job): { run: () => void; priority: Priority } | null {
  const { race } = j;
  const all = j.fast.concat(j.slow);
  if (!race.done && j.exportWaiters.length > 0) return { run: () => race.advance(1), priority: 'now' };
  const fastBehind = behind(race, j.fast, j.cursor);
  if (fastBehind.length) return { run: () => race.advance(1, fastBehind), priority: 'now' };
  j.phases.rowsFast ??= performance.now() - j.t0;
  if (coarsePending(j)) return { run: () => contourRow(j), priority: 'now' };
  j.phases.contours ??= performance.now() - j.t0;
  const spectra = spectraDone(j);
  if (spectra < Math.min(spectrumRows(j), j.cursor + 1)) return { run: () => spectrumRow(j), priority: 'now' };
  const slowBehind = behind(race, j.slow, j.cursor);
  if (slowBehind.length) return { run: () => race.advance(1, slowBehind), priority: 'now' };
  j.phases.rows ??= performance.now() - j.t0;
  if (!curveDone(j)) return { run: () => curvePoint(j), priority: 'soon' };
  j.phases.curve ??= performance.now() - j.t0;
  const ahead = behind(race, all, j.cursor + LOOKAHEAD);
  if (ahead.length) return { run: () => race.advance(1, ahead), priority: 'soon' };
  const guess = guessTask(j, schedule);
  if (guess) return { run: guess, priority: 'background' };
  if (spectra < spectrumRows(j)) return { run: () => spectrumRow(j), priority: 'background' };
  // The fine grid, once the coarse one has gone out.
  if (finerPending(j.grid!, j.contoursSent)) return { run: () => contourRow(j), priority: 'background' };
  if (!race.done) return { run: () => race.advance(1), priority: 'background' };
  return null;
}

/** Nothing left to compute for the job (or it failed): the UI may stop polling. */
export const isIdle = (j: Job): boolean => j.error !== null || nextTask(j) === null;

const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  tick();
};
/** Runs a slice of the current job soon (once per pending message, however often it is called). */
export function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    channel.port2.postMessage(null);
  }
}

let settleTimer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  const j = currentJob();
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
  if (currentJob() === j && !j.error && nextTask(j)) {
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

/** Resolves the settled() waiters whose work is done (or whose epoch is gone). */
export function releaseSettled(): void {
  if (!anySettleWaiters()) return;
  const j = currentJob();
  const nowDone = j !== null && (j.error !== null || nextTask(j)?.priority !== 'now');
  resolveSettled((w) => !j || w.epoch !== j.epoch || (nowDone && w.cursor <= j.cursor));
}

/**
 * The work the first redraw needs (the fast methods' rows up to the cursor, the coarse contour
 * grid, the shown method's spectra) is done inline in `configure` when it is small, so the header
 * and the first rows reach the UI in one message (one redraw instead of three).
 */
const INLINE_BUDGET_MS = 60;
function firstDrawReady(j: Job): boolean {
  return j.phases.contours !== undefined && spectraDone(j) >= Math.min(spectrumRows(j), j.cursor + 1);
}

export function runFirstDraw(j: Job): void {
  try {
    while (!firstDrawReady(j) && performance.now() - j.t0 < INLINE_BUDGET_MS) {
      const task = nextTask(j);
      if (!task || task.priority !== 'now') break; // only what the first draw needs
      task.run();
    }
  } catch (e) {
    j.error = e instanceof Error ? e.message : String(e);
  }
}
