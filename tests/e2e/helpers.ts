/** Shared helpers for the browser tests: page-error guard, "all panels drawn", status reading. */
import { expect, test as base, type Page } from '@playwright/test';
import { PANEL_NAMES } from '../../src/ui/panels/panel-table';

/** The race's panels by accessible name, in the dense grid's order (the app's panel table). */
export const PANELS = PANEL_NAMES;

/** A test whose page fails it on any uncaught page error. */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await use(errors);
      expect(
        errors.map((e) => e.message),
        'uncaught errors in the page',
      ).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits two animation frames (the frame loop has drawn the latest state), then for every panel to be drawn. */
export async function settle(page: Page, timeout = 45_000): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const name of PANELS) {
    await expect(page.getByRole('figure', { name, exact: true })).toHaveAttribute('aria-busy', 'false', { timeout });
  }
}

export const status = (page: Page) => page.getByRole('status');

/** The iteration the status region reports; −1 before it reports one (the first frame has not drawn yet), so a poll keeps polling. */
export async function statusIteration(page: Page): Promise<number> {
  const text = (await status(page).textContent()) ?? '';
  const m = /Iteration (\d+)/.exec(text);
  return m ? Number(m[1]) : -1;
}

/** The query string currently in the address bar, as a map. */
export async function urlParams(page: Page): Promise<URLSearchParams> {
  return new URL(page.url()).searchParams;
}

/** Text of the readout table's body (every method's numbers at the cursor). */
export const readout = (page: Page) => page.getByRole('region', { name: 'Race at the cursor' }).locator('tbody').innerText();

/** The run state the app exposes for tests (`window.__emLab`, the store). */
type RunWindow = { __emLab: { getState(): { run: { done: boolean; phases?: Record<string, number> } } } };

/** The worker's stage marks for the run on screen (`kept`, `keptRows`, `guessed`, …): what the tests may ask of its work. */
export const runPhases = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => (window as unknown as RunWindow).__emLab.getState().run.phases ?? {});

/** Until the race on screen has run every method to its stop. */
export async function raceDone(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as RunWindow).__emLab.getState().run.done, null, { timeout });
}
