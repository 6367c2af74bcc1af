/**
 * The headless renderer of the Sampler mode's goldens, as render.ts is the race's: the real store
 * wiring (sampler-sync, the frame loop, the theme) and the real sampler worker in this thread
 * (sampler-worker-in-process.ts). For a scene (a mode=sample query and a cursor) it waits until every
 * chain has all its draws, the worker is idle, the diagnostics are the cursor's, the contours and the
 * efficiency curve have arrived; then it mounts the Sampler mode's panels and lets them draw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { decodeQuery } from '../../src/experiment/codec';
import { initFrameLoop, invalidate } from '../../src/state/frame-loop';
import { receivedDraws, sampleCurrent, useSampleRun } from '../../src/state/sampler-store';
import { initSamplerSync } from '../../src/state/sampler-sync';
import { useStore } from '../../src/state/store';
import { PanelBoundary } from '../../src/ui/Panel';
import { SAMPLE_REGISTRY } from '../../src/ui/sampler/sample-registry';
import { setThemePref, subscribeTheme } from '../../src/ui/theme';
import { installLayout } from './layout';
import { installRecordingCanvas } from './recording-canvas';
import { goldenSvg } from './serialize';

let root: Root | null = null;
let ready = false;

function setUp(): void {
  if (ready) return;
  ready = true;
  installRecordingCanvas(window);
  installLayout(window);
  Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true });
  const ui = join(dirname(fileURLToPath(import.meta.url)), '../../src/ui');
  const sheets = readdirSync(ui, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.css'))
    .sort((a, b) => Number(b === 'styles.css') - Number(a === 'styles.css') || a.localeCompare(b));
  for (const f of sheets) {
    const style = document.createElement('style');
    style.textContent = readFileSync(join(ui, f), 'utf8');
    document.head.appendChild(style);
  }
  initFrameLoop();
  subscribeTheme(invalidate);
  setThemePref('light');
}

export function unmountPanels(): void {
  root?.unmount();
  root = null;
  document.querySelector('body > .panels')?.remove();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => requestAnimationFrame(() => r()));
};

function dataPending(curve: boolean): string | null {
  const run = useSampleRun.getState();
  const { it } = useStore.getState().config;
  if (run.error) throw new Error(`the chains failed: ${run.error}`);
  if (!sampleCurrent(run)) return 'the chains’ header';
  if (!run.done) return 'the chains to finish';
  if (!run.contours) return 'the contours';
  if (curve && (!run.idle || run.curve.length < run.curveTotal)) return 'the efficiency curve';
  if (run.summary?.at !== Math.min(it, receivedDraws(run))) return 'the diagnostics at the cursor';
  return null;
}

async function until(pending: () => string | null, timeoutMs = 170_000): Promise<void> {
  const t0 = Date.now();
  for (let w = pending(); w !== null; w = pending()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`sampler golden render timed out waiting for ${w}`);
    await sleep(20);
  }
}

export interface SampleScene {
  /** A mode=sample query (tests/query.ts queryWith). */
  query: string;
  /** The draw shown. */
  it: number;
  /** The panels pinned (by name): the efficiency curve is waited for only where it is pinned (its short runs take a while). */
  panels: readonly string[];
}

let shown: SampleScene | null = null;

export async function showSample(scene: SampleScene): Promise<void> {
  if (shown === scene) return;
  setUp();
  unmountPanels();
  shown = null;
  useStore.setState((s) => ({ view: { ...s.view, playing: false }, config: { ...decodeQuery(scene.query).state, it: scene.it } }));
  initSamplerSync();
  const curve = scene.panels.includes('Efficiency against separation');
  await until(() => dataPending(curve));
  const host = document.createElement('div');
  host.className = 'panels';
  document.body.appendChild(host);
  root = createRoot(host);
  root.render(
    SAMPLE_REGISTRY.map(({ id, name, Component }) => createElement(PanelBoundary, { key: id, name, children: createElement(Component) })),
  );
  await frames(3);
  await until(() => {
    const busy = [...document.querySelectorAll('figure.panel[aria-busy="true"]')]
      .map((f) => f.getAttribute('aria-label') ?? '')
      .filter((n) => scene.panels.includes(n));
    return busy.length ? `panels still busy: ${busy.join(', ')}` : null;
  });
  await frames(2);
  shown = scene;
}

export function samplePanelSvg(name: string): string {
  const figure = document.querySelector<HTMLElement>(`figure.panel[aria-label="${name}"]`);
  if (!figure) throw new Error(`no panel named "${name}"`);
  if (figure.classList.contains('panel-failed')) throw new Error(`panel "${name}" failed: ${figure.textContent}`);
  return goldenSvg(figure);
}
