/**
 * The Sampler mode in Chromium: the mode switch and what it loads, Step adding a draw to every
 * sampler's trail on the posterior plane, Back/Forward and a reload of the shared link reproducing the
 * same draws, the downloads byte-identical to `npm run lab`, no NaN on screen, the Gibbs benchmark in
 * the worker, and screenshots at two sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SAMPLE_PANEL_NAMES } from '../../src/ui/panels/panel-table';
import { PANELS, expect, settle, status, test, urlParams } from './helpers';
import { queryWith } from '../query';

/** Small and quick: N = 300, 300 draws after 100 of burn-in, every sampler. */
const SMALL = queryWith({ n: 300, sep: 2, seed: 3, mode: 'sample', draws: 300, warm: 100 });
const CURVE = 'Efficiency against separation';
const PLANE = 'Chains on the posterior';

/** Every Sampler-mode panel drawn for the settings and cursor on screen (the curve, filled in the background, only when asked). */
async function settleSample(page: Page, { curve = false, timeout = 60_000 } = {}): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const name of SAMPLE_PANEL_NAMES.filter((n) => curve || n !== CURVE))
    await expect(page.getByRole('figure', { name, exact: true })).toHaveAttribute('aria-busy', 'false', { timeout });
}

/** Each sampler's latest draw on the plane: its id, the draws shown, and its coordinates (the marker's title). */
const heads = (page: Page) =>
  page
    .getByRole('figure', { name: PLANE, exact: true })
    .locator('path.head')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-sampler')}|${e.getAttribute('data-draws')}|${e.querySelector('title')?.textContent}`),
    );

const samplerTable = (page: Page) => page.getByRole('region', { name: 'Samplers at the cursor' }).locator('tbody').innerText();

async function pauseIfPlaying(page: Page): Promise<void> {
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pause.isVisible()) await pause.click();
}

test('race mode loads nothing of the Sampler mode; the switch shows its panels as one history entry, and Back returns', async ({
  page,
}) => {
  await page.goto(`/?${queryWith({ n: 300, sep: 2, seed: 3, iters: 200 })}`);
  await settle(page);
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect((await loaded()).filter((u) => /sampler\.worker|SampleMode/.test(u))).toEqual([]);
  const before = await page.evaluate(() => history.length);
  await page.getByRole('radio', { name: 'Sample', exact: true }).check();
  await expect.poll(async () => (await urlParams(page)).get('mode')).toBe('sample');
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  await pauseIfPlaying(page);
  for (const name of SAMPLE_PANEL_NAMES) await expect(page.getByRole('figure', { name, exact: true })).toBeVisible();
  for (const name of PANELS) await expect(page.getByRole('figure', { name, exact: true })).toHaveCount(0);
  await settleSample(page);
  expect((await loaded()).some((u) => /sampler\.worker/.test(u))).toBe(true);
  await page.goBack();
  await expect.poll(async () => (await urlParams(page)).get('mode')).toBeNull();
  await settle(page);
  await expect(page.getByRole('figure', { name: PLANE, exact: true })).toHaveCount(0);
});

test('Step adds a draw to every sampler’s trail on the posterior plane', async ({ page }) => {
  await page.goto(`/?${SMALL}&it=20`);
  await settleSample(page);
  const first = await heads(page);
  expect(first.map((h) => h.split('|').slice(0, 2).join('|'))).toEqual(['gibbs|20', 'rwm|20', 'mala|20', 'hmc|20', 'nuts|20']);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await step.click();
  await expect(status(page)).toContainText('Draw 23 of 300');
  await settleSample(page);
  const after = await heads(page);
  expect(after.map((h) => h.split('|').slice(0, 2).join('|'))).toEqual(['gibbs|23', 'rwm|23', 'mala|23', 'hmc|23', 'nuts|23']);
  expect(after.every((h) => h.includes(', draw 23: ('))).toBe(true);
  // DA Gibbs always moves (every sweep is a fresh draw): its latest position is a new one.
  expect(after[0].split('|')[2]).not.toBe(first[0].split('|')[2]);
  expect((await urlParams(page)).get('it')).toBe('23');
});

