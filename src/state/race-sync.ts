/**
 * Keeps the worker's race in step with `config`, and pulls its rows into `run`.
 *  - Every change of the race-relevant query opens a new epoch. At most one configure is in
 *    flight; newer settings wait in a one-slot queue (latest wins; the ones in between are
 *    never built).
 *  - `pullIfNeeded` is called by the frame loop, at most once per frame and one at a time, and
 *    once more when the worker reports the cursor's work done (`settled`).
 */
import { encodeQuery } from '../experiment/codec';
import { sepNotches } from '../experiment/sep-slider';
import { onWorkerError, raceWorker } from '../worker/client';
import type { ConfigureReply, PullReply } from '../worker/protocol';
import { appendBatch, appendSpectra } from './rows';
import { pendingAt } from './run-data';
import { useStore, type MethodTrace, type RunState } from './store';
import { raceQueryOf } from './url-sync';

let configuring = false;
/** Settings waiting for the configure in flight (latest wins), with the separations to guess for them. */
interface Pending {
  readonly query: string;
  readonly epoch: number;
  readonly guesses: readonly number[];
}
let queued: Pending | null = null;
let pulling = false;
/** λ-curve points received for the current epoch (the shown curve may be the previous epoch's). */
let curveReceived = 0;

const setRun = (patch: Partial<RunState>): void => useStore.setState((s) => ({ run: { ...s.run, ...patch, version: s.run.version + 1 } }));

function send({ query, epoch, guesses }: Pending): void {
  configuring = true;
  raceWorker
    .configure(query, epoch, useStore.getState().config.it, useStore.getState().view.focus, guesses)
    .then(onConfigured, (e: unknown) => onConfigured({ ok: false, superseded: false, epoch, error: String(e) }))
    .finally(() => {
      configuring = false;
      if (queued) {
        const q = queued;
        queued = null;
        send(q);
      }
    });
}

function onConfigured(reply: ConfigureReply): void {
  const run = useStore.getState().run;
  if (!reply.ok) {
    if (!reply.superseded && reply.epoch === run.epoch) setRun({ error: reply.error, idle: true });
    return;
  }
  const h = reply.header;
  if (h.epoch !== run.epoch) return; // stale: newer settings are already queued
  curveReceived = 0;
  const traces: MethodTrace[] = h.methods.map((method) => ({
    method,
    p: h.p,
    buf: new Float64Array(0),
    count: 0,
    eigenCount: 0,
    stop: null,
  }));
  setRun({ header: h, traces, done: false, idle: false, error: null });
  performance.mark(HEADER_MARK, { detail: { epoch: h.epoch } });
  // The first rows (and coarse contours) come with the header: the panels redraw once, complete.
  onPulled(reply.initial);
  awaitSettled(h.epoch);
}

/**
 * While a slow lane (Adam) fills in up to the cursor, the panels show its progress a few times a
 * second (not every frame: each partial delivery redraws every panel and takes the main thread
 * from the worker's messages), and the worker says when it is done, so the last rows are pulled
 * at once instead of at the next poll.
 */
const PROGRESS_PULL_MS = 100;
let settling: { epoch: number; it: number } | null = null;
let lastPullAt = 0;
let pullAgain = false;

function awaitSettled(epoch: number): void {
  const { run, config } = useStore.getState();
  if (!pendingAt(run, config.it)) return;
  const wait = { epoch, it: config.it };
  settling = wait;
  raceWorker.settled(epoch, config.it).then(
    () => {
      if (settling === wait) settling = null;
      pullIfNeeded(true);
    },
    () => {
      if (settling === wait) settling = null;
    },
  );
}

/** Starts a new epoch when the race-relevant settings changed. */
function syncConfig(): void {
  const { config, run } = useStore.getState();
  const query = raceQueryOf(config);
  if (query === run.raceQuery) return;
  const epoch = run.epoch + 1;
  setRun({ epoch, raceQuery: query, idle: false, error: null });
  // The worker guesses the usual next move once the settings are still: a nudge of the separation slider.
  const pending: Pending = { query, epoch, guesses: sepNotches(config.sep) };
  if (configuring) queued = pending;
  else send(pending);
}

/** Marks (main thread) the browser benchmark reads: the new race's header arrived; the cursor's rows of every method arrived. */
export const HEADER_MARK = 'em-lab:header';
export const ROWS_MARK = 'em-lab:rows';
let rowsMarked = '';

