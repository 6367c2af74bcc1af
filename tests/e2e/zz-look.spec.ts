import { test } from '@playwright/test';
import { settle } from './helpers';
const Q = 'v=1&dim=1&n=300&sep=2&w=0.5&vr=1&seed=3&init=2&methods=em,grad,ecg,hybrid,squarem,newton&tau=0.5&burn=5&iters=400&gstep=0&lr=0.05&opt=adam&tol=1e-9&gtol=1e-6&floor=1e-6&it=12';
test('shots', async ({ page }) => {
  await page.goto('/?' + Q);
  await settle(page);
  await page.screenshot({ path: 'test-results/look/desktop.png' });
  await page.getByRole('button', { name: 'Export Data panel', exact: true }).click();
  await page.getByRole('figure', { name: 'Data', exact: true }).screenshot({ path: 'test-results/look/data-menu.png' });
  await page.keyboard.press('Escape');
  await page.getByRole('figure', { name: 'Missing-information spectrum', exact: true }).screenshot({ path: 'test-results/look/spectrum-screen.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page);
  await page.screenshot({ path: 'test-results/look/phone.png', fullPage: true });
  for (const [i, name] of ['Log-likelihood', 'Missing-information spectrum'].entries()) {
    const f = page.getByRole('figure', { name, exact: true });
    await f.scrollIntoViewIfNeeded();
    const box = (await f.boundingBox())!;
    await page.screenshot({ path: `test-results/look/phone-head-${i}.png`, clip: { x: 0, y: box.y - 10, width: 390, height: 160 } });
  }
});