test('Back/Forward and a reload of the shared link reproduce the same draws', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/?${SMALL}&it=40`);
  await settleSample(page);
  const original = { heads: await heads(page), table: await samplerTable(page) };
  expect(original.table).not.toContain('…');
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('it=40');
  // New chains: another seed, another history entry, other draws.
  await page.getByRole('button', { name: 'New chains', exact: true }).click();
  await expect.poll(async () => (await urlParams(page)).get('cseed')).toBe('2');
  await settleSample(page);
  const other = await heads(page);
  expect(other).not.toEqual(original.heads);
  await page.goBack();
  await expect.poll(async () => (await urlParams(page)).get('cseed')).toBeNull();
  await settleSample(page);
  expect(await heads(page)).toEqual(original.heads);
  expect(await samplerTable(page)).toBe(original.table);
  await page.goForward();
  await expect.poll(async () => (await urlParams(page)).get('cseed')).toBe('2');
  await settleSample(page);
  expect(await heads(page)).toEqual(other);
  await page.goto('about:blank');
  await page.goto(link);
  await settleSample(page);
  expect(await heads(page)).toEqual(original.heads);
  expect(await samplerTable(page)).toBe(original.table);
});

/** The browser's download and the CLI's output for the same query. */
async function downloadAndCli(page: Page, query: string, format: 'json' | 'csv') {
  await page.goto(`/?${query}`);
  await settleSample(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download ${format.toUpperCase()}`, exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^em-lab-[0-9a-f]{8}\\.${format}$`));
  const browser = readFileSync((await download.path())!, 'utf8');
  const cli = execFileSync('npm', ['run', '--silent', 'lab', '--', query, ...(format === 'csv' ? ['--csv'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { browser, cli };
}

const EXPORTED = queryWith({
  n: 200,
  sep: 1.5,
  seed: 5,
  mode: 'sample',
  samplers: ['gibbs', 'rwm', 'mala', 'nuts'],
  draws: 150,
  warm: 60,
  cseed: 7,
});

test('Download JSON is byte-identical to `npm run lab` for the same mode=sample query', async ({ page }) => {
  test.setTimeout(120_000);
  const { browser, cli } = await downloadAndCli(page, EXPORTED, 'json');
  expect(JSON.parse(browser).schema).toBe('em-lab/chains@1');
  expect(JSON.parse(browser).query).toBe(EXPORTED);
  expect(browser.length).toBe(cli.length);
  expect(browser === cli).toBe(true);
});

test('Download CSV (every draw) is byte-identical to `npm run lab --csv`, means only in 2D', async ({ page }) => {
  test.setTimeout(120_000);
  const q = queryWith({
    dim: 2,
    n: 200,
    sep: 2.5,
    mode: 'sample',
    free: 'means',
    samplers: ['gibbs', 'hmc'],
    draws: 100,
    warm: 50,
    leap: 5,
  });
  const { browser, cli } = await downloadAndCli(page, q, 'csv');
  expect(browser.split('\n')[0]).toBe(cli.split('\n')[0]);
  expect(browser.split('\n')).toHaveLength(2 + 2 * 4 * 100 + 1);
  expect(browser === cli).toBe(true);
});

test('no text reads NaN, undefined or Infinity while the chains compute and after; the curve completes with its crossovers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const bad = () =>
    page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (/NaN|undefined|Infinity/.test(n.nodeValue ?? '')) out.push(n.nodeValue!);
      return out;
    });
  await page.goto(`/?${queryWith({ n: 150, sep: 2, mode: 'sample', free: 'means', draws: 200, warm: 50, it: 100 })}`);
  expect(await bad()).toEqual([]);
  await page.waitForTimeout(300);
  expect(await bad()).toEqual([]);
  await settleSample(page, { curve: true, timeout: 100_000 });
  expect(await bad()).toEqual([]);
  const crossovers = page.getByRole('list', { name: 'Where each marginal sampler beats DA Gibbs' });
  await expect(crossovers).not.toContainText('…');
  await expect(page.locator('[data-bind="s-cross-rwm"]')).not.toHaveText('…');
});

test('a sampler worker that fails to load is reported, and “Start the samplers again” recovers', async ({ page }) => {
  await page.route(/sampler\.worker[^/]*\.js/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`/?${SMALL}&it=10`);
  const alert = page.getByRole('alert').filter({ hasText: 'The samplers stopped' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(status(page)).toContainText('Sampling failed');
  await page.unroute(/sampler\.worker[^/]*\.js/);
  await alert.getByRole('button', { name: 'Start the samplers again' }).click();
  await settleSample(page);
  await expect(alert).toHaveCount(0);
  expect((await heads(page)).map((h) => h.split('|')[1])).toEqual(['10', '10', '10', '10', '10']);
});

test('every Sampler-mode panel exports as SVG and PNG, with its name and provenance', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/?${queryWith({ n: 150, sep: 2, mode: 'sample', free: 'means', draws: 100, warm: 50, it: 60 })}`);
  await settleSample(page, { curve: true, timeout: 100_000 });
  for (const name of SAMPLE_PANEL_NAMES)
    for (const format of ['SVG', 'PNG'] as const) {
      const figure = page.getByRole('figure', { name, exact: true });
      await figure.getByRole('button', { name: `Export ${name} panel`, exact: true }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('menuitem', { name: `Download ${name} panel as ${format}`, exact: true }).click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      if (format === 'PNG') expect(bytes.subarray(1, 4).toString('latin1'), name).toBe('PNG');
      else {
        const text = bytes.toString('utf8');
        expect(text, name).toContain(`<title>${name}</title>`.slice(0, 7));
        expect(text, name).toContain('em-lab-provenance');
        expect(text, name).toContain('mode=sample');
      }
      await expect(figure.getByRole('alert')).toHaveCount(0);
    }
});

test('10⁴ DA Gibbs sweeps at N = 2000 take at most 1 s in the sampler worker', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settleSample(page);
  const bench = (n: number, sweeps: number) =>
    page.evaluate(
      ([n, s]) =>
        (window as unknown as { __emLabSampler: { benchGibbs(n: number, s: number): Promise<number> } }).__emLabSampler.benchGibbs(n, s),
      [n, sweeps] as const,
    );
  await bench(2000, 500); // warm-up: compiled code
  const ms = Math.min(await bench(2000, 10_000), await bench(2000, 10_000));
  console.log(`10⁴ Gibbs sweeps, N = 2000, in the sampler worker: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThanOrEqual(1000);
});

test('Sampler mode screenshots at 1280×800 and 390×844', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/?${queryWith({ sep: 1, mode: 'sample', free: 'means', it: 150 })}`);
  await settleSample(page);
  await page.screenshot({ path: 'test-results/screenshots/sampler-1280x800.png' });
  await page.goto(`/?${queryWith({ sep: 2.5, mode: 'sample', it: 150 })}`);
  await settleSample(page);
  await page.addStyleTag({ content: '.article > * { content-visibility: visible !important; }' });
  await page.screenshot({ path: 'test-results/screenshots/sampler-full-1280x800.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?${queryWith({ sep: 1, mode: 'sample', free: 'means', it: 150 })}`);
  await settleSample(page);
  await page.addStyleTag({ content: '.article > * { content-visibility: visible !important; }' });
  await page.screenshot({ path: 'test-results/screenshots/sampler-phone-390x844-full.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
