/**
 * The headless renderer of the golden tests: the real page pieces, minus the browser. In a happy-dom
 * document with the UI's stylesheets, a recording canvas (recording-canvas.ts) and a fixed layout
 * (layout.ts), it wires the store to the race worker as main.tsx does (race-sync, frame loop, local
 * steps, theme) — the worker itself runs in this thread (worker-in-process.ts; the test mocks comlink
 * and src/worker/client.ts for it). For a scene (an experiment query, a cursor, the view and theme)
 * it waits until everything the panels show has arrived in the store, then mounts every panel of the
 * registry with React, lets the frame loop draw them, and `panelSvg(name)` serialises one (serialize.ts).
 *
 * The panels are mounted afresh for each scene, on its final state: a golden then depends on its
 * scene alone, not on the scenes drawn before it or on how the worker's replies happened to be
 * spread over frames (d3's keyed joins keep the DOM order of their history, for one).
 *
 * Nothing here re-implements the worker's packing, the rows' appending or a panel's drawing: a
 * golden is what the page would draw from the same query.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { decodeQuery } from '../../src/experiment/codec';
import { useArticlePrefs } from '../../src/state/article-prefs';
import { initFrameLoop, invalidate } from '../../src/state/frame-loop';
import { initLocalSteps } from '../../src/state/local-steps';
import { useLocalSteps } from '../../src/state/local-steps-store';
import { initRaceSync } from '../../src/state/race-sync';
import { curveReady, isCurrent, lastIteration, rowAt, traceOf } from '../../src/state/run-data';
import { useStore, type ViewState } from '../../src/state/store';
import { PanelBoundary } from '../../src/ui/Panel';
import { PANEL_REGISTRY } from '../../src/ui/panels/registry';
import { setThemePref, subscribeTheme, type Theme } from '../../src/ui/theme';
import { installLayout } from './layout';
import { installRecordingCanvas } from './recording-canvas';
import { goldenSvg } from './serialize';

let root: Root | null = null;
let ready = false;

/** The document and the store's wiring, once per test file. */
function setUp(): void {
  if (ready) return;
  ready = true;
  installRecordingCanvas(window);
  installLayout(window);
  // happy-dom has no compatMode; KaTeX reads it to warn about quirks mode (the page has a doctype).
  Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true });
  // The page's stylesheets (Vite bundles every CSS file the UI imports; here none is imported): styles.css first.
  const ui = join(dirname(fileURLToPath(import.meta.url)), '../../src/ui');
  const sheets = readdirSync(ui, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.css'))
    .sort((a, b) => Number(b === 'styles.css') - Number(a === 'styles.css') || a.localeCompare(b));
  for (const f of sheets) {
    const style = document.createElement('style');
    style.textContent = readFileSync(join(ui, f), 'utf8');
    document.head.appendChild(style);
  }
  // As main.tsx, without the URL and the classroom (the goldens set the state directly).
  initRaceSync();
  initFrameLoop();
  subscribeTheme(invalidate);
  setThemePref('light');
  initLocalSteps();
}

function mountPanels(): void {
  const host = document.createElement('div');
  host.className = 'panels';
  document.body.appendChild(host);
  root = createRoot(host);
  root.render(
    PANEL_REGISTRY.map(({ id, name, Component }) => createElement(PanelBoundary, { key: id, name, children: createElement(Component) })),
  );
}

/** Unmounts the panels (between scenes, and at the end of the file). */
export function unmountPanels(): void {
  root?.unmount();
  root = null;
  document.querySelector('body > .panels')?.remove();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => requestAnimationFrame(() => r()));
};

/** What the store still waits for before a scene can be drawn, or null when everything has arrived. */
function dataPending(): string | null {
  const { run, config, view } = useStore.getState();
  if (run.error) throw new Error(`the race failed: ${run.error}`);
  if (!isCurrent(run)) return 'the race header';
  if (!run.idle) return 'the worker to finish (race, spectra, contours, λ curve)';
  if (!curveReady(run)) return 'the λ curve';
  if (run.contours?.nx !== 48) return 'the fine contour grid';
  if (useArticlePrefs.getState().showSteps) {
    const focus = traceOf(run, view.focus) ?? run.traces[0];
    const row = focus ? rowAt(focus, config.it) : -1;
    if (focus && row >= 0 && useLocalSteps.getState().key !== `${run.epoch}:${focus.method}:${row}`) return 'the step arrows';
  }
  return null;
}

async function until(pending: () => string | null, timeoutMs = 150_000): Promise<void> {
  const t0 = Date.now();
  for (let w = pending(); w !== null; w = pending()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`golden render timed out waiting for ${w}`);
    await sleep(10);
  }
}

export interface Scene {
  /** An experiment query (tests/query.ts queryWith). */
  query: string;
  /** Iteration shown, or 'end': the last iteration of the longest run. */
  it: number | 'end';
  view?: Partial<ViewState>;
  theme?: Theme;
}

/**
 * The cursor every scene configures its race at, before moving to its own. What the worker computes
 * can depend on the cursor it was configured at (the contour slice goes through θ* or its
 * label-swapped twin, whichever EM's row there is nearer), and a race is configured only by the first
 * scene of its query (later ones reuse it): so that a golden does not depend on which scene came first
 * (or on -t), all start here.
 */
const CONFIGURE_AT = 20;

let shown: Scene | null = null;

/** Shows `scene`: its data computed, then the panels mounted and drawn. */
export async function show(scene: Scene): Promise<void> {
  if (shown === scene) return;
  setUp();
  unmountPanels();
  shown = null;
  setThemePref(scene.theme ?? 'light');
  useStore.setState((s) => ({ view: { ...s.view, xAxis: 'iterations', focus: 'em', ...scene.view, playing: false } }));
  // A new race only when the query's race-relevant keys changed (race-sync compares them); else a new cursor.
  const state = decodeQuery(scene.query).state;
  useStore.setState({ config: { ...state, it: CONFIGURE_AT } });
  await until(dataPending);
  const it = scene.it === 'end' ? lastIteration(useStore.getState().run) : scene.it;
  if (it !== CONFIGURE_AT) {
    useStore.setState((s) => ({ config: { ...s.config, it } }));
    await until(dataPending);
  }
  mountPanels();
  // Mounting registers the draws with the frame loop; they run in its next frames.
  await frames(3);
  await until(() => {
    const busy = [...document.querySelectorAll('figure.panel[aria-busy="true"]')].map((f) => f.getAttribute('aria-label'));
    if (busy.length) return `panels still busy: ${busy.join(', ')}`;
    // KaTeX is loaded lazily (Tex.tsx): the captions show the TeX as code until it is.
    return document.querySelector('figure.panel .tex-fallback') ? 'KaTeX in the captions' : null;
  });
  await frames(2);
  const late = dataPending();
  if (late) throw new Error(`golden render: the store changed while the panels drew (waiting for ${late} again)`);
  shown = scene;
}

/** The golden text of the panel named `name` as drawn now. */
export function panelSvg(name: string): string {
  const figure = document.querySelector<HTMLElement>(`figure.panel[aria-label="${name}"]`);
  if (!figure) throw new Error(`no panel named "${name}"`);
  if (figure.classList.contains('panel-failed')) throw new Error(`panel "${name}" failed: ${figure.textContent}`);
  return goldenSvg(figure);
}
