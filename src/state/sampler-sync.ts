/**
 * Keeps the sampler worker's chains in step with `config` while the page is in the Sampler mode, and
 * pulls their draws into the sampler store. Loaded only when the Sampler mode is first entered.
 *  - A change of the chains' query (codec chainsKey) opens a new epoch; at most one configure is in
 *    flight, newer settings wait in a one-slot queue (latest wins), as for the race.
 *  - Pulls run on a timer of their own: often while the cursor waits for draws, a few times a
 *    second otherwise, and not at all once the worker is idle and the diagnostics are fresh. The
 *    diagnostics at the cursor are asked for at most every SUMMARY_MS (they cost the worker a few ms).
 *  - Leaving the Sampler mode ends the worker: nothing of it competes with the race.
 */
import { chainsKey, encodeQuery } from '../experiment/codec';
import { onSamplerError, restartSamplerWorker, samplerWorker } from '../worker/sampler-client';
import type { SamplerConfigureReply, SamplerPull } from '../worker/sampler-protocol';
import { invalidate } from './frame-loop';
import {
  appendSamplerBatch,
  emptySampleRun,
  receivedDraws,
  sampleCurrent,
  setSampleRun,
  useSampleRun,
  type SamplerTrace,
} from './sampler-store';
import { useStore } from './store';

/** Bumped when the worker is ended: replies of an older generation are dropped. */
let generation = 0;
let configuring = false;
let queued: { query: string; epoch: number } | null = null;
let pulling = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastSummaryAt = 0;
let curveReceived = 0;

const URGENT_MS = 30;
const POLL_MS = 150;
const SUMMARY_MS = 150;
const SUMMARY_PLAYING_MS = 400;

const inSampleMode = (): boolean => useStore.getState().config.mode === 'sample';

function send(query: string, epoch: number): void {
  configuring = true;
  const gen = generation;
  samplerWorker()
    .configure(query, epoch, useStore.getState().config.it)
    .then(
      (r) => gen === generation && onConfigured(r),
      (e: unknown) => gen === generation && onConfigured({ ok: false, superseded: false, epoch, error: String(e) }),
    )
    .finally(() => {
      if (gen !== generation) return;
      configuring = false;
      if (queued) {
        const q = queued;
        queued = null;
        send(q.query, q.epoch);
      }
    });
}

function onConfigured(reply: SamplerConfigureReply): void {
  const run = useSampleRun.getState();
  if (!reply.ok) {
    if (!reply.superseded && reply.epoch === run.epoch) setSampleRun({ error: reply.error ?? 'the chains could not start', idle: true });
    return;
  }
  const h = reply.header;
  if (h.epoch !== run.epoch) return;
  curveReceived = 0;
  const traces: SamplerTrace[] = h.samplers.map((sampler) => ({
    sampler,
    chains: Array.from({ length: h.chains }, () => new Float64Array(0)),
    count: 0,
  }));
  setSampleRun({ header: h, traces, summary: null, contours: null, curve: [], done: false, idle: false, error: null });
  pullSoon(0);
}

function syncConfig(): void {
  if (!inSampleMode()) return;
  const query = chainsKey(useStore.getState().config);
  const run = useSampleRun.getState();
  if (query === run.query) return;
  const epoch = run.epoch + 1;
  setSampleRun({ epoch, query, idle: false, error: null });
  if (configuring) queued = { query, epoch };
  else send(query, epoch);
}

function pullSoon(ms: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    pull();
  }, ms);
}

/** The diagnostics shown are not those of the cursor's draws. */
function summaryStale(): boolean {
  const run = useSampleRun.getState();
  const it = useStore.getState().config.it;
  return run.summary === null || run.summary.at !== Math.min(it, receivedDraws(run));
}