/** `afterSettled`: the worker just finished the cursor's work; pull now (or right after the pull in flight). */
export function pullIfNeeded(afterSettled = false): void {
  const { run, config, view } = useStore.getState();
  if (!run.header || run.header.epoch !== run.epoch || run.idle || run.error) return;
  if (pulling) {
    pullAgain ||= afterSettled;
    return;
  }
  const waiting = settling !== null && settling.epoch === run.epoch && settling.it === config.it;
  if (waiting && performance.now() - lastPullAt < PROGRESS_PULL_MS) return;
  pulling = true;
  pullAgain = false;
  lastPullAt = performance.now();
  const since = run.traces.map((t) => t.count);
  const focus = run.traces.find((t) => t.method === view.focus) ?? run.traces[0];
  const spectrum = { method: focus?.method ?? view.focus, since: focus?.eigenCount ?? 0 };
  raceWorker
    .pull(run.epoch, since, config.it, curveReceived, spectrum)
    .then(onPulled, (e: unknown) => setRun({ error: String(e), idle: true }))
    .finally(() => {
      pulling = false;
      // A settled() answer came while this pull was in flight: its rows may have missed it.
      if (pullAgain) pullIfNeeded(true);
    });
}

function onPulled(reply: PullReply | null): void {
  const { run, config } = useStore.getState();
  if (!reply || reply.epoch !== run.epoch || !run.header || run.header.epoch !== reply.epoch) return;
  // Rows beyond the cursor are stored silently: redrawing every panel for rows nobody sees would
  // keep the main thread busy (and slow the worker on small machines) while the race computes ahead.
  let visible = false;
  reply.batches.forEach((b, i) => {
    const t = run.traces[i];
    if (!t || t.method !== b.method) return;
    const before = t.count;
    const stopped = t.stop;
    appendBatch(t, b);
    visible ||= (before <= config.it && t.count !== before) || t.stop !== stopped;
  });
  const sp = reply.spectrum;
  const st = sp ? run.traces.find((t) => t.method === sp.method) : undefined;
  if (sp && st && appendSpectra(st, sp)) visible ||= sp.from <= config.it;
  const key = `${run.epoch}:${config.it}`;
  if (key !== rowsMarked && !pendingAt(run, config.it)) {
    rowsMarked = key;
    performance.mark(ROWS_MARK, { detail: { epoch: run.epoch, it: config.it } });
  }
  const patch: Partial<RunState> = { done: reply.done, idle: reply.idle, error: reply.error, phases: reply.phases };
  if (reply.contours) {
    patch.contours = reply.contours;
    patch.contoursEpoch = reply.epoch;
  }
  if (reply.lambdaCurve) {
    patch.lambdaCurve = reply.lambdaCurve;
    patch.lambdaCurveEpoch = reply.epoch;
    curveReceived = reply.lambdaCurve.length;
  }
  patch.lambdaCurveTotal = reply.lambdaCurveTotal;
  if (visible || reply.contours || reply.lambdaCurve || reply.done !== run.done || reply.idle !== run.idle || reply.error !== run.error)
    setRun(patch);
  else Object.assign(run, patch); // bookkeeping only (no redraw)
}

/** Wires the store to the worker. Call once at startup. */
export function initRaceSync(): void {
  onWorkerError((message) => useStore.setState({ workerError: message }));
  useStore.subscribe((s, prev) => {
    if (s.config !== prev.config) syncConfig();
    // Another spectrum method: the worker computes its per-row spectra (polling resumes if it had stopped).
    if (s.view.focus !== prev.view.focus && s.run.idle && !s.run.error && s.run.header?.epoch === s.run.epoch) {
      const t = s.run.traces.find((x) => x.method === s.view.focus);
      if (t && t.eigenCount < t.count) setRun({ idle: false });
    }
  });
  syncConfig();
}

/** The text `npm run lab` would print for the current state ('json') or with --csv ('csv'). */
export async function exportCurrent(format: 'json' | 'csv'): Promise<string | null> {
  const { run, config } = useStore.getState();
  if (!run.header || run.header.epoch !== run.epoch) return null;
  const reply = await raceWorker.exportRun(run.epoch, format, encodeQuery(config));
  return reply?.text ?? null;
}
