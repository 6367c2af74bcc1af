/**
 * The one requestAnimationFrame loop of the page. Per frame, at most: one pull from the worker,
 * one playback advance, and panel draws up to a time budget (one round over every panel may span
 * a few frames). Panels register a draw function; store changes only mark the frame dirty, so
 * frame-rate updates never go through React rendering.
 *
 * After a round in which every panel drew complete results for the current settings, the loop
 * emits `performance.mark('em-lab:drawn', { detail: { epoch, it, draws } })` once per (epoch, cursor),
 * and 'em-lab:drawn-fast' when every panel drew everything but the deferred lanes (which may still
 * be filling in): the browser benchmark measures input → drawn with them. `draws`: ms each panel's
 * draw took in that round.
 */
import { advancePlayback, pause } from './actions';
import { pullIfNeeded } from './race-sync';
import { pendingAt } from './run-data';
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
  /** Recent draw time (ms, decaying peak): what the frame budget plans with. */
  cost: number;
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
/** A frame draws panels while their expected cost fits in this budget; the rest draw in the next frame. */
const FRAME_BUDGET_MS = 16;
/** Panels still to draw in the current round, their last results, and each one's draw time in the round. */
const queue: Drawer[] = [];
const results = new Map<Drawer, DrawResult>();
let roundDraws: Record<string, number> = {};

export const DRAWN_MARK = 'em-lab:drawn';
export const DRAWN_FAST_MARK = 'em-lab:drawn-fast';

export function requestFrame(): void {
  if (!rafId) rafId = requestAnimationFrame(frame);
}

export function registerDrawer(name: string, draw: DrawFn, onError: (e: unknown) => void): () => void {
  const d: Drawer = { name, draw, onError, failed: false, cost: 0 };
  drawers.add(d);
  dirty = true;
  requestFrame();
  return () => {
    drawers.delete(d);
    results.delete(d);
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
  deliveredThisFrame = false;
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

  const playing = useStore.getState().view.playing;
  const throttled = playing && time - lastDraw < PLAY_DRAW_MS;
  if (dirty && !throttled) {
    lastDraw = time;
    // While playing, the panels are drawn in a task of their own right after this frame: the
    // frame then renders what the previous draw task drew, and drawing and rendering never add up
    // to one long task (input stays responsive between them), at the cost of one frame of delay.
    if (playing) drawInTask();
    else startRound();
  }
  drawQueued(FRAME_BUDGET_MS, time);

  const s = useStore.getState();
  const needsPull = s.run.header !== null && !s.run.idle && !s.run.error;
  if (s.view.playing || dirty || queue.length > 0 || (needsPull && pullIsUrgent())) requestFrame();
  else {
    lastTime = 0;
    // The worker is computing ahead of the cursor (rows nobody sees yet, the λ curve, finer
    // contours): fetch that a few times a second, not every frame, so the main thread stays free
    // for the next input.
    if (needsPull) slowPull();
  }
}

const SLOW_PULL_MS = 120;
let slowTimer: ReturnType<typeof setTimeout> | null = null;
function slowPull(): void {
  if (slowTimer) return;
  slowTimer = setTimeout(() => {
    slowTimer = null;
    requestFrame();
  }, SLOW_PULL_MS);
}

/** Something the panels show at the cursor is still missing: rows, or the shown method's spectra. */
function pullIsUrgent(): boolean {
  const { run, config, view } = useStore.getState();
  if (pendingAt(run, config.it)) return true;
  const t = run.traces.find((x) => x.method === view.focus);
  return t !== undefined && t.eigenCount < Math.min(t.count, config.it + 1);
}

/**
 * A round draws every panel once, spread over as many frames as the budget needs: a frame stops
 * drawing when the next panel's recent cost would take it past the budget (so one task never does
 * all the heavy draws plus their layout, paint and commit), and the next frame continues with the
 * panels left. A change during a round extends it: the panels not drawn yet stay first, those
 * already drawn go again after them (they skip cheaply when their inputs did not change).
 */
function startRound(): void {
  dirty = false;
  if (queue.length === 0) roundDraws = {};
  for (const d of drawers) if (!queue.includes(d)) queue.push(d);
}

function drawQueued(budgetMs: number, time: number): void {
  if (queue.length === 0) return;
  const prof = (window as { __emLabProfile?: Record<string, number> }).__emLabProfile;
  const start = performance.now();
  let drew = false;
  while (queue.length > 0) {
    const d = queue[0];
    // Packs the task by each panel's recent draw cost; always draws at least one panel.
    if (drew && performance.now() - start + d.cost > budgetMs) break;
    queue.shift();
    if (d.failed || !drawers.has(d)) continue;
    try {
      const t0 = performance.now();
      results.set(d, d.draw());
      const ms = performance.now() - t0;
      d.cost = Math.max(ms, d.cost * 0.7);
      drew = true;
      roundDraws[d.name] = ms;
      // Opt-in cumulative per-panel draw timing (set window.__emLabProfile = {} in the console or a benchmark).
      if (prof) prof[d.name] = (prof[d.name] ?? 0) + ms;
    } catch (e) {
      d.failed = true;
      d.onError(e);
    }
  }
  // Marks only when the round is over and nothing changed since: every panel drew the current state.
  if (queue.length === 0 && !dirty) markIfComplete(time);
}

function markIfComplete(time: number): void {
  let complete = true;
  let fast = true;
  for (const d of drawers) {
    if (d.failed) continue;
    const r = results.get(d) ?? false;
    complete &&= r === true;
    fast &&= r !== false;
  }
  const draws = roundDraws;
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

/**
 * Results from the worker are drawn in the task that delivered them (not in the next animation
 * frame) while nothing plays: the draws then finish before the frame starts, and that frame only
 * has to lay out, paint and commit them — up to a frame sooner on screen, and the panels' script
 * and the browser's rendering run as two tasks instead of one long one.
 */
const DELIVERY_BUDGET_MS = 40;
let flushQueued = false;
/** A delivery round ran since the last animation frame. */
let deliveredThisFrame = false;

const drawChannel = new MessageChannel();
let drawTaskQueued = false;
/** A whole round now, outside an animation frame (what the budget leaves over goes to the next frame). */
function drawRoundNow(): void {
  startRound();
  drawQueued(DELIVERY_BUDGET_MS, performance.now());
  if (queue.length > 0) requestFrame();
}

drawChannel.port1.onmessage = () => {
  drawTaskQueued = false;
  if (dirty) drawRoundNow();
};
function drawInTask(): void {
  if (drawTaskQueued) return;
  drawTaskQueued = true;
  drawChannel.port2.postMessage(null);
}
function drawOnDelivery(): void {
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(() => {
    flushQueued = false;
    // At most one such round between two animation frames; anything later waits for the frame.
    if (useStore.getState().view.playing || !dirty || deliveredThisFrame) return;
    deliveredThisFrame = true;
    drawRoundNow();
  });
}

/** Marks the frame dirty on every store change. Call once at startup. */
export function initFrameLoop(): void {
  useStore.subscribe((s, prev) => {
    markDirty();
    // New rows, spectra or contours for the current settings have arrived from the worker.
    if (s.run !== prev.run && s.run.version !== prev.run.version && s.run.header?.epoch === s.run.epoch) drawOnDelivery();
  });
  document.addEventListener('visibilitychange', () => {
    // Hidden tabs get no frames anyway; stop playback so the cursor does not jump on return.
    if (document.hidden && useStore.getState().view.playing) pause();
  });
  requestFrame();
}
