/** Shared helpers for the browser tests: page-error guard, "all panels drawn", status reading. */
import { expect, test as base, type Page } from '@playwright/test';

export const PANELS = ['Data', 'Log-likelihood', 'Missing-information spectrum', 'Parameter trajectories', 'Entropy'] as const;

/** A test whose page fails it on any uncaught page error. */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await use(errors);
      expect(errors.map((e) => e.message), 'uncaught errors in the page').toEqual([]);
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

/** The iteration the status region reports. */
export async function statusIteration(page: Page): Promise<number> {
  const text = (await status(page).textContent()) ?? '';
  const m = /Iteration (\d+)/.exec(text);
  if (!m) throw new Error(`no "Iteration k" in status: ${text}`);
  return Number(m[1]);
}

/** The query string currently in the address bar, as a map. */
export async function urlParams(page: Page): Promise<URLSearchParams> {
  return new URL(page.url()).searchParams;
}

/** Text of the readout table's body (every method's numbers at the cursor). */
export const readout = (page: Page) => page.getByRole('region', { name: 'Race at the cursor' }).locator('tbody').innerText();
