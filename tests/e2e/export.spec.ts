/**
 * Panel exports in Chromium: every panel's SVG and PNG buttons download a file; the SVG is valid
 * standalone XML that draws the panel (canvas layers as PNG images, the on-screen tick labels,
 * inlined styles, provenance); the PNG is a real PNG at 2× the SVG's size, not blank, with
 * provenance text chunks. One SVG and one PNG are kept under test-results/exports/ to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { readPngText } from '../../src/ui/export/png-text';
import { PANELS, expect, settle, test } from './helpers';
import { queryWith } from '../query';

const QUERY = queryWith({
  n: 300,
  sep: 2,
  seed: 3,
  init: 2,
  methods: ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'],
  iters: 400,
  it: 12,
});
const PACKAGE_VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version;
const OUT = 'test-results/exports';

async function exportPanel(page: Page, panel: string, format: 'SVG' | 'PNG'): Promise<{ download: Download; bytes: Buffer }> {
  const figure = page.getByRole('figure', { name: panel, exact: true });
  await figure.getByRole('button', { name: `Export ${panel} panel`, exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('menuitem', { name: `Download ${panel} panel as ${format}`, exact: true }).click(),
  ]);
  return { download, bytes: readFileSync((await download.path())!) };
}

/** What the page's own XML parser makes of the SVG text, and what it contains. */
async function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const images = [...doc.getElementsByTagName('image')].map(
      (im) => im.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? im.getAttribute('href') ?? '',
    );
    const styled = (sel: string, prop: string) =>
      [...doc.querySelectorAll(sel)].filter((el) => (el.getAttribute('style') ?? '').includes(`${prop}:`)).length;
    return {
      parseError: doc.getElementsByTagName('parsererror').length > 0 ? doc.getElementsByTagName('parsererror')[0].textContent : null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox'),
      texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? ''),
      images,
      strokedPaths: styled('path, line', 'stroke'),
      styledTexts: styled('text', 'font-family'),
      metadata: doc.getElementById('em-lab-provenance')?.textContent ?? null,
      classes: doc.querySelectorAll('[class]').length,
    };
  }, svg);
}

/** The tick labels of a panel's SVG axes as they are on screen. */
const tickTexts = (page: Page, panel: string) =>
  page
    .getByRole('figure', { name: panel, exact: true })
    .locator('.tick text')
    .evaluateAll((els) => els.map((e) => e.textContent ?? '').filter(Boolean));

test.beforeEach(async ({ page }) => {
  await page.goto(`/?${QUERY}`);
  await settle(page);
});

for (const panel of ['Data', 'Log-likelihood'] as const) {
  test(`${panel}: the SVG export is a standalone SVG of what is on screen`, async ({ page }) => {
    const { download, bytes } = await exportPanel(page, panel, 'SVG');
    expect(download.suggestedFilename()).toMatch(new RegExp(`^em-lab-${panel.toLowerCase()}-seed3-[0-9a-f]{8}\\.svg$`));
    const text = bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const svg = await inspectSvg(page, text);
    expect(svg.parseError).toBeNull();
    expect(svg.root).toBe('svg');
    expect(svg.ns).toBe('http://www.w3.org/2000/svg');
    expect(text).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    expect(svg.width).toBeGreaterThan(100);
    expect(svg.height).toBeGreaterThan(100);
    expect(svg.viewBox).toBe(`0 0 ${svg.width} ${svg.height}`);
    // The lines are drawn on canvases: each is an embedded PNG, and not an empty one.
    expect(svg.images.length).toBeGreaterThanOrEqual(1);
    for (const href of svg.images) {
      expect(href.startsWith('data:image/png;base64,')).toBe(true);
      expect(href.length).toBeGreaterThan(2000);
    }
    // Every tick label on screen, the title, and styles that do not depend on the page's CSS.
    const ticks = await tickTexts(page, panel);
    expect(ticks.length).toBeGreaterThan(4);
    for (const t of ticks) expect(svg.texts).toContain(t);
    expect(svg.texts).toContain(panel);
    expect(svg.strokedPaths).toBeGreaterThan(4);
    expect(svg.styledTexts).toBeGreaterThan(4);
    expect(svg.classes).toBe(0);
    // Provenance: the app version, the seeds and the query of the moment.
    const meta = JSON.parse(svg.metadata!);
    expect(meta).toMatchObject({ schema: 'em-lab/figure@1', app: PACKAGE_VERSION, seeds: { data: 3, init: 2 }, query: QUERY, panel });
    if (panel === 'Data') {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(`${OUT}/data.svg`, text);
    }
  });
}

