/**
 * Everything the controls, keyboard and panels can do to the state. Each action says how the URL
 * records it (url-sync.ts) — and therefore whether it is a new history entry.
 *
 * What restarts the run (a new epoch in the worker): any change of data, start, method set,
 * tolerances, τ/burn-in or step sizes. The cursor stays where it is, except for New data, New
 * start, dimension, a scenario (preset) and Reset, which rewind it to 0. View changes (cursor,
 * x-axis, speed, focus) never recompute anything.
 */
import type { MethodId } from '../engine/types';
import { lockedKeys } from '../experiment/classroom';
import { decodeQuery, encodeQuery } from '../experiment/codec';
import type { Preset } from '../experiment/presets';
import { SEED_MAX } from '../experiment/schema';
import type { ExperimentState } from '../experiment/state';
import { frontier, isCurrent, lastIteration } from './run-data';
import { useStore, type ViewState } from './store';
import { flushUrl, raceQueryOf, writeUrl, type UrlCommit } from './url-sync';

/**
 * Rounds and clamps through the codec, so the store only ever holds canonical states. Remembered
 * by encoded query (decoding validates with zod, ~0.5 ms: on every slider input and every played
 * frame), a few hundred entries: a drag back and forth revisits the same values.
 */
const canonicalCache = new Map<string, ExperimentState>();
function canonical(c: ExperimentState): ExperimentState {
  const q = encodeQuery(c);
  let state = canonicalCache.get(q);
  if (!state) {
    state = decodeQuery(q).state;
    if (canonicalCache.size >= 256) canonicalCache.delete(canonicalCache.keys().next().value!);
    canonicalCache.set(q, state);
  }
  return state;
}

/** encodeQuery per state object (the store replaces its config, never mutates it): each input compares two. */
const encodings = new WeakMap<ExperimentState, string>();
function encoded(c: ExperimentState): string {
  let q = encodings.get(c);
  if (q === undefined) {
    q = encodeQuery(c);
    encodings.set(c, q);
  }
  return q;
}

/**
 * The previous state's arrays where the new one's are equal (decoding makes new ones): components
 * that select `methods` or `start` then see an unchanged value and do not re-render.
 */
function keepEqualArrays(next: ExperimentState, prev: ExperimentState): ExperimentState {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const patch: Partial<ExperimentState> = {};
  for (const k of Object.keys(next) as (keyof ExperimentState)[])
    if (next[k] !== prev[k] && same(next[k], prev[k])) (patch as Record<string, unknown>)[k] = prev[k];
  return Object.keys(patch).length ? { ...next, ...patch } : next;
}

/** The cursor alone moved to a whole iteration within the run's bounds: the state stays canonical. */
const cursorOnly = (patch: Partial<ExperimentState>, prev: ExperimentState): boolean => {
  const keys = Object.keys(patch);
  return keys.length === 1 && keys[0] === 'it' && Number.isInteger(patch.it) && patch.it! >= 0 && patch.it! <= prev.iters;
};

/** Short-lived message (e.g. why a change was refused); cleared after a few seconds. */
let toastTimer: ReturnType<typeof setTimeout> | null = null;
export function showToast(message: string): void {
  useStore.setState({ toast: message });
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => useStore.setState({ toast: null }), 4000);
}

/** The patch without the keys a classroom link locked (every route to a change passes here). */
function unlocked(patch: Partial<ExperimentState>, prev: ExperimentState): Partial<ExperimentState> {
  const { classroom } = useStore.getState();
  // The common case (no classroom link) on the hot path (the cursor moves every frame while playing).
  if (classroom.lock.length === 0) return patch;
  const locked = lockedKeys(classroom);
  const kept: Partial<ExperimentState> = {};
  let refused = false;
  for (const [k, v] of Object.entries(patch) as [keyof ExperimentState, never][]) {
    if (!locked.has(k)) kept[k] = v;
    else if (JSON.stringify(v) !== JSON.stringify(prev[k])) refused = true;
  }
  if (refused) showToast('This setting is locked by the link you opened.');
  return kept;
}

