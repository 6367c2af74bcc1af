import { chromium } from '@playwright/test';
const [,, query, out, w = '1280', h = '800', wait = '6000', what = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
await page.goto(`http://127.0.0.1:${process.env.PORT ?? 4216}/?${query}`);
await page.waitForTimeout(+wait);
if (what === 'full') await page.screenshot({ path: out, fullPage: true });
else if (what) { const f = page.getByRole('figure', { name: what, exact: true }); await f.scrollIntoViewIfNeeded(); await page.waitForTimeout(800); await f.screenshot({ path: out }); }
else await page.screenshot({ path: out });
const nan = await page.evaluate(() => /NaN|undefined|Infinity/.test(document.body.innerText));
console.log(JSON.stringify({ errors, nan, status: await page.getByRole('status').textContent() }));
await browser.close();
