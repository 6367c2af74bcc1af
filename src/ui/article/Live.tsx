/**
 * A number (or short phrase) in the prose bound to the live state: `<Live bind="lambda-max"
 * value={lambdaMax} />`. The values are written straight into the DOM, as the readout table does,
 * by one updater for the whole article: after any change of the store or of the local steps, once
 * per animation frame, and at most 4 times a second while playing (text nobody can read at 60 Hz
 * is not worth a layout per frame). Not <output>: its implicit role is "status", and the page has
 * one status region.
 *
 * A value not known yet reads "…"; one being recomputed keeps its last text, greyed (aria-busy).
 */
import { useEffect, useRef } from 'react';
import { useLocalSteps } from '../../state/local-steps-store';
import { useStore } from '../../state/store';
import { setBusy } from '../busy';
import { setText } from '../set-text';
import { PENDING, type Binding } from './bindings';

interface Entry {
  readonly el: HTMLElement;
  readonly value: Binding;
}

const entries = new Set<Entry>();
let frame = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastWrite = 0;
let unsubscribe: (() => void) | null = null;
const PLAYING_INTERVAL_MS = 250;

function write(e: Entry): void {
  const app = useStore.getState();
  const { text, busy } = e.value({ app, steps: useLocalSteps.getState() });
  // A value being recomputed keeps showing the last one, greyed once it takes a while (as the
  // panels keep their last drawing): "…" for a few frames would re-lay out the prose twice per
  // slider input. Not after an error: then there is nothing coming to replace it.
  const keep = busy && text === PENDING && app.run.error === null && app.workerError === null;
  if (!keep) setText(e.el, text);
  setBusy(e.el, busy);
}

function flush(): void {
  frame = 0;
  lastWrite = performance.now();
  for (const e of entries) write(e);
}

/**
 * New settings are on their way to the worker (a slider input) and nothing they change is known
 * yet but the setting itself: the text is rewritten when the answer arrives (a store change), or
 * after this long if it takes longer — not in the input's own animation frame, whose layout and
 * paint the answer's drawing would otherwise wait behind.
 */
const PENDING_FLUSH_MS = 100;
let pendingTimer: ReturnType<typeof setTimeout> | null = null;

function schedule(): void {
  const { run, view } = useStore.getState();
  if (!view.playing && run.header?.epoch !== run.epoch) {
    pendingTimer ??= setTimeout(() => {
      pendingTimer = null;
      if (!frame && !timer) flush();
    }, PENDING_FLUSH_MS);
    return;
  }
  if (pendingTimer) {
    clearTimeout(pendingTimer);
    pendingTimer = null;
  }
  if (frame || timer) return;
  const wait = view.playing ? lastWrite + PLAYING_INTERVAL_MS - performance.now() : 0;
  if (wait > 0) {
    // While playing: a task of its own, not inside an animation frame that also draws the panels.
    timer = setTimeout(() => {
      timer = null;
      flush();
    }, wait);
  } else frame = requestAnimationFrame(flush);
}

/** Another store the bound values read changed (the Sampler mode's run): rewrite them, as after a main-store change. */
export const refreshLive = (): void => schedule();

function add(e: Entry): () => void {
  entries.add(e);
  write(e);
  if (!unsubscribe) {
    const a = useStore.subscribe(schedule);
    const b = useLocalSteps.subscribe(schedule);
    unsubscribe = () => {
      a();
      b();
    };
  }
  return () => {
    entries.delete(e);
    if (entries.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/** `plain`: words that only agree with a bound number (not highlighted as a value). */
export function Live({ bind, value, plain = false }: { bind: string; value: Binding; plain?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => add({ el: ref.current!, value }), [value]);
  return (
    <span ref={ref} className={plain ? 'live-words' : 'live'} data-bind={bind} aria-busy="true">
      {PENDING}
    </span>
  );
}
