/**
 * A short guided tour for first-time visitors: a non-modal card that points at one part of the page
 * at a time. Skipping or finishing it is remembered (localStorage) and it never shows again; Help
 * can replay it. It stays out of automated browsers (navigator.webdriver) so that tests and
 * benchmarks see the plain page; the tour's own test turns that off.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { DEFAULT_METHOD_IDS, countInWords } from '../engine/methods/registry';

const methodCount = countInWords(DEFAULT_METHOD_IDS.length);

interface TourStep {
  /** CSS selector of the part the step points at. */
  target: string;
  title: string;
  text: string;
}

const STEPS: readonly TourStep[] = [
  {
    target: '.toolbar',
    title: 'A race',
    text: `${methodCount[0].toUpperCase()}${methodCount.slice(1)} methods fit the same two-component mixture from the same start. Play runs them; Step (or →) moves one iteration, ← goes back.`,
  },
  {
    target: 'figure[aria-label="Data"]',
    title: 'The data and the fits',
    text: 'The histogram is the sample; each coloured curve is one method’s current mixture. Drag the ① ② handles to choose the start.',
  },
  {
    target: 'figure[aria-label="Log-likelihood"]',
    title: 'How far from the optimum',
    text: 'The lower plot is the gap L* − L on a log scale: a straight line is linear convergence, and the steeper, the faster.',
  },
  {
    target: 'figure[aria-label="Missing-information spectrum"]',
    title: 'Why EM is slow or fast',
    text: 'λ_max is the fraction of information the hidden labels take away. EM’s error shrinks by λ_max per iteration: near 1, it crawls.',
  },
  {
    target: '.sidebar',
    title: 'Take it apart',
    text: 'Drag Separation down to make the components overlap and watch λ_max go to 1, or pick a scenario. Copy link shares exactly what you see.',
  },
];

const KEY = 'em-lab:tour';
const listeners = new Set<() => void>();
let open = false;

function readDone(): boolean {
  try {
    return localStorage.getItem(KEY) === 'done';
  } catch {
    return true; // no storage: better never than every visit
  }
}

function setOpen(v: boolean): void {
  open = v;
  listeners.forEach((l) => l());
}

/** Opens the tour on a first visit (called once at start-up). */
export function maybeStartTour(): void {
  if (!navigator.webdriver && !readDone()) setOpen(true);
}

/** From Help: show the tour again. */
export const replayTour = (): void => setOpen(true);

function finish(): void {
  try {
    localStorage.setItem(KEY, 'done');
  } catch {
    /* private mode */
  }
  setOpen(false);
}

export function Tour() {
  const isOpen = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
  const [i, setI] = useState(0);
  const step = STEPS[Math.min(i, STEPS.length - 1)];
  useEffect(() => {
    if (!isOpen) return;
    const el = document.querySelector(step.target);
    if (!el) return;
    el.classList.add('tour-target');
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    return () => el.classList.remove('tour-target');
  }, [isOpen, step]);
  if (!isOpen) return null;
  const last = i >= STEPS.length - 1;
  return (
    <section className="tour" role="dialog" aria-modal="false" aria-labelledby="tour-title" aria-describedby="tour-text">
      <p className="tour-count">
        {i + 1} / {STEPS.length}
      </p>
      <h2 id="tour-title">{step.title}</h2>
      <p id="tour-text">{step.text}</p>
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            finish();
            setI(0);
          }}
        >
          Skip tour
        </button>
        <button type="button" disabled={i === 0} onClick={() => setI(i - 1)}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (last) {
              finish();
              setI(0);
            } else setI(i + 1);
          }}
        >
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </section>
  );
}
