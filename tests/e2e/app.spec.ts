/**
 * The app in Chromium: load, transport, slider → URL, share link round trip, repaired links,
 * JSON download = CLI output, keyboard shortcuts, history, scenarios (presets), and screenshots at two sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PRESETS } from '../../src/experiment/presets';
import { PANELS, expect, raceDone, readout, runPhases, settle, status, statusIteration, test, urlParams } from './helpers';
import { queryWith } from '../query';
import { KERNEL_MIN_N } from '../../src/engine/wasm/estep-kernel';
import { ESTEP_WASM_BASE64 } from '../../src/engine/wasm/estep-wasm';

/** A small, fast, canonical experiment (the CLI rejects queries that need repairs). */
const SMALL = queryWith({
  n: 300,
  sep: 2,
  seed: 3,
  init: 2,
  methods: ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton', 'adam'],
  iters: 400,
});

test('loads with every panel drawn, and a bare visit autoplays', async ({ page }) => {
  await page.goto('/');
  for (const name of PANELS) await expect(page.getByRole('figure', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Separation', exact: true })).toBeVisible();
  for (const name of ['EM', 'Gradient ascent', 'ECG', 'Hybrid EM–ECG', 'SQUAREM', 'Newton', 'Adam'])
    await expect(page.getByRole('checkbox', { name, exact: true })).toBeChecked();
  // A newcomer sees the race move.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(() => statusIteration(page), { timeout: 20_000 }).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await settle(page);
  await expect(page.getByText('NaN')).toHaveCount(0);
});

test('reduced motion: no autoplay', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await settle(page);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(await statusIteration(page)).toBe(0);
});

test('Step three times reads "Iteration 3"', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await stepButton.click();
  await expect(status(page)).toContainText('Iteration 3');
  await settle(page);
  expect((await urlParams(page)).get('it')).toBe('3');
});

test('Play then Pause', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pauseButton).toBeVisible();
  await expect.poll(() => statusIteration(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await pauseButton.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const stoppedAt = await statusIteration(page);
  await page.waitForTimeout(600);
  expect(await statusIteration(page)).toBe(stoppedAt);
});

test('dragging the separation slider changes the URL without new history entries', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const historyBefore = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  const box = (await slider.boundingBox())!;
  const [min, max, value] = await slider.evaluate((el: HTMLInputElement) => [+el.min, +el.max, +el.value]);
  const y = box.y + box.height / 2;
  // Native range thumbs sit inset by half a thumb width; aim at the thumb centre.
  const thumb = 8;
  const xAt = (v: number) => box.x + thumb + ((v - min) / (max - min)) * (box.width - 2 * thumb);
  await page.mouse.move(xAt(value), y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(xAt(value) + (i / 12) * (xAt(4.5) - xAt(value)), y);
  await page.mouse.up();
  await expect.poll(async () => Number((await urlParams(page)).get('sep'))).toBeGreaterThan(3.5);
  await expect(slider).toHaveAttribute('aria-valuetext', /^separation \d\.\d\d σ$/);
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  await settle(page);
});

test('going back to earlier settings shows the kept race at once, and it continues as a new one would', async ({ page }) => {
  const kept = async () => (await runPhases(page)).kept ?? null;
  await page.goto(`/?${SMALL}&it=20`);
  await settle(page);
  expect(await kept()).toBeNull();
  const first = await readout(page);
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  await slider.focus();
  // Four notches up (past the one-notch neighbours the worker may have precomputed), then back.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await urlParams(page)).get('sep')).toBe('2.2');
  await settle(page);
  expect(await readout(page)).not.toBe(first);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await urlParams(page)).get('sep')).toBe('2');
  await settle(page);
  expect(await kept()).toBe(1);
  expect(await readout(page)).toBe(first);
  // Past the rows it had: the kept race (Adam's tfjs lane included) goes on exactly like a fresh one.
  const had = (await runPhases(page)).keptRows ?? NaN;
  expect(had).toBeGreaterThanOrEqual(20);
  await page.getByRole('slider', { name: 'Iteration', exact: true }).focus();
  await page.keyboard.press('End');
  await settle(page);
  const end = await statusIteration(page);
  expect(end).toBeGreaterThan(had);
  const continued = await readout(page);
  await page.goto(`/?${SMALL}&it=${end}`);
  await settle(page);
  expect(await kept()).toBeNull();
  expect(await readout(page)).toBe(continued);
});

