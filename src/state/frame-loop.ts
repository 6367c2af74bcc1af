/**
 * The one requestAnimationFrame loop of the page. Per frame, at most: one pull from the worker,
 * one playback advance, one draw of every panel. Panels register a draw function; store changes
 * only mark the frame dirty, so frame-rate updates never go through React rendering.
 *
 * After a frame in which every panel drew complete results for the current settings, the loop
 * emits `performance.mark('em-lab:drawn', { detail: { epoch, it } })` once per (epoch, cursor):
 * the browser benchmark measures input → drawn with it.
 */
import { advancePlayback, pause } from './actions';
import { pullIfNeeded } from './race-sync';
import { useStore } from './store';

/** Returns true when the panel shows complete results for the current settings and cursor. */
export type DrawFn = () => boolean;

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
let lastDraw = 0;
/** While playing, panels are drawn at most this often (a full redraw costs more than a 60 Hz frame on small machines). */
const PLAY_DRAW_MS = 33;

export const DRAWN_MARK = 'em-lab:drawn';

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

/** Something outside the store changed (panel resized, hover moved): draw again next frame. */
export function invalidate(): void {
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
    const prof = (window as { __emLabProfile?: Record<string, number> }).__emLabProfile;
    for (const d of drawers) {
      if (d.failed) continue;
      try {
        const t0 = prof ? performance.now() : 0;
        complete = d.draw() && complete;
        // Opt-in per-panel draw timing (set window.__emLabProfile = {} in the console or a benchmark).
        if (prof) prof[d.name] = (prof[d.name] ?? 0) + performance.now() - t0;
      } catch (e) {
        d.failed = true;
        d.onError(e);
      }
    }
    const { run, config } = useStore.getState();
    const key = `${run.epoch}:${config.it}`;
    if (complete && drawers.size > 0 && key !== lastMark) {
      lastMark = key;
      performance.mark(DRAWN_MARK, { detail: { epoch: run.epoch, it: config.it } });
    }
  }

  const s = useStore.getState();
  const needsPull = s.run.header !== null && !s.run.idle && !s.run.error;
  if (s.view.playing || needsPull || dirty) requestFrame();
  else lastTime = 0;
}

/** Marks the frame dirty on every store change. Call once at startup. */
export function initFrameLoop(): void {
  useStore.subscribe(() => invalidate());
  document.addEventListener('visibilitychange', () => {
    // Hidden tabs get no frames anyway; stop playback so the cursor does not jump on return.
    if (document.hidden && useStore.getState().view.playing) pause();
  });
  requestFrame();
}
