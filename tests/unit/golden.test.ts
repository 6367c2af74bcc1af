// @vitest-environment happy-dom
/**
 * Golden SVGs of every panel (tests/golden/<panel>-<1d|2d>[-variant].svg): each scene below is
 * computed by the real race worker in this thread and drawn by the real panels into happy-dom
 * (tests/golden/render.ts); each panel's drawing — SVG layers and the canvas layers, recorded as
 * SVG — is compared with its committed golden. A difference writes `<name>-changed.svg` beside the
 * golden (gitignored) and fails; a missing golden is written and fails once. After looking at the
 * changed drawing, accept it with `npm run golden:accept` (GOLDEN_ACCEPT=1) and commit the golden.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PANEL_TABLE, type PanelId } from '../../src/ui/panels/panel-table';
import { panelSvg, show, unmountPanels, type Scene } from '../golden/render';
import { queryWith } from '../query';

vi.mock('comlink', async () => (await import('../golden/worker-in-process')).comlinkStandIn);
vi.mock('../../src/worker/client', async () => (await import('../golden/worker-in-process')).clientStandIn);

// Paths, not URLs: happy-dom replaces the global URL, which node:fs does not take.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
const ACCEPT = process.env.GOLDEN_ACCEPT === '1';
const ACCEPT_HOW = 'npm run golden:accept   (or GOLDEN_ACCEPT=1 npx vitest run tests/unit/golden.test.ts)';

// The race's panels (the Sampler mode's have their goldens in golden-sampler.test.ts).
const ALL: readonly PanelId[] = PANEL_TABLE.filter((p) => p.mode === 'race').map((p) => p.id);
const q1 = queryWith({});
const q2 = queryWith({ dim: 2 });

/** Each scene and the panels pinned in it; a golden is named `<panel id>-<tag>`. */
const SCENES: { tag: string; scene: Scene; panels: readonly PanelId[] }[] = [
  { tag: '1d', scene: { query: q1, it: 20 }, panels: ALL },
  { tag: '1d-end', scene: { query: q1, it: 'end' }, panels: ALL },
  { tag: '1d-evaluations', scene: { query: q1, it: 20, view: { xAxis: 'evaluations' } }, panels: ['loglik'] },
  { tag: '1d-dark', scene: { query: q1, it: 20, theme: 'dark' }, panels: ['data', 'trajectories'] },
  { tag: '2d', scene: { query: q2, it: 20 }, panels: ALL },
  { tag: '2d-end', scene: { query: q2, it: 'end' }, panels: ['trajectories'] },
];

const goldenNames = SCENES.flatMap(({ tag, panels }) => panels.map((id) => `${id}-${tag}`));

/** Where two texts first differ (line, and the stretch of that line around the first differing character), for the failure message. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
  let changed = 0;
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (a[k] !== b[k]) changed++;
  const la = a[i] ?? '';
  const lb = b[i] ?? '';
  let col = 0;
  while (col < Math.min(la.length, lb.length) && la[col] === lb[col]) col++;
  const from = Math.max(0, col - 60);
  const cut = (s: string | undefined) =>
    s === undefined ? '(no such line)' : `${from > 0 ? '…' : ''}${s.slice(from, col + 100)}${s.length > col + 100 ? '…' : ''}`.trim();
  return `${changed} of ${b.length} lines differ; the first at line ${i + 1}, column ${col + 1}:\n  golden: ${cut(a[i])}\n  now:    ${cut(b[i])}`;
}

/** Compares a drawing with its golden (see the file's comment for what happens on a mismatch). */
function compare(name: string, actual: string): void {
  const file = join(DIR, `${name}.svg`);
  const changed = join(DIR, `${name}-changed.svg`);
  if (ACCEPT) {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    throw new Error(
      `no golden tests/golden/${name}.svg yet: it has been written now from the panel as drawn. Look at it, and commit it (the test passes from the next run on).`,
    );
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  throw new Error(
    `panel drawing differs from tests/golden/${name}.svg — ${firstDifference(expected, actual)}\n` +
      `The drawing now is in tests/golden/${name}-changed.svg: look at both. If the change is intended, accept it with\n  ${ACCEPT_HOW}\nand commit the updated golden.`,
  );
}

describe('golden panel SVGs', () => {
  afterAll(() => unmountPanels());

  for (const { tag, scene, panels } of SCENES)
    describe(tag, () => {
      for (const id of panels) {
        const name = PANEL_TABLE.find((p) => p.id === id)!.name;
        // The first golden of a scene waits for its race (a few seconds; more on a loaded machine).
        it(`${id}-${tag}`, async () => {
          await show(scene);
          compare(`${id}-${tag}`, panelSvg(name));
        }, 180_000);
      }
    });

  it('every panel has a golden in 1D and in 2D, and every golden file has a scene', () => {
    for (const id of ALL) {
      expect(goldenNames).toContain(`${id}-1d`);
      expect(goldenNames).toContain(`${id}-2d`);
    }
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.svg') && !f.endsWith('-changed.svg'))
      .map((f) => f.slice(0, -4));
    expect(files.filter((f) => !goldenNames.includes(f))).toEqual([]);
  });
});
