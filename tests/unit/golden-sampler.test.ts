// @vitest-environment happy-dom
/**
 * Golden SVGs of the Sampler mode's panels (tests/golden/sampler/<panel>-<scene>.svg), as
 * golden.test.ts pins the race's: each scene computed by the real sampler worker in this thread and
 * drawn by the real panels into happy-dom (tests/golden/sampler-render.ts), each panel's drawing —
 * SVG and canvas layers — compared with its committed golden. A difference writes
 * `<name>-changed.svg` beside it (gitignored) and fails; accept with `npm run golden:accept`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PANEL_TABLE, type SamplePanelId } from '../../src/ui/panels/panel-table';
import { samplePanelSvg, showSample, unmountPanels, type SampleScene } from '../golden/sampler-render';
import { queryWith } from '../query';

vi.mock('comlink', async () => (await import('../golden/sampler-worker-in-process')).samplerComlinkStandIn);
vi.mock('../../src/worker/sampler-client', async () => (await import('../golden/sampler-worker-in-process')).samplerClientStandIn);
vi.mock('../../src/worker/client', async () => (await import('../golden/sampler-worker-in-process')).raceClientStandIn);

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'sampler');
const ACCEPT = process.env.GOLDEN_ACCEPT === '1';

const ALL = PANEL_TABLE.filter((p) => p.mode === 'sample').map((p) => p.id as SamplePanelId);
const nameOf = (id: SamplePanelId): string => PANEL_TABLE.find((p) => p.id === id)!.name;
/** Small and quick: N = 120, 200 draws. The efficiency curve (short runs at ten separations) is pinned once, means only. */
const SCENES: { tag: string; query: string; it: number; panels: readonly SamplePanelId[] }[] = [
  { tag: '1d-means', query: queryWith({ n: 120, sep: 1, mode: 'sample', free: 'means', draws: 200, warm: 100 }), it: 150, panels: ALL },
  {
    tag: '1d',
    query: queryWith({ n: 120, sep: 2.5, mode: 'sample', draws: 200, warm: 100 }),
    it: 150,
    panels: ALL.filter((id) => id !== 'essCurve'),
  },
  {
    tag: '2d',
    query: queryWith({ dim: 2, n: 120, sep: 3, mode: 'sample', draws: 200, warm: 100 }),
    it: 150,
    panels: ['chains', 'samplerTraces', 'acf', 'ess'],
  },
];
const scenes = SCENES.map((s) => ({ ...s, scene: { query: s.query, it: s.it, panels: s.panels.map(nameOf) } as SampleScene }));
const names = SCENES.flatMap(({ tag, panels }) => panels.map((id) => `${id}-${tag}`));

function compare(name: string, actual: string): void {
  const file = join(DIR, `${name}.svg`);
  const changed = join(DIR, `${name}-changed.svg`);
  if (ACCEPT || !existsSync(file)) {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    if (!ACCEPT)
      throw new Error(`no golden tests/golden/sampler/${name}.svg yet: written now from the panel as drawn. Look at it and commit it.`);
    return;
  }
  if (readFileSync(file, 'utf8') === actual) return void rmSync(changed, { force: true });
  writeFileSync(changed, actual);
  throw new Error(
    `panel drawing differs from tests/golden/sampler/${name}.svg; the drawing now is in ${name}-changed.svg. ` +
      'If the change is intended: npm run golden:accept, and commit the golden.',
  );
}

describe('golden Sampler-mode panel SVGs', () => {
  afterAll(() => unmountPanels());
  for (const { tag, scene, panels } of scenes)
    describe(tag, () => {
      for (const id of panels)
        it(`${id}-${tag}`, async () => {
          await showSample(scene);
          compare(`${id}-${tag}`, samplePanelSvg(nameOf(id)));
        }, 240_000);
    });

  it('every Sampler-mode panel has a golden in 1D and 2D (the curve: 1D), and every golden file has a scene', () => {
    for (const id of ALL) expect(names).toContain(`${id}-1d-means`);
    for (const id of ALL.filter((x) => x !== 'essCurve')) expect(names).toContain(`${id}-2d`);
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.svg') && !f.endsWith('-changed.svg'))
      .map((f) => f.slice(0, -4));
    expect(files.sort()).toEqual([...names].sort());
  });
});
