/**
 * The article in Chromium: the numbers in the prose agree with the figures and the table they
 * describe (read from the DOM on both sides), clickable phrases set the state (URL, slider,
 * history), the text toggle gives back the dense grid, no text ever shows NaN/undefined/Infinity,
 * and the step arrows on the trajectory plane are drawn and agree with the angle the text states.
 */
import type { Page } from '@playwright/test';
import { PRESETS } from '../../src/experiment/presets';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { PANELS, expect, settle, test, urlParams } from './helpers';
import { queryWith } from '../query';

/**
 * Small and quick (no Adam: its tfjs lane is the slow one), canonical. At this start EM converges
 * well inside the cap (so its observed rates are measurable) and L is concave around EM's iterates
 * from iteration 6 on (so the Newton step exists there).
 */
const SMALL = queryWith({ n: 300, sep: 3, seed: 3, methods: ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'], iters: 400 });

const bound = (page: Page, key: string) => page.locator(`[data-bind="${key}"]`);
const spectrum = (page: Page) => page.getByRole('figure', { name: 'Missing-information spectrum', exact: true });
const panelRate = (page: Page, k: string) => spectrum(page).locator(`dd[data-k="${k}"]`);

/** Waits until a bound value is final (not busy) and returns its text. */
async function settled(page: Page, key: string, timeout = 45_000): Promise<string> {
  await expect(bound(page, key)).toHaveAttribute('aria-busy', 'false', { timeout });
  return (await bound(page, key).textContent()) ?? '';
}

/** The readout table's cell of a method in a column. */
async function tableCell(page: Page, method: string, column: string): Promise<string> {
  const headers = await page.getByRole('region', { name: 'Race at the cursor' }).locator('thead th').allTextContents();
  const i = headers.indexOf(column);
  expect(i, `column ${column}`).toBeGreaterThan(0);
  return (await page.locator(`tr[data-method="${method}"] > *`).nth(i).textContent()) ?? '';
}

test('the bound λ_max, λ_max² and observed ratios equal the spectrum panel’s; E-step counts and the winner agree with the table', async ({
  page,
}) => {
  // The cursor past every method's stop: the table shows each one's last row, the text its count to convergence.
  await page.goto(`/?${SMALL}&it=400`);
  await settle(page);
  await settled(page, 'winner');
  for (const [key, k] of [
    ['lambda-max', 'lam'],
    ['lambda-max-sq', 'lam2'],
    ['param-ratio', 'param'],
    ['gap-ratio', 'gap'],
  ] as const) {
    const text = await settled(page, key);
    expect(text).toMatch(/^\d\.\d{6}$/);
    await expect(panelRate(page, k)).toHaveText(text);
  }
  const methods = (await urlParams(page)).get('methods')!.split(',');
  let best: { label: string; esteps: number } | null = null;
  for (const m of methods) {
    const text = await settled(page, `esteps-${m}`);
    expect(text).toBe(await tableCell(page, m, 'E-steps'));
    const converged = (await tableCell(page, m, 'status')).startsWith('converged');
    const esteps = Number(text.replace(/,/g, ''));
    const label = (await page.locator(`tr[data-method="${m}"] th`).textContent())!.trim();
    if (converged && (!best || esteps < best.esteps)) best = { label, esteps };
  }
  // The winner, recomputed here from the table: the converged method with the fewest E-steps.
  expect(best).not.toBeNull();
  await expect(bound(page, 'winner')).toHaveText(`${best!.label}, with ${best!.esteps.toLocaleString('en-US')} E-steps`);
});

test('“make them overlap” sets the overlapping scenario (slider, URL, one history entry) and λ_max climbs past its claim', async ({
  page,
}) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const before = Number(await settled(page, 'lambda-max'));
  const historyBefore = await page.evaluate(() => history.length);
  const overlapping = PRESETS.find((p) => p.id === 'overlapping')!;
  // The threshold the scenario's caption claims, read from the caption (e.g. "λ_max > 0.99").
  const claim = Number(/λ_max > (\d\.\d+)/.exec(overlapping.caption)![1]);
  // A real button: keyboard works.
  const link = page.getByRole('button', { name: 'make them overlap', exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  const expectedSep = overlapping.apply({ ...DEFAULT_STATE, dim: 1 }).sep;
  await expect.poll(async () => Number((await urlParams(page)).get('sep'))).toBe(expectedSep);
  await expect(page.getByRole('slider', { name: 'Separation', exact: true })).toHaveValue(String(expectedSep));
  expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);
  await settle(page);
  const after = Number(await settled(page, 'lambda-max'));
  expect(after).not.toBe(before);
  expect(after).toBeGreaterThan(claim);
  await expect(panelRate(page, 'lam')).toHaveText((await bound(page, 'lambda-max').textContent()) as string);
  // And back: "separate them" makes λ_max small again.
  await page.getByRole('button', { name: 'separate them', exact: true }).click();
  await expect.poll(async () => Number((await urlParams(page)).get('sep'))).toBeGreaterThan(expectedSep);
  await settle(page);
  expect(Number(await settled(page, 'lambda-max'))).toBeLessThan(before);
});

test('“a symmetric start” sets an explicit start and the text says the components never separate', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  await expect(bound(page, 'symmetric')).toContainText('not symmetric');
  await page.getByRole('button', { name: 'a symmetric start', exact: true }).click();
  await expect.poll(async () => (await urlParams(page)).get('start')).not.toBeNull();
  const [pi, mu1, mu2, v1, v2] = (await urlParams(page)).get('start')!.split(',').map(Number);
  expect(pi).toBe(0.5);
  expect([mu1, v1]).toEqual([mu2, v2]);
  await settle(page);
  expect(await settled(page, 'symmetric')).toMatch(/symmetric: every method stopped at iteration 0, and the components never separate/);
});

test('the text toggle hides the prose and keeps every panel; it is remembered locally, not in the URL', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await settle(page);
  const toggle = page.getByRole('checkbox', { name: 'Show the text', exact: true });
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Missing information sets the rate' })).toBeVisible();
  expect(await page.locator('[data-bind]').count()).toBeGreaterThan(20);
  const urlBefore = page.url();
  await toggle.uncheck();
  await expect(page.locator('.prose')).toHaveCount(0);
  await expect(page.locator('[data-bind]')).toHaveCount(0);
  for (const name of PANELS) await expect(page.getByRole('figure', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Race at the cursor' })).toBeVisible();
  // The dense grid: Data, Log-likelihood and the spectrum side by side in the first row.
  const tops = await Promise.all(
    ['Data', 'Log-likelihood', 'Missing-information spectrum'].map(
      async (name) => (await page.getByRole('figure', { name, exact: true }).boundingBox())!.y,
    ),
  );
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(2);
  expect(page.url()).toBe(urlBefore);
  await settle(page);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Show the text', exact: true })).not.toBeChecked();
  await expect(page.locator('.prose')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Show the text', exact: true }).check();
  await expect(page.getByRole('heading', { name: 'The race' })).toBeVisible();
  await settle(page);
});

/** Every text node of the article that mentions NaN, undefined or Infinity, and how many bound values are busy. */
const scan = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('.article') ?? document.body;
    const bad: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/NaN|undefined|Infinity/.test(n.nodeValue ?? '')) bad.push(n.nodeValue!);
    return { bad, busy: root.querySelectorAll('[data-bind][aria-busy="true"]').length, bound: root.querySelectorAll('[data-bind]').length };
  });

