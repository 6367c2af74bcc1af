/**
 * The Sweeps section in Chromium: a small sweep opened from its URL runs on the worker pool to 100 %,
 * its box plot draws every (separation, method) box, the results are sensible (EM needs more E-steps
 * than ECG at the smallest separation and no more at the largest), the downloaded JSON is
 * byte-identical to `npm run lab -- sweep` for the same query, and dragging (or arrow-keying) the
 * rate map's probe moves the live experiment's separation and weight.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, settle, test, urlParams } from './helpers';
import { queryWith } from '../query';

/** Canonical (the CLI rejects queries that need repairs): 3 separations × 8 replicates at N = 300, an 8 × 8 rate map. */
const EXPERIMENT = queryWith();
const SWEEP = 'swsep=1,5,3&swreps=8&swcap=5000&swtol=1e-8&swm=em,ecg,hybrid,squarem&swn=300&swmap=w&swmapn=8';
const QUERY = `${EXPERIMENT}&${SWEEP}`;

interface Stats {
  n: number;
  censored: number;
  median: number | null;
}
interface Cell {
  sep: number;
  method: string;
  evaluations: (number | null)[];
  stats: Stats;
}

const separation = (page: Page) => page.getByRole('slider', { name: 'Separation', exact: true });

async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run sweep', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Run sweep', exact: true })).toBeEnabled();
}

test('a small sweep runs to 100 %, draws, makes sense, and downloads what the CLI prints', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/?${QUERY}`);
  await settle(page);
  // The link's sweep keys open the section with its settings.
  await expect(page.getByLabel('Replicates')).toHaveValue('8');
  await expect(page.getByLabel('Points N')).toHaveValue('300');
  expect((await urlParams(page)).get('swsep')).toBe('1,5,3');

  await runToEnd(page);
  const plot = page.getByRole('figure', { name: 'Convergence vs separation', exact: true });
  await expect(plot).toHaveAttribute('aria-busy', 'false');
  await expect(plot.locator('g.box')).toHaveCount(3 * 4);
  await expect(plot.locator('path.predicted')).toHaveAttribute('d', /^M.+L.+L/); // EM's prediction through 3 separations

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download sweep JSON', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^em-lab-sweep-[0-9a-f]{8}\.json$/);
  const browser = readFileSync((await download.path())!, 'utf8');
  const doc = JSON.parse(browser) as { query: string; separations: number[]; cells: Cell[] };
  expect(doc.query).toBe(QUERY);
  expect(doc.separations).toEqual([1, 3, 5]);

  // Sensible: at 1σ the components overlap and EM crawls (λ_max → 1), so it needs more E-steps than
  // ECG; at 5σ EM is Newton-like and needs no more. A censored median (null) is above the cap.
  const median = (sep: number, method: string): number => {
    const c = doc.cells.find((x) => x.sep === sep && x.method === method)!;
    expect(c.evaluations).toHaveLength(8);
    return c.stats.median ?? Infinity;
  };
  expect(median(1, 'em')).toBeGreaterThan(median(1, 'ecg'));
  expect(median(5, 'em')).toBeLessThanOrEqual(median(5, 'ecg'));
  // The table under the plot says the same.
  await plot.getByText('Table: median E-steps').click();
  const emAt1 = await plot.locator('tbody tr').first().locator('td[data-method="em"]').getAttribute('data-median');
  expect(emAt1 === 'censored' ? Infinity : Number(emAt1)).toBe(median(1, 'em'));

  const cli = execFileSync('npm', ['run', '--silent', 'lab', '--', 'sweep', QUERY], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(browser.length).toBe(cli.length);
  expect(browser === cli).toBe(true);

  mkdirSync('test-results/screenshots', { recursive: true });
  await page.locator('section.sweeps').screenshot({ path: 'test-results/screenshots/sweep-section.png' });
});

test('the rate map draws, and its probe sets the live separation and weight (pointer and keys)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/?${QUERY}`);
  await settle(page);
  await runToEnd(page);
  const map = page.getByRole('figure', { name: 'Rate map', exact: true });
  await expect(map.locator('svg.rate-map')).toHaveAttribute('data-state', 'ready');
  await expect(map.locator('rect.cell[data-state="ready"]')).toHaveCount(8 * 8);
  await expect(separation(page)).toHaveValue('2.5');

  // Drag from the middle to a tenth of the way across and near the top: small separation, large weight.
  const box = (await map.locator('rect.probe-area').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1, { steps: 5 });
  await page.mouse.up();
  // The app's state after the drag; the URL follows it (throttled while dragging, flushed on release),
  // and the range input shows it snapped to its 0.05 step.
  const live = () =>
    page.evaluate(
      () => (window as unknown as { __emLab: { getState(): { config: { sep: number; w: number } } } }).__emLab.getState().config,
    );
  const sep = (await live()).sep;
  const urlSep = async () => Number((await urlParams(page)).get('sep'));
  await expect.poll(urlSep).toBe(sep);
  // The map spans 1…5 σ plus half a cell each side: a tenth of the way across is about 1.2 σ.
  expect(sep).toBeGreaterThan(0.8);
  expect(sep).toBeLessThan(2);
  expect(Math.abs(Number(await separation(page).inputValue()) - sep)).toBeLessThanOrEqual(0.025);
  expect((await live()).w).toBeGreaterThan(0.8);
  expect(Number((await urlParams(page)).get('w'))).toBeGreaterThan(0.8);

  // Keyboard: the probe is a focusable slider; → adds 0.05 σ.
  const probe = map.getByRole('slider', { name: /Rate map probe/ });
  await probe.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(urlSep).toBe(Math.round((sep + 0.05) * 100) / 100);
  await expect(probe).toHaveAttribute('aria-valuetext', /separation \d\.\d\d σ, weight π₁ 0\.\d\d; λ_max ≈ 0\.\d+/);
});

test('Cancel stops a running sweep and keeps the results so far', async ({ page }) => {
  test.setTimeout(120_000);
  // The default sweep (500 data sets): far from done when cancelled.
  await page.goto('/?v=1&swsep=0.5,5,10');
  await settle(page);
  await page.getByRole('button', { name: 'Run sweep', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Sweep progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel sweep', exact: true }).click();
  await expect(page.getByText(/^Cancelled after \d+ of 900 tasks/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run sweep', exact: true })).toBeEnabled();
  const stopped = Number(await progress.getAttribute('aria-valuenow'));
  expect(stopped).toBeLessThan(100);
  const plot = page.getByRole('figure', { name: 'Convergence vs separation', exact: true });
  await expect(plot).toHaveAttribute('aria-busy', 'false');
  expect(await plot.locator('g.box').count()).toBeGreaterThan(0);
  // Nothing moves after the cancel, and the unfinished sweep cannot be downloaded.
  await page.waitForTimeout(1000);
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBe(stopped);
  await expect(page.getByRole('button', { name: 'Download sweep JSON', exact: true })).toBeDisabled();
});
