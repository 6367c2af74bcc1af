/**
 * The URL mirrors `config` through the codec.
 *  - 'drag': history.replaceState, throttled (≥400 ms; browsers cap history calls, Safari throws
 *    after ~100 per 30 s), with a trailing write so the last value always lands;
 *  - 'cursor': the same, but ≥1 s (playing moves the cursor every frame);
 *  - 'release': replaceState now (slider released, play paused);
 *  - 'push': pushState now, only for discrete choices (method toggle, dim, new data/start, preset).
 * `popstate` (Back/Forward) rehydrates the store from the URL. The URL always wins over
 * localStorage, which only keeps view preferences.
 */
import { decodeQuery, encodeQuery, raceKey } from '../experiment/codec';
import { matchPreset } from '../experiment/presets';
import type { ExperimentState } from '../experiment/state';
import { useStore, type XAxis } from './store';
import { applyFragments, encodeFragments } from './url-fragments';

export type UrlCommit = 'drag' | 'cursor' | 'release' | 'push' | 'none';

// Each history write costs the main thread a few ms (a round trip to the browser process); the release writes at once.
const THROTTLE_MS: Record<'drag' | 'cursor', number> = { drag: 400, cursor: 1000 };

let lastWrite = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
/** Counts history writes (tests and the benchmark read it). */
export const historyWrites = { replace: 0, push: 0 };

const currentQuery = (): string => `?${encodeQuery(useStore.getState().config)}${encodeFragments()}`;

/** The link Copy link puts on the clipboard: this page with the query the address bar mirrors. */
export const shareLink = (): string => `${location.origin}${location.pathname}${currentQuery()}`;

function write(kind: 'replace' | 'push'): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const q = currentQuery();
  if (q === location.search) return;
  try {
    if (kind === 'push') history.pushState(null, '', q + location.hash);
    else history.replaceState(null, '', q + location.hash);
    historyWrites[kind]++;
    lastWrite = performance.now();
  } catch {
    // Safari's SecurityError when history calls are too frequent: the next write catches up.
  }
}

/** requestIdleCallback where there is one (not in Safari), with a deadline so a busy page still writes. */
const whenIdle = (f: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: 250 });
  else f();
};

export function writeUrl(commit: UrlCommit): void {
  if (commit === 'none') return;
  if (commit === 'push') return write('push');
  if (commit === 'release') return write('replace');
  // Always from a timer and then in idle time, never inside the input event or between an input
  // and its redraw: the history call costs a few ms in Chromium.
  const wait = THROTTLE_MS[commit] - (performance.now() - lastWrite);
  if (!timer) timer = setTimeout(() => whenIdle(() => write('replace')), Math.max(0, wait));
}

/** Writes any pending throttled change now (before Copy link, on pause, on release). */
export function flushUrl(): void {
  if (timer || currentQuery() !== location.search) write('replace');
}

function applyLocation(): void {
  const query = location.search || location.hash;
  const decoded = decodeQuery(query);
  const repairs = [...decoded.repairs, ...applyFragments(query)];
  const raceQuery = raceQueryOf(decoded.state);
  // A scenario's link (or Back to it) shows the scenario's caption, as choosing it did.
  const preset = matchPreset(decoded.state, (a, b) => raceQueryOf(a) === raceQueryOf(b));
  useStore.setState((s) => ({
    config: decoded.state,
    repairs,
    view: { ...s.view, playing: false },
    preset: s.preset?.raceQuery === raceQuery ? s.preset : preset && { id: preset.id, raceQuery },
  }));
}

// ------------------------------------------------------------------ view preferences (local)
const PREFS_KEY = 'em-lab:prefs';
interface Prefs {
  xAxis?: XAxis;
  speed?: number;
}

function loadPrefs(): Prefs {
  try {
    const p = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Prefs;
    return p && typeof p === 'object' ? p : {};
  } catch {
    return {};
  }
}

function savePrefs(p: Prefs): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    /* private mode: preferences are optional */
  }
}

/** Reads the URL into the store, canonicalises it in place, and keeps listening for Back/Forward. */
export function initUrlSync(): { hadQuery: boolean } {
  const hadQuery = /[=]/.test(location.search) || /[=]/.test(location.hash);
  const prefs = loadPrefs();
  useStore.setState((s) => ({
    view: {
      ...s.view,
      xAxis: prefs.xAxis === 'evaluations' ? 'evaluations' : 'iterations',
      speed: typeof prefs.speed === 'number' && prefs.speed > 0 && prefs.speed <= 1000 ? prefs.speed : s.view.speed,
    },
  }));
  applyLocation();
  // A state carried in the hash (older links) moves to the query; the hash is then dropped.
  if (/=/.test(location.hash) && !/=/.test(location.search)) {
    try {
      history.replaceState(null, '', `${location.pathname}${currentQuery()}`);
    } catch {
      /* ignore */
    }
  } else if (hadQuery) write('replace');
  window.addEventListener('popstate', applyLocation);
  useStore.subscribe((s, prev) => {
    if (s.view.xAxis !== prev.view.xAxis || s.view.speed !== prev.view.speed) savePrefs({ xAxis: s.view.xAxis, speed: s.view.speed });
  });
  return { hadQuery };
}

/** The experiment as a canonical query without the view cursor: what the worker computes. */
export function raceQueryOf(c: ExperimentState): string {
  // Memoised per state object (the store replaces, never mutates, its config): selectors call this on every store change.
  let q = raceQueries.get(c);
  if (q === undefined) {
    q = raceKey(c);
    raceQueries.set(c, q);
  }
  return q;
}
const raceQueries = new WeakMap<ExperimentState, string>();