/** Decodes a PNG in the page: its size, and how many pixels differ from its top-left (background) pixel. */
async function decodePng(page: Page, bytes: Buffer) {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let other = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) other++;
      if (i % 64 === 0) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: bitmap.width, height: bitmap.height, other, pixels: data.length / 4, colours: colours.size };
  }, bytes.toString('base64'));
}

for (const panel of ['Data', 'Log-likelihood'] as const) {
  test(`${panel}: the PNG export is a PNG at 2× the figure, not blank, with provenance`, async ({ page }) => {
    const { width, height } = await inspectSvg(page, (await exportPanel(page, panel, 'SVG')).bytes.toString('utf8'));
    const { download, bytes } = await exportPanel(page, panel, 'PNG');
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const png = await decodePng(page, bytes);
    expect([png.width, png.height]).toEqual([2 * width, 2 * height]);
    // The export frames the panel's plot area: at least as wide as its widest chart on screen.
    const plotWidth = await page
      .getByRole('figure', { name: panel, exact: true })
      .locator('svg.chart')
      .evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().width)));
    expect(width).toBeGreaterThanOrEqual(Math.floor(plotWidth));
    // Drawn, not blank: many pixels differ from the background and there are several colours.
    expect(png.other / png.pixels).toBeGreaterThan(0.02);
    expect(png.colours).toBeGreaterThan(8);
    const text = readPngText(new Uint8Array(bytes));
    expect(text.Software).toBe(`EM Lab ${PACKAGE_VERSION}`);
    expect(JSON.parse(text.Comment)).toMatchObject({ seeds: { data: 3, init: 2 }, query: QUERY, panel });
    if (panel === 'Data') {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(`${OUT}/data.png`, bytes);
    }
  });
}

/**
 * The exported drawing against the page: the plot area of the SVG (rasterised by the page at 1×)
 * and a screenshot of the same area on screen, pixel by pixel.
 */
for (const panel of ['Data', 'Log-likelihood', 'Parameter trajectories'] as const) {
  test(`${panel}: the SVG export looks like the panel on screen`, async ({ page }) => {
    const figure = page.getByRole('figure', { name: panel, exact: true });
    // In the article the panel may be below the fold, and the sticky transport bar covers the top of
    // the viewport: centre the panel, then let a frame render it.
    await figure.evaluate((fig) => fig.scrollIntoView({ block: 'center' }));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // The plot area: everything between the header and the caption.
    const area = await figure.evaluate((fig) => {
      const rects = [...fig.children].filter((el) => !el.matches('.panel-head, figcaption')).map((el) => el.getBoundingClientRect());
      const left = Math.min(...rects.map((r) => r.left));
      const top = Math.min(...rects.map((r) => r.top));
      return {
        x: left,
        y: top,
        width: Math.max(...rects.map((r) => r.right)) - left,
        height: Math.max(...rects.map((r) => r.bottom)) - top,
      };
    });
    const shot = await page.screenshot({ clip: area });
    const svg = (await exportPanel(page, panel, 'SVG')).bytes.toString('utf8');
    const diff = await page.evaluate(
      async ({ svg, shot, w, h }) => {
        const pixels = async (src: CanvasImageSource, sx: number, sy: number) => {
          const c = new OffscreenCanvas(w, h);
          const ctx = c.getContext('2d')!;
          ctx.drawImage(src, sx, sy, w, h, 0, 0, w, h);
          return ctx.getImageData(0, 0, w, h).data;
        };
        const screen = await pixels(await createImageBitmap(await (await fetch(`data:image/png;base64,${shot}`)).blob()), 0, 0);
        const img = new Image();
        img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        await img.decode();
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const [tx, ty] = (/translate\(([\d.]+),([\d.]+)\)/.exec(doc.querySelector('svg > g')!.getAttribute('transform')!) ?? [])
          .slice(1)
          .map(Number);
        const exported = await pixels(img, tx, ty);
        let sum = 0;
        let far = 0;
        for (let i = 0; i < screen.length; i += 4) {
          const d =
            (Math.abs(screen[i] - exported[i]) + Math.abs(screen[i + 1] - exported[i + 1]) + Math.abs(screen[i + 2] - exported[i + 2])) / 3;
          sum += d;
          if (d > 64) far++;
        }
        return { mean: sum / (screen.length / 4), far: far / (screen.length / 4) };
      },
      { svg, shot: shot.toString('base64'), w: Math.floor(area.width), h: Math.floor(area.height) },
    );
    // Antialiasing and sub-pixel text positions differ a little; wrong colours, fonts or offsets differ a lot.
    expect(diff.mean, JSON.stringify(diff)).toBeLessThan(4);
    expect(diff.far, JSON.stringify(diff)).toBeLessThan(0.02);
  });
}