export function setConfig(patch: Partial<ExperimentState>, commit: UrlCommit = 'push'): void {
  const prev = useStore.getState().config;
  const allowed = unlocked(patch, prev);
  const next = keepEqualArrays(cursorOnly(allowed, prev) ? { ...prev, ...allowed } : canonical({ ...prev, ...allowed }), prev);
  if (next.it === prev.it && encoded(next) === encoded(prev)) {
    if (commit === 'release' || commit === 'push') flushUrl();
    return;
  }
  useStore.setState({ config: next });
  writeUrl(commit);
}

export const setView = (patch: Partial<ViewState>): void => useStore.setState((s) => ({ view: { ...s.view, ...patch } }));

// ------------------------------------------------------------------ cursor and transport

/** The furthest iteration the cursor may reach now. */
export function cursorMax(): number {
  const { run, config } = useStore.getState();
  if (isCurrent(run) && run.done) return lastIteration(run);
  return config.iters;
}

export function setCursor(it: number, commit: UrlCommit = 'cursor'): void {
  const clamped = Math.max(0, Math.min(Math.round(it), cursorMax()));
  setConfig({ it: clamped }, commit);
}

export function step(n = 1): void {
  setView({ playing: false });
  setCursor(useStore.getState().config.it + n, 'release');
}

export const stepBack = (n = 1): void => step(-n);

/** Same data, same start: the cursor goes back to 0 (the trajectory is reproduced bit for bit). */
export function reset(): void {
  setView({ playing: false });
  setCursor(0, 'release');
}

export function play(): void {
  const { run, config } = useStore.getState();
  // At the end of a finished race, Play starts over.
  if (isCurrent(run) && run.done && config.it >= lastIteration(run)) setCursor(0, 'release');
  setView({ playing: true });
}

export function pause(): void {
  setView({ playing: false });
  flushUrl();
}

export const togglePlay = (): void => (useStore.getState().view.playing ? pause() : play());

/** Advances the cursor for playback; returns false when playback should stop. */
export function advancePlayback(iterations: number): boolean {
  const { run, config } = useStore.getState();
  if (!isCurrent(run)) return true; // wait for the new settings
  const target = config.it + iterations;
  const reachable = run.done ? lastIteration(run) : Math.min(frontier(run), config.iters);
  if (config.it >= reachable) return !run.done;
  setCursor(Math.min(target, reachable), 'cursor');
  return !(run.done && Math.min(target, reachable) >= lastIteration(run));
}

// ------------------------------------------------------------------ experiment

export const newData = (): void => {
  const { seed } = useStore.getState().config;
  setConfig({ seed: (seed + 1) % (SEED_MAX + 1), it: 0 }, 'push');
};

export const newStart = (): void => {
  const { init } = useStore.getState().config;
  setConfig({ init: (init + 1) % (SEED_MAX + 1), start: null, it: 0 }, 'push');
};

export function toggleMethod(id: MethodId, on: boolean): void {
  const { config, view } = useStore.getState();
  const methods = on ? [...config.methods, id] : config.methods.filter((m) => m !== id);
  if (methods.length === 0) return; // at least one method races
  setConfig({ methods }, 'push');
  if (!methods.includes(view.focus)) setView({ focus: methods[0] });
}

/** Moves the start's component means (dragging the handles on the data panel). */
export function setStartMeans(start: Float64Array, commit: UrlCommit): void {
  setConfig({ start: Array.from(start) }, commit);
}

export const clearStart = (): void => setConfig({ start: null }, 'push');

/** A named scenario (presets.ts): its settings as one new history entry, the cursor back at 0. */
export function applyPreset(preset: Preset): void {
  const { config, view } = useStore.getState();
  setConfig({ ...preset.apply(config), it: 0 }, 'push');
  const next = useStore.getState().config;
  useStore.setState({ preset: { id: preset.id, raceQuery: raceQueryOf(next) } });
  if (!next.methods.includes(view.focus)) setView({ focus: next.methods[0] });
}

export function dismissRepairs(): void {
  useStore.setState({ repairs: [] });
}