test("once the settings are still, the next separation notch either side is already computed: a nudge shows every lane, Adam included, with a fresh page's numbers", async ({
  page,
}) => {
  const phases = () => runPhases(page);
  const sepIs = (v: string) => expect.poll(async () => (await urlParams(page)).get('sep')).toBe(v);
  // N = 2000: long enough a race that the worker is still busy (and looked at by every pull) while it guesses.
  const query = SMALL.replace('n=300', 'n=2000');
  await page.goto(`/?${query}&it=20`);
  await settle(page);
  await expect.poll(async () => (await phases()).guessed, { timeout: 30_000 }).toBe(2);
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  await slider.focus();
  const nudged: Record<string, string> = {};
  // Down one notch (guessed), then up two (back to 2, kept when left, then the notch above: guessed too).
  for (const [keys, sep] of [
    [['ArrowLeft'], '1.95'],
    [['ArrowRight', 'ArrowRight'], '2.05'],
  ] as const) {
    for (const k of keys) await page.keyboard.press(k);
    await sepIs(sep);
    await settle(page);
    const p = await phases();
    expect(p.kept).toBe(1);
    expect(p.keptRows).toBeGreaterThanOrEqual(20);
    nudged[sep] = await readout(page);
  }
  for (const sep of ['1.95', '2.05']) {
    await page.goto(`/?${query.replace('sep=2&', `sep=${sep}&`)}&it=20`);
    await settle(page);
    expect((await phases()).kept).toBeUndefined();
    expect(await readout(page)).toBe(nudged[sep]);
  }
});

