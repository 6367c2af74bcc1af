/**
 * The one requestAnimationFrame loop of the page. Per frame, at most: one pull from the worker,
 * one playback advance, one draw of every panel. Panels register a draw function; store changes
 * only mark the frame dirty, so frame-rate updates never go through React rendering.
 *
 * After a frame in which every panel drew complete results for the current settings, the loop
 * emits `performance.mark('em-lab:drawn', { detail: { epoch, it, draws } })` once per (epoch, cursor),
 * and 'em-lab:drawn-fast' when every panel drew everything but the deferred lanes (which may still
 * be filling in): the browser benchmark measures input → drawn with them. `draws`: ms each panel's
 * draw took in that frame.
 */
import { advancePlayback, pause } from './actions';
import { pullIfNeeded } from './race-sync';
import { useStore } from './store';

/**
 * Returns true when the panel shows complete results for the current settings and cursor;
 * 'deferred' when it shows everything except deferred lanes (Adam) still computing up to the
 * cursor (drawn as far as they go, and marked as computing); false otherwise.
 */
export type DrawResult = boolean | 'deferred';
export type DrawFn = () => DrawResult;

interface Drawer {
  readonly name: string;
  readonly draw: DrawFn;
  readonly onError: (e: unknown) => void;
  failed: boolean;
}

const drawers = new Set<Drawer>();
let rafId = 0;
let dirty = true;
let lastTime = 0;
let playCarry = 0;
let lastMark = '';
let lastFastMark = '';
let lastDraw = 0;
/** While playing, panels are drawn at most this often (a full redraw costs more than a 60 Hz frame on small machines). */
const PLAY_DRAW_MS = 33;

export const DRAWN_MARK = 'em-lab:drawn';
export const DRAWN_FAST_MARK = 'em-lab:drawn-fast';

export function requestFrame(): void {
  if (!rafId) rafId = requestAnimationFrame(frame);
}

export function registerDrawer(name: string, draw: DrawFn, onError: (e: unknown) => void): () => void {
  const d: Drawer = { name, draw, onError, failed: false };
  drawers.add(d);
  dirty = true;
  requestFrame();
  return () => {
    drawers.delete(d);
  };
}

/** Bumped by `invalidate` (size, hover, drag): panels that skip unchanged redraws must redraw then. */
let invalidations = 0;
export const invalidationCount = (): number => invalidations;

/** Something outside the store changed (panel resized, hover moved): draw again next frame. */
export function invalidate(): void {
  invalidations++;
  markDirty();
}

function markDirty(): void {
  dirty = true;
  requestFrame();
}

function frame(time: number): void {
  rafId = 0;
  const dt = lastTime ? Math.min(250, time - lastTime) : 16;
  lastTime = time;
  pullIfNeeded();

  const { view } = useStore.getState();
  if (view.playing) {
    playCarry += (dt / 1000) * view.speed;
    const whole = Math.floor(playCarry);
    if (whole >= 1) {
      playCarry -= whole;
      if (!advancePlayback(whole)) {
        playCarry = 0;
        pause();
      }
    }
  } else playCarry = 0;

  const throttled = useStore.getState().view.playing && time - lastDraw < PLAY_DRAW_MS;
  if (dirty && !throttled) {
    dirty = false;
    lastDraw = time;
    let complete = true;
    let fast = true;
    const draws: Record<string, number> = {};
    const prof = (window as { __emLabProfile?: Record<string, number> }).__emLabProfile;
    for (const d of drawers) {
      if (d.failed) continue;
      try {
        const t0 = performance.now();
        const r = d.draw();
        complete &&= r === true;
        fast &&= r !== false;
        const ms = performance.now() - t0;
        draws[d.name] = ms;
        // Opt-in cumulative per-panel draw timing (set window.__emLabProfile = {} in the console or a benchmark).
        if (prof) prof[d.name] = (prof[d.name] ?? 0) + ms;
      } catch (e) {
        d.failed = true;
        d.onError(e);
      }
    }
    const { run, config } = useStore.getState();
    const key = `${run.epoch}:${config.it}`;
    if (fast && drawers.size > 0 && key !== lastFastMark) {
      lastFastMark = key;
      performance.mark(DRAWN_FAST_MARK, { detail: { epoch: run.epoch, it: config.it, draws, frame: time } });
    }
    if (complete && drawers.size > 0 && key !== lastMark) {
      lastMark = key;
      performance.mark(DRAWN_MARK, { detail: { epoch: run.epoch, it: config.it, draws, frame: time } });
    }
  }

  const s = useStore.getState();
  const needsPull = s.run.header !== null && !s.run.idle && !s.run.error;
  if (s.view.playing || needsPull || dirty) requestFrame();
  else lastTime = 0;
}

/** Marks the frame dirty on every store change. Call once at startup. */
export function initFrameLoop(): void {
  useStore.subscribe(() => markDirty());
  document.addEventListener('visibilitychange', () => {
    // Hidden tabs get no frames anyway; stop playback so the cursor does not jump on return.
    if (document.hidden && useStore.getState().view.playing) pause();
  });
  requestFrame();
}
