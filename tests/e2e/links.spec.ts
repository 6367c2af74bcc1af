/**
 * Links the engine would refuse or that lack their version (issue "no link runs the wrong experiment"):
 * a start below the data's variance floor is dropped with a notice naming the value and the rule, and
 * the race runs from the seeded start; a link without `v` is read as version 1 and says so.
 */
import { PANELS, expect, settle, status, test, urlParams } from './helpers';
import { queryWith } from '../query';

const notice = (page: import('@playwright/test').Page) => page.getByRole('alert').filter({ hasText: 'repairs' });

test('1D: a start below the variance floor is dropped with a notice, and every figure is drawn', async ({ page }) => {
  await page.goto(`/?${queryWith({ n: 300, iters: 200 })}&start=0.5,1e308,-1e308,1e-300,1e300`);
  await expect(notice(page)).toContainText('variance v1 = 1e-300 is below the floor');
  await expect(notice(page)).toContainText('for these data; the start was dropped');
  await settle(page);
  for (const name of PANELS) await expect(page.getByRole('figure', { name, exact: true })).toHaveAttribute('aria-busy', 'false');
  expect((await urlParams(page)).get('start')).toBeNull(); // the seeded start runs, and the address bar says so
  await expect(page.getByText('NaN')).toHaveCount(0);
  await expect(status(page)).not.toContainText('failed');
});

test('2D: a covariance below the floor is dropped the same way', async ({ page }) => {
  await page.goto(`/?${queryWith({ dim: 2, n: 300, iters: 200 })}&start=0.5,0,0,1,0,1e-9,0,1e-9,1,0,1`);
  await expect(notice(page)).toContainText('covariance Σ1 has smallest eigenvalue 1e-9, below the floor');
  await settle(page);
  for (const name of PANELS) await expect(page.getByRole('figure', { name, exact: true })).toHaveAttribute('aria-busy', 'false');
  expect((await urlParams(page)).get('start')).toBeNull();
});

test('a link without v opens as version 1, with a notice that says so', async ({ page }) => {
  await page.goto('/?n=500&sep=3');
  await expect(notice(page)).toContainText('no version given; read as version 1');
  await settle(page);
  const q = await urlParams(page);
  expect([q.get('v'), q.get('n'), q.get('sep')]).toEqual(['1', '500', '3']);
});