test('Copy link, then opening that link reproduces the same numbers', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/?${SMALL.replace('sep=2', 'sep=1.75')}`);
  await settle(page);
  await page.getByRole('button', { name: 'Forward 10', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toContainText('Iteration 11');
  await settle(page);
  const before = await readout(page);
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByText('Copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('sep=1.75');
  expect(link).toContain('it=11');
  expect(link).toBe(page.url());

  await page.goto('about:blank');
  await page.goto(link);
  await settle(page);
  await expect(status(page)).toContainText('Iteration 11');
  expect(await readout(page)).toBe(before);
  expect(before).not.toContain('NaN');
});

test('a malformed link opens anyway, with a notice listing each repaired key', async ({ page }) => {
  await page.goto('/?v=7&sep=banana&n=-5&methods=em,frobnicate&zzz=1');
  const notice = page.getByRole('alert').filter({ hasText: 'repairs' });
  await expect(notice).toBeVisible();
  for (const key of ['v', 'sep', 'n', 'methods', 'zzz'])
    await expect(notice.locator('code', { hasText: new RegExp(`^${key}$`) })).toHaveCount(1);
  await settle(page);
  // The repaired state is what runs, and the address bar shows it canonically.
  expect((await urlParams(page)).get('methods')).toBe('em');
  await expect(page.getByRole('checkbox', { name: 'EM', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Newton', exact: true })).not.toBeChecked();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

/** The browser's download and the CLI's output for the same query. */
async function downloadAndCli(page: Page, query: string, format: 'json' | 'csv') {
  await page.goto(`/?${query}`);
  await settle(page);
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

test('Download JSON is byte-identical to `npm run lab` for the same query (Adam included)', async ({ page }) => {
  test.setTimeout(120_000);
  // Holds because the engine uses only correctly rounded arithmetic (src/engine/detmath.ts):
  // V8's Math.exp/log differ in the last bit between Node 20 and Chromium.
  const { browser, cli } = await downloadAndCli(page, SMALL, 'json');
  expect(JSON.parse(browser).query).toBe(SMALL);
  expect(browser.length).toBe(cli.length);
  expect(browser === cli).toBe(true);
});

test('Download CSV is byte-identical to `npm run lab --csv` in 2D', async ({ page }) => {
  test.setTimeout(120_000);
  const q = SMALL.replace('dim=1', 'dim=2').replace('vr=1', 'vr=1&aspect=0.5&rot=30');
  const { browser, cli } = await downloadAndCli(page, q, 'csv');
  expect(browser.split('\n')[0]).toBe(cli.split('\n')[0]);
  expect(browser === cli).toBe(true);
});

/** Above the WebAssembly E-step's threshold, so the kernel runs in the worker and in the CLI. */
const KERNEL_SIZED = { n: 2000, sep: 2, seed: 3, init: 2, methods: ['em', 'ecg', 'squarem', 'newton'], iters: 300 } as const;

test('Download JSON (1D) and CSV (2D) are byte-identical to `npm run lab` at N above the WebAssembly kernel threshold', async ({
  page,
}) => {
  test.setTimeout(180_000);
  expect(KERNEL_SIZED.n).toBeGreaterThanOrEqual(KERNEL_MIN_N);
  await page.goto('/');
  // This Chromium takes the kernel's binary, so the worker ran it (the scalar path is the fallback).
  expect(await page.evaluate((b64) => WebAssembly.validate(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))), ESTEP_WASM_BASE64)).toBe(
    true,
  );
  const methods = [...KERNEL_SIZED.methods];
  const one = await downloadAndCli(page, queryWith({ ...KERNEL_SIZED, methods }), 'json');
  expect(one.browser === one.cli).toBe(true);
  const two = await downloadAndCli(page, queryWith({ ...KERNEL_SIZED, methods, dim: 2, aspect: 0.5, rot: 30 }), 'csv');
  expect(two.browser === two.cli).toBe(true);
});

test('keyboard shortcuts', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('ArrowRight');
  await expect(status(page)).toContainText('Iteration 1.');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(status(page)).toContainText('Iteration 11.');
  await page.keyboard.press('ArrowLeft');
  await expect(status(page)).toContainText('Iteration 10.');
  await page.keyboard.press('r');
  await expect(status(page)).toContainText('Iteration 0.');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('r');
  await page.keyboard.press('n');
  await expect.poll(async () => (await urlParams(page)).get('seed')).toBe('4');
  // Typing in a field is not a shortcut.
  const seedField = page.getByLabel('Data seed');
  await seedField.focus();
  await page.keyboard.press('n');
  await page.keyboard.press('ArrowRight');
  expect((await urlParams(page)).get('seed')).toBe('4');
  await expect(status(page)).toContainText('Iteration 0.');
  await settle(page);
});

test('Back and Forward restore discrete choices', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const newton = page.getByRole('checkbox', { name: 'Newton', exact: true });
  await newton.uncheck();
  await expect.poll(async () => (await urlParams(page)).get('methods')).toBe('em,grad,ecg,hybrid,squarem,adam');
  await settle(page);
  await page.goBack();
  await expect(newton).toBeChecked();
  await page.goForward();
  await expect(newton).not.toBeChecked();
  await settle(page);
});

test('2D runs and draws, with the 2D-only settings that 1D does not show', async ({ page }) => {
  const twoDOnly = ['Aspect (minor/major)', 'Rotation'];
  await page.goto(`/?${SMALL}`);
  await settle(page);
  for (const name of twoDOnly) await expect(page.getByRole('slider', { name, exact: true })).toHaveCount(0);
  await page.goto(`/?${SMALL.replace('dim=1', 'dim=2').replace('vr=1&', 'vr=1&aspect=0.5&rot=30&')}&it=5`);
  await settle(page);
  await expect(status(page)).toContainText('Iteration 5');
  await expect(page.getByText('NaN')).toHaveCount(0);
  for (const name of twoDOnly) await expect(page.getByRole('slider', { name, exact: true })).toBeVisible();
});

test('dragging a start handle on the data panel moves the start (URL start=…)', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const handle = page.getByRole('slider', { name: 'start mean of component 1' });
  const box = (await handle.boundingBox())!;
  // Grab inside the large invisible hit circle, away from the visible knob.
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 50, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await urlParams(page)).get('start')).not.toBeNull();
  await expect(page.getByRole('button', { name: 'Use seeded start' })).toBeVisible();
  await settle(page);
  await page.getByRole('button', { name: 'Use seeded start' }).click();
  await expect.poll(async () => (await urlParams(page)).get('start')).toBeNull();
});

test('the iteration scrubber moves every panel through the stored history', async ({ page }) => {
  await page.goto(`/?${SMALL}&it=30`);
  await settle(page);
  const at30 = await readout(page);
  const scrubber = page.getByRole('slider', { name: 'Iteration', exact: true });
  await scrubber.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(status(page)).toContainText('Iteration 25.');
  await settle(page);
  expect(await readout(page)).not.toBe(at30);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(status(page)).toContainText('Iteration 30.');
  await settle(page);
  expect(await readout(page)).toBe(at30);
});

test('the scrubber gives the first iterations most of its track; Home and End reach its ends', async ({ page }) => {
  await page.goto(`/?${SMALL}&it=0`);
  await settle(page);
  const scrubber = page.getByRole('slider', { name: 'Iteration', exact: true });
  // Once the race is done the scrubber ends at its last iteration: "iteration k of M".
  await raceDone(page);
  const total = Number(/of (\d+)/.exec((await scrubber.getAttribute('aria-valuetext')) ?? '')![1]);
  expect(total).toBeGreaterThan(50);
  await scrubber.focus();
  await page.keyboard.press('End');
  await expect(status(page)).toContainText(`Iteration ${total}.`);
  await page.keyboard.press('Home');
  await expect(status(page)).toContainText('Iteration 0.');
  // A click at 30 % of the track: about 9 % of the race (quadratic), where a linear track would give 30 %.
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + 0.3 * box.width, box.y + box.height / 2);
  const k = await statusIteration(page);
  expect(k).toBeGreaterThan(0.03 * total);
  expect(k).toBeLessThan(0.16 * total);
  await page.keyboard.press('ArrowRight');
  await expect(status(page)).toContainText(`Iteration ${k + 1}.`);
  await settle(page);
});

test('scenarios: Overlapping sets sep=1 with its caption; Symmetric start stops on a symmetric start', async ({ page }) => {
  const caption = (id: string) => PRESETS.find((p) => p.id === id)!.caption;
  await page.goto(`/?${SMALL}&it=7`);
  await settle(page);
  const historyBefore = await page.evaluate(() => history.length);
  const overlapping = page.getByRole('button', { name: 'Overlapping', exact: true });
  await overlapping.click();
  await expect.poll(async () => (await urlParams(page)).get('sep')).toBe('1');
  // A new history entry, with the cursor back at 0 (`it` is left out of the URL).
  expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);
  expect((await urlParams(page)).get('it')).toBeNull();
  await expect(status(page)).toContainText('Iteration 0.');
  await expect(overlapping).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(caption('overlapping'), { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Symmetric start', exact: true }).click();
  await expect.poll(async () => (await urlParams(page)).get('start')).not.toBeNull();
  await expect(page.getByText(caption('symmetric'), { exact: true })).toBeVisible();
  await expect(page.getByText(caption('overlapping'), { exact: true })).toHaveCount(0);
  await expect(status(page)).toContainText(/EM stopped at iteration 0: symmetric start/);
  await settle(page);
  // Any other change of settings hides the caption; Back returns to the scenario and shows it again.
  await page.getByRole('checkbox', { name: 'Newton', exact: true }).uncheck();
  await expect(page.getByText(caption('symmetric'), { exact: true })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByText(caption('symmetric'), { exact: true })).toBeVisible();
  await settle(page);
});

test('a worker that fails to load is reported, not silent', async ({ page }) => {
  await page.route(/race\.worker[^/]*\.js/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`/?${SMALL}`);
  await expect(page.getByRole('alert').filter({ hasText: 'computation worker failed' })).toBeVisible({ timeout: 15_000 });
});

test('screenshots at 1280×800 and 390×844', async ({ page }) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?v=1&dim=1&sep=2&it=25');
  await settle(page);
  await expect(page.locator('.curve-body')).toHaveAttribute('data-state', 'ready');
  await page.screenshot({ path: 'test-results/screenshots/desktop-1280x800.png' });
  await page.goto('/?v=1&dim=2&it=25');
  await settle(page);
  await page.screenshot({ path: 'test-results/screenshots/desktop-2d-1280x800.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?v=1&dim=1&sep=2&it=25');
  await settle(page);
  await page.screenshot({ path: 'test-results/screenshots/phone-390x844.png' });
  // Article sections out of view are skipped on screen (content-visibility: auto); the full-page picture renders them all.
  await page.addStyleTag({ content: '.article > * { content-visibility: visible !important; }' });
  await page.screenshot({ path: 'test-results/screenshots/phone-390x844-full.png', fullPage: true });
  // No horizontal scrolling on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Help (the only way back to the tour without a keyboard) is on the share row, not a row of its own.
  const help = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
  await expect(help).toBeVisible();
  const [helpBox, copyBox] = [await help.boundingBox(), await page.getByRole('button', { name: 'Copy link', exact: true }).boundingBox()];
  expect(Math.abs(helpBox!.y - copyBox!.y)).toBeLessThan(4);
  await help.click();
  await expect(page.getByRole('button', { name: 'Take the tour again' })).toBeVisible();
});