test('no text in the article reads NaN, undefined or Infinity while the race computes and after', async ({ page }) => {
  test.setTimeout(120_000);
  // A bare visit: all seven methods (Adam included) at N = 1000, playing.
  await page.goto('/');
  let sawBusy = false;
  const sample = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end;) {
      const s = await scan(page);
      expect(s.bad).toEqual([]);
      expect(s.bound).toBeGreaterThan(20);
      sawBusy ||= s.busy > 0;
      await page.waitForTimeout(120);
    }
  };
  await sample(3000);
  // New settings mid-run: everything recomputes.
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  await slider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await sample(3000);
  expect(sawBusy, 'some bound value was sampled while still computing').toBe(true);
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pauseButton.isVisible()) await pauseButton.click();
  await settle(page, 90_000);
  await settled(page, 'winner', 90_000);
  expect((await scan(page)).bad).toEqual([]);
});

/** The angle between two SVG arrow paths' shafts ("M x0,y0 L x1,y1 …"), in degrees. */
function shaftAngle(a: string, b: string): number {
  const shaft = (d: string) => {
    const [x0, y0, x1, y1] = /M([-\d.e]+),([-\d.e]+)L([-\d.e]+),([-\d.e]+)/.exec(d)!.slice(1).map(Number);
    return [x1 - x0, y1 - y0];
  };
  const [u, v] = [shaft(a), shaft(b)];
  return (Math.atan2(Math.abs(u[0] * v[1] - u[1] * v[0]), u[0] * v[0] + u[1] * v[1]) * 180) / Math.PI;
}