test('every panel exports as SVG and PNG without an error', async ({ page }) => {
  test.setTimeout(120_000);
  for (const panel of PANELS) {
    for (const format of ['SVG', 'PNG'] as const) {
      const { bytes } = await exportPanel(page, panel, format);
      if (format === 'SVG') {
        const svg = await inspectSvg(page, bytes.toString('utf8'));
        expect(svg.parseError, panel).toBeNull();
        expect(svg.texts, panel).toContain(panel);
      } else expect(bytes.subarray(1, 4).toString('latin1'), panel).toBe('PNG');
    }
    await expect(page.getByRole('figure', { name: panel, exact: true }).getByRole('alert')).toHaveCount(0);
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/spectrum.png`, (await exportPanel(page, 'Missing-information spectrum', 'PNG')).bytes);
  writeFileSync(`${OUT}/trajectories.png`, (await exportPanel(page, 'Parameter trajectories', 'PNG')).bytes);
});

test('2D: the Data panel’s points canvas is in the SVG export', async ({ page }) => {
  await page.goto(`/?${QUERY.replace('dim=1', 'dim=2').replace('vr=1&', 'vr=1&aspect=0.5&rot=30&')}`);
  await settle(page);
  const svg = await inspectSvg(page, (await exportPanel(page, 'Data', 'SVG')).bytes.toString('utf8'));
  expect(svg.parseError).toBeNull();
  expect(svg.images).toHaveLength(1);
  expect(svg.images[0].length).toBeGreaterThan(5000); // 300 coloured points and the ellipses
  for (const t of await tickTexts(page, 'Data')) expect(svg.texts).toContain(t);
});

test('a failing export shows a message in the panel and leaves the page working', async ({ page }) => {
  // Encoding a PNG fails when the canvas is too large for the browser: simulate it.
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
      callback(null);
    };
  });
  const figure = page.getByRole('figure', { name: 'Entropy', exact: true });
  await figure.getByRole('button', { name: 'Export Entropy panel', exact: true }).click();
  await figure.getByRole('menuitem', { name: 'Download Entropy panel as PNG', exact: true }).click();
  await expect(figure.getByRole('alert')).toContainText(/^PNG export failed: the \d+×\d+ image is too large to encode/);
  await figure.getByRole('button', { name: 'Close the export message' }).click();
  await expect(figure.getByRole('alert')).toHaveCount(0);
  // The page goes on working, and the SVG export (no PNG encoding) still works.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Iteration 13.');
  const { bytes } = await exportPanel(page, 'Entropy', 'SVG');
  expect(bytes.toString('utf8')).toContain('<svg');
});

test('the export menu works from the keyboard and keeps its keys from the page shortcuts', async ({ page }) => {
  const figure = page.getByRole('figure', { name: 'Log-likelihood', exact: true });
  const trigger = figure.getByRole('button', { name: 'Export Log-likelihood panel', exact: true });
  await trigger.focus();
  await page.keyboard.press('ArrowDown');
  const svgItem = figure.getByRole('menuitem', { name: 'Download Log-likelihood panel as SVG', exact: true });
  const pngItem = figure.getByRole('menuitem', { name: 'Download Log-likelihood panel as PNG', exact: true });
  await expect(svgItem).toBeFocused();
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(pngItem).toBeFocused();
  await page.keyboard.press('ArrowDown'); // wraps around
  await expect(svgItem).toBeFocused();
  // → inside the menu is not the "step" shortcut.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status')).toContainText('Iteration 12.');
  await page.keyboard.press('Escape');
  await expect(figure.getByRole('menu')).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(pngItem).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^em-lab-log-likelihood-seed3-[0-9a-f]{8}\.png$/);
  await expect(figure.getByRole('menu')).toHaveCount(0);
  await expect(trigger).toBeFocused();
});