function pull(): void {
  const run = useSampleRun.getState();
  if (!inSampleMode() || !sampleCurrent(run) || run.error) return;
  if (pulling) return pullSoon(URGENT_MS);
  const { config, view } = useStore.getState();
  const wantSummary = summaryStale() && performance.now() - lastSummaryAt >= (view.playing ? SUMMARY_PLAYING_MS : SUMMARY_MS);
  if (run.idle && !summaryStale() && receivedDraws(run) >= Math.min(config.it, run.header.draws)) return;
  if (wantSummary) lastSummaryAt = performance.now();
  pulling = true;
  const gen = generation;
  const since = run.traces.map((t) => t.count);
  samplerWorker()
    .pull(run.epoch, since, config.it, wantSummary ? config.it : null, curveReceived)
    .then(
      (r) => gen === generation && onPulled(r),
      (e: unknown) => gen === generation && setSampleRun({ error: String(e), idle: true }),
    )
    .finally(() => {
      if (gen !== generation) return;
      pulling = false;
      schedulePull();
    });
}

function onPulled(reply: SamplerPull | null): void {
  const run = useSampleRun.getState();
  if (!reply || reply.epoch !== run.epoch || !sampleCurrent(run)) return;
  reply.batches.forEach((b) => {
    const t = run.traces.find((x) => x.sampler === b.sampler);
    if (t) appendSamplerBatch(t, b);
  });
  const patch: Parameters<typeof setSampleRun>[0] = {
    done: reply.done,
    idle: reply.idle,
    error: reply.error,
    curveTotal: reply.curveTotal,
  };
  if (reply.summary) patch.summary = reply.summary;
  if (reply.contours) patch.contours = reply.contours;
  if (reply.curve) {
    patch.curve = reply.curve;
    curveReceived = reply.curve.length;
  }
  setSampleRun(patch);
}

/** The next pull: soon while the cursor waits for draws, slower while the worker computes ahead or the diagnostics lag. */
function schedulePull(): void {
  const run = useSampleRun.getState();
  if (!inSampleMode() || !sampleCurrent(run) || run.error) return;
  const it = useStore.getState().config.it;
  const waiting = receivedDraws(run) < Math.min(it, run.header.draws);
  if (waiting) return pullSoon(URGENT_MS);
  if (summaryStale()) return pullSoon(useStore.getState().view.playing ? SUMMARY_PLAYING_MS : SUMMARY_MS);
  if (!run.idle) pullSoon(POLL_MS);
}

function stop(): void {
  generation++;
  restartSamplerWorker();
  configuring = false;
  queued = null;
  pulling = false;
  if (timer) clearTimeout(timer);
  timer = null;
  useSampleRun.setState(emptySampleRun());
}

let started = false;
/** Wires the main store to the sampler worker (once; the first time the Sampler mode is shown). */
export function initSamplerSync(): void {
  if (started) return;
  started = true;
  onSamplerError((message) => {
    generation++;
    configuring = false;
    pulling = false;
    setSampleRun({ error: message, idle: true });
  });
  useStore.subscribe((s, prev) => {
    if (s.config.mode !== prev.config.mode && s.config.mode !== 'sample') return stop();
    if (s.config !== prev.config) {
      syncConfig();
      if (s.config.it !== prev.config.it) schedulePull();
    }
    if (s.view.playing !== prev.view.playing) schedulePull();
  });
  // The panels redraw on the frame loop when the chains' data change (they read the store at draw time).
  useSampleRun.subscribe(() => invalidate());
  // Read-only handle for the browser tests and the console, as window.__emLab is for the race.
  Object.assign(window, {
    __emLabSampler: { getState: useSampleRun.getState, benchGibbs: (n: number, sweeps: number) => samplerWorker().benchGibbs(n, sweeps) },
  });
  syncConfig();
}

/** After a crash: a fresh worker and the current settings again. */
export function retrySampler(): void {
  stop();
  syncConfig();
}

/** The text `npm run lab` prints for the current state ('json'), or with --csv, once every chain has finished. */
export async function exportChains(format: 'json' | 'csv'): Promise<string | null> {
  const run = useSampleRun.getState();
  if (!sampleCurrent(run)) return null;
  return samplerWorker().exportRun(run.epoch, format, encodeQuery(useStore.getState().config));
}