test('the step arrows: EM, gradient and Newton drawn on the trajectory plane, at the angle the text states; “Show steps” hides them', async ({
  page,
}) => {
  await page.goto(`/?${SMALL}&it=12`);
  await settle(page);
  const plane = page.getByRole('figure', { name: 'Parameter trajectories', exact: true });
  const arrows = plane.locator('svg path.step-arrow');
  await expect(arrows).toHaveCount(3, { timeout: 15_000 });
  expect(await arrows.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-step')).sort())).toEqual(['em', 'grad', 'newton']);
  const angleText = await settled(page, 'step-angle');
  expect(angleText).toMatch(/^\d+\.\d°$/);
  await expect(bound(page, 'steps-at')).toHaveText(/iteration 12$/);
  expect(await settled(page, 'em-over-newton')).toMatch(/^\d/);
  const d = async (step: string) => (await plane.locator(`path.step-arrow[data-step="${step}"]`).getAttribute('d'))!;
  // The figure's arrows (screen coordinates, equal units on both axes) make the angle the text states.
  expect(shaftAngle(await d('em'), await d('grad'))).toBeCloseTo(Number(angleText.replace('°', '')), 0);
  const toggle = plane.getByRole('checkbox', { name: 'Show steps', exact: true });
  await toggle.uncheck();
  await expect(arrows).toHaveCount(0);
  await toggle.check();
  await expect(arrows).toHaveCount(3);
  // A later cursor: new steps are fetched and the text follows.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(bound(page, 'steps-at')).toHaveText(/iteration 13$/);
  await settle(page);
});

/** On screen, sections out of view are skipped (content-visibility: auto); a full-page picture needs them all rendered. */
const RENDER_ALL = '.article > * { content-visibility: visible !important; }';

test('article screenshots at 1280×800 and 390×844', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?v=1&dim=1&sep=2&it=25');
  await settle(page);
  await settled(page, 'step-angle');
  await page.screenshot({ path: 'test-results/screenshots/article-1280x800.png' });
  await page.getByRole('heading', { name: 'EM is a preconditioned gradient step' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/article-steps-1280x800.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?v=1&dim=1&sep=2&it=25');
  await settle(page);
  await page.addStyleTag({ content: RENDER_ALL });
  await page.screenshot({ path: 'test-results/screenshots/article-390x844-full.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The transport stays reachable while reading.
  await page.getByRole('heading', { name: 'The race' }).scrollIntoViewIfNeeded();
  await expect(
    page.getByRole('button', { name: 'Play', exact: true }).or(page.getByRole('button', { name: 'Pause', exact: true })),
  ).toBeInViewport();
});
