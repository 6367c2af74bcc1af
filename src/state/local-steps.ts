/**
 * The EM step, gradient and Newton step at the θ the trajectory panel highlights — the focus method's
 * row at the cursor — fetched from the worker (the main thread runs no engine numerics on the data).
 * Requests never compete with the race: none until new settings have been steady for a moment (a
 * slider drag changes them every frame), at most one in flight, and spaced by a few round trips.
 */
import type { MethodId } from '../engine/types';
import { raceWorker } from '../worker/client';
import { useLocalSteps } from './local-steps-store';
import { thetaCopy } from './rows';
import { isCurrent, rowAt, traceOf } from './run-data';
import { useStore, type AppState } from './store';

/** Settings must be this old before their steps are requested. */
const SETTLE_MS = 200;
/** Minimum gap between requests; grows with the measured round trip (large N). */
const MIN_GAP_MS = 100;

interface Target {
  key: string;
  epoch: number;
  method: MethodId;
  row: number;
}

function targetOf(s: AppState): Target | null {
  const { run, config, view } = s;
  if (!isCurrent(run)) return null;
  const trace = traceOf(run, view.focus) ?? run.traces[0];
  if (!trace) return null;
  const row = rowAt(trace, config.it);
  if (row < 0) return null;
  return { key: `${run.epoch}:${trace.method}:${row}`, epoch: run.epoch, method: trace.method, row };
}

let started = false;
let inFlight = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastSent = -Infinity;
let roundTrip = 0;
let lastEpoch = -1;
let epochSince = 0;

function pump(): void {
  const s = useStore.getState();
  const t = targetOf(s);
  if (!t || inFlight || t.key === useLocalSteps.getState().key) return;
  const now = performance.now();
  const wait = Math.max(epochSince + SETTLE_MS - now, lastSent + Math.max(MIN_GAP_MS, 4 * roundTrip) - now);
  if (wait > 0) {
    timer ??= setTimeout(() => {
      timer = null;
      pump();
    }, wait);
    return;
  }
  const trace = traceOf(s.run, t.method)!;
  inFlight = true;
  lastSent = now;
  raceWorker
    .stepsAt(t.epoch, thetaCopy(trace, t.row))
    .then(
      (steps) => {
        roundTrip = performance.now() - now;
        useLocalSteps.setState({ key: t.key, method: t.method, row: t.row, steps });
      },
      () => useLocalSteps.setState({ key: t.key, method: t.method, row: t.row, steps: null }),
    )
    .finally(() => {
      inFlight = false;
      pump();
    });
}

function onStore(s: AppState): void {
  if (s.run.epoch !== lastEpoch) {
    lastEpoch = s.run.epoch;
    epochSince = performance.now();
  }
  const wanted = targetOf(s)?.key ?? '';
  if (wanted !== useLocalSteps.getState().wanted) useLocalSteps.setState({ wanted });
  pump();
}

/** Follows the store. Call once at startup. */
export function initLocalSteps(): void {
  if (started) return;
  started = true;
  useStore.subscribe(onStore);
  onStore(useStore.getState());
}
