/**
 * The sampler worker's time slices, posted through a MessageChannel so a new `configure` or a `pull`
 * is answered between two of them. Work order: the chains up to the cursor, the contour grid, a
 * look-ahead for smooth play, then — in the background, pausing between slices so the page and the
 * race worker keep some of the cores — the efficiency curve and the rest of the chains. An
 * export waiting for the chains' end puts them first.
 */
import { gridPending, gridRows } from './contours';
import { curveDone, curveSlice } from './curve';
import { frontier, type Job } from './job';

const SLICE_MS = 6;
const BACKGROUND_PAUSE_MS = 3;
/** Draws computed beyond the cursor before anything else: a second of play at the fastest speed. */
export const LOOKAHEAD = 300;

let job: Job | null = null;
export const currentJob = (): Job | null => job;
export function setCurrentJob(j: Job | null): void {
  if (job && job !== j) for (const w of job.exportWaiters.splice(0)) w();
  job = j;
  if (j) schedule();
}

/** Passes per chain-advancing unit of work, adapted so that one unit takes about a millisecond. */
let budget = 200;
function advance(j: Job): void {
  const t0 = performance.now();
  j.set.advancePasses(budget);
  const ms = performance.now() - t0;
  if (ms > 2) budget = Math.max(1, Math.floor(budget / 2));
  else if (ms < 0.5) budget = Math.min(1_000_000, budget * 2);
}

type Priority = 'now' | 'background';
export function nextTask(j: Job): { run: () => void; priority: Priority } | null {
  const done = j.set.done;
  if (!done && j.exportWaiters.length > 0) return { run: () => advance(j), priority: 'now' };
  if (!done && frontier(j) < Math.min(j.header.draws, j.cursor)) return { run: () => advance(j), priority: 'now' };
  if (gridPending(j)) return { run: () => gridRows(j), priority: 'now' };
  if (!done && frontier(j) < Math.min(j.header.draws, j.cursor + LOOKAHEAD)) return { run: () => advance(j), priority: 'now' };
  if (!curveDone(j)) return { run: () => curveSlice(j, budget), priority: 'background' };
  if (!done) return { run: () => advance(j), priority: 'background' };
  return null;
}

export const isIdle = (j: Job): boolean => j.error !== null || nextTask(j) === null;

const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  tick();
};
export function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    channel.port2.postMessage(null);
  }
}

function tick(): void {
  const j = job;
  if (!j || j.error) return;
  const deadline = performance.now() + SLICE_MS;
  let priority: Priority = 'now';
  try {
    while (performance.now() < deadline) {
      const task = nextTask(j);
      if (!task) break;
      priority = task.priority;
      task.run();
    }
  } catch (e) {
    j.error = e instanceof Error ? e.message : String(e);
  }
  if (j.set.done || j.error) for (const w of j.exportWaiters.splice(0)) w();
  if (job === j && !j.error && nextTask(j)) {
    if (priority === 'background') setTimeout(schedule, BACKGROUND_PAUSE_MS);
    else schedule();
  }
}
