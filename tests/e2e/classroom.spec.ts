/**
 * Teaching and comfort: classroom links that hide or lock controls, scenario links, themes, and
 * the first-visit tour.
 */
import { PRESETS } from '../../src/experiment/presets';
import { expect, settle, test, urlParams } from './helpers';

const BASE = 'v=1&dim=1&n=300&sep=2&seed=3&init=2&methods=em,ecg,squarem&iters=400';

test('a classroom link hides and locks controls, and no route changes a locked setting', async ({ page }) => {
  await page.goto(`/?${BASE}&hide=stop&lock=mixture`);
  await settle(page);
  // Hidden: the Stopping group is gone. Locked: the mixture group is visible but disabled, with a note.
  await expect(page.getByRole('group', { name: /Stopping/ })).toHaveCount(0);
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  await expect(slider).toBeVisible();
  await expect(slider).toBeDisabled();
  await expect(page.getByRole('group', { name: /Mixture/ }).getByText('Locked by the link you opened.')).toBeVisible();
  // Scenarios would change the mixture: locked too.
  await expect(page.getByRole('button', { name: 'Overlapping', exact: true })).toBeDisabled();
  // The N shortcut (new data) is refused with a visible message; the seed stays.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await expect(page.getByText('This setting is locked by the link you opened.')).toBeVisible();
  expect((await urlParams(page)).get('seed')).toBe('3');
  // Unlocked groups still work, and the classroom keys stay in the address bar and in the copied link.
  await page.getByRole('checkbox', { name: 'ECG', exact: true }).uncheck();
  await expect.poll(async () => (await urlParams(page)).get('methods')).toBe('em,squarem');
  const params = await urlParams(page);
  expect(params.get('hide')).toBe('stop');
  expect(params.get('lock')).toBe('mixture');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('&hide=stop&lock=mixture');
  // The teacher's link builder is not offered to students who opened a classroom link.
  await page.keyboard.press('?');
  await expect(page.getByText(/hidden or locked by the link that opened this page/)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Lock Mixture' })).toHaveCount(0);
});

test('a teacher builds a classroom link from the help dialog', async ({ page }) => {
  await page.goto(`/?${BASE}`);
  await settle(page);
  await page.keyboard.press('?');
  await page.getByRole('checkbox', { name: 'Lock Methods', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Hide Share and download', exact: true }).check();
  await expect.poll(async () => (await urlParams(page)).get('lock')).toBe('methods');
  expect((await urlParams(page)).get('hide')).toBe('share');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: 'ECG', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Download JSON', exact: true })).toHaveCount(0);
  // A student opening that link gets the same page.
  await page.reload();
  await settle(page);
  await expect(page.getByRole('checkbox', { name: 'ECG', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Download JSON', exact: true })).toHaveCount(0);
});

test('a scenario link opens the scenario with its caption', async ({ page }) => {
  const weights = PRESETS.find((p) => p.id === 'weights')!;
  await page.goto(`/?${BASE}`);
  await settle(page);
  await page.getByRole('button', { name: weights.label, exact: true }).click();
  await expect(page.getByText(weights.caption, { exact: true })).toBeVisible();
  const href = await page.getByRole('link', { name: 'Link to this scenario' }).getAttribute('href');
  expect(href).toContain('w=0.85');
  // A fresh visit to that link: same scenario, same caption, button pressed.
  const fresh = await page.context().newPage();
  await fresh.goto(href!);
  await settle(fresh);
  await expect(fresh.getByText(weights.caption, { exact: true })).toBeVisible();
  await expect(fresh.getByRole('button', { name: weights.label, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await fresh.close();
});

test('themes: auto follows the system, a choice persists, every panel redraws in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/?${BASE}&it=20`);
  await settle(page);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const bodyBg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await theme()).toBe('dark');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  expect(await theme()).toBe('light');
  expect(await bodyBg()).toBe('rgb(255, 255, 255)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await page.reload();
  await settle(page);
  expect(await theme()).toBe('dark');
  const [r, g, b] = (await bodyBg()).match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(150);
  // The contour canvas was redrawn with the dark theme's colours: its corner pixel is dark.
  const corner = await page
    .getByRole('figure', { name: 'Parameter trajectories', exact: true })
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(2, 2, 1, 1).data));
  expect(corner[3] === 0 || corner[0] + corner[1] + corner[2] < 300).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/dark-1280x800.png' });
  await expect(page.getByText('NaN')).toHaveCount(0);
});

test('the first-visit tour: steps through, can be skipped, and never shows again once dismissed', async ({ page }) => {
  // The tour stays out of automated browsers; this test plays a human visitor.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  await page.goto(`/?${BASE}`);
  const tour = page.getByRole('dialog', { name: 'A race' });
  await expect(tour).toBeVisible();
  await expect(page.locator('.tour-target')).toHaveCount(1);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'The data and the fits' })).toBeVisible();
  await expect(page.locator('figure[aria-label="Data"]')).toHaveClass(/tour-target/);
  // The page stays usable while the tour is open (non-modal).
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Skip tour', exact: true }).click();
  await expect(page.locator('.tour')).toHaveCount(0);
  await expect(page.locator('.tour-target')).toHaveCount(0);
  await page.reload();
  await settle(page);
  await expect(page.locator('.tour')).toHaveCount(0);
  // Help can replay it.
  await page.keyboard.press('?');
  await page.getByRole('button', { name: 'Take the tour again', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'A race' })).toBeVisible();
});
