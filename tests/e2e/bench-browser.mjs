#!/usr/bin/env node
/**
 * Browser benchmark (`npm run bench:browser`): prints numbers, asserts nothing.
 *
 *  1. Builds the app (unless --no-build) and serves it with `vite preview` on its own port.
 *  2. N = 2000, all seven methods. p50/p95/max from a separation-slider `input` event to every
 *     panel drawn again (all figures aria-busy="false" and the app's `em-lab:drawn` mark for the
 *     new settings), over isolated inputs (each once the previous result is on screen and the page
 *     has been left alone for --pause ms) at the start (it = 0) and mid-run (it = 20), and over
 *     back-to-back inputs at the start; and to the end of the rendering frame that shows the drawing.
 *     Each input goes to a separation new to the page and two slider steps from the last (the worker
 *     keeps left races and guesses the next step either side), except in the last two series: back
 *     and forth between two separations (kept races), and one step up after 1 s still (guessed ones).
 *  3. Long tasks (PerformanceObserver 'longtask', > 50 ms) during a 3 s mouse drag of the slider
 *     and during 8 s of play; history writes during the drag.
 *  4. Initial JavaScript: gzip size of the entry chunks index.html loads (tfjs excluded by design),
 *     plus the worker and tfjs chunks for reference.
 *
 * Options: --no-build, --samples=N (default 40), --pause=MS (default 200), --port=P (default 4179), --dump (every sample's
 * stages, slowest first, for the cursor-0 series).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

/** The race's panels by accessible name (the app's panel table; the page has other figures: sweeps). */
const { PANEL_NAMES } = await tsImport('../../src/ui/panels/panel-table.ts', import.meta.url);

const args = new Map(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? true]),
);
const PORT = Number(args.get('port') ?? 4179);
const SAMPLES = Number(args.get('samples') ?? 40);
const PAUSE_MS = Number(args.get('pause') ?? 200);
/** Stillness before a one-step nudge: the look-ahead, then the two guessed neighbours at half duty. */
const NUDGE_PAUSE_MS = 1000;
const ROOT = new URL('../../', import.meta.url).pathname;
const BASE = `http://127.0.0.1:${PORT}`;

/** Chromium launch options: the same as playwright.config.ts (read from it, so they stay in sync). */
function launchOptions() {
  const config = readFileSync(join(ROOT, 'playwright.config.ts'), 'utf8');
  const block = /args:\s*\[([\s\S]*?)\]/.exec(config)?.[1] ?? '';
  const launchArgs = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...(launchArgs.length ? launchArgs : ['--headless', '--no-sandbox', '--disable-gpu']),
      ...(process.env.BENCH_CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean),
    ],
  };
}

function build() {
  console.error('building (vite build)…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function startPreview() {
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  process.kill(-child.pid);
  throw new Error(`vite preview did not start on ${BASE}`);
}

/** Initial JS = the module script and modulepreloads of dist/index.html (what the page loads before any import()). */
function bundleSizes() {
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f) => gzipSync(readFileSync(join(dist, f))).length;
  const raw = (f) => readFileSync(join(dist, f)).length;
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const rows = entry.map((f) => ({ chunk: f, raw: raw(f), gzip: gz(f), initial: true }));
  for (const f of assets)
    if (!entry.includes(`assets/${f}`))
      rows.push({ chunk: `assets/${f}`, raw: raw(`assets/${f}`), gzip: gz(`assets/${f}`), initial: false });
  return rows;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};

/** In-page: long-task observer and history-call counters, installed before the app loads. */
function instrument() {
  window.__bench = { longTasks: [], replace: 0, push: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const rs = history.replaceState.bind(history);
  const ps = history.pushState.bind(history);
  history.replaceState = (...a) => (window.__bench.replace++, rs(...a));
  history.pushState = (...a) => (window.__bench.push++, ps(...a));
}

/**
 * Sets the separation through the native input path (React sees a real `input` event); resolves with
 * input → drawn latencies: `fastMs` to the first frame with every panel drawn except deferred lanes
 * (Adam) still filling in ('em-lab:drawn-fast'), `ms` to every panel drawn with every lane up to the
 * cursor (all figures aria-busy="false" and 'em-lab:drawn'), plus where the time went: main-thread
 * marks (header received, rows received), worker stage times and each panel's draw in those frames.
 */
function inputToDrawn({ sep, panels }) {
  return new Promise((resolve, reject) => {
    const el = [...document.querySelectorAll('input[type=range]')].find((i) => i.labels?.[0]?.textContent?.startsWith('Separation'));
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const figures = panels.map((n) => document.querySelector(`figure[aria-label="${n}"]`));
    const t0 = performance.now();
    let epoch = -1;
    const timer = setTimeout(() => reject(new Error('not drawn within 30 s')), 30_000);
    const at = (name) => performance.getEntriesByName(name).find((m) => m.startTime > t0 && m.detail?.epoch === epoch);
    const check = () => {
      const hit = at('em-lab:drawn');
      if (!hit || !figures.every((f) => f.getAttribute('aria-busy') === 'false')) return;
      obs.disconnect();
      clearTimeout(timer);
      const ph = window.__emLab.getState().run.phases ?? {};
      const fast = at('em-lab:drawn-fast');
      const rel = (m) => (m ? m.startTime - t0 : NaN);
      const result = {
        ms: hit.startTime - t0,
        fastMs: rel(fast ?? hit),
        headerMs: rel(at('em-lab:header')),
        rowsMs: rel(at('em-lab:rows')),
        draws: hit.detail.draws,
        fastDraws: (fast ?? hit).detail.draws,
        phases: ph,
        receivedMs: ph.receivedAt - (performance.timeOrigin + t0),
      };
      // A task posted from the next animation frame runs once that frame's layout, paint and commit
      // are done: the drawing has then been handed to the compositor (raster and display follow).
      requestAnimationFrame(() => setTimeout(() => resolve({ ...result, screenMs: performance.now() - t0 }), 0));
    };
    const obs = new PerformanceObserver(check);
    obs.observe({ type: 'mark' });
    setter.call(el, String(sep));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    epoch = window.__emLab.getState().run.epoch;
  });
}

async function waitDrawn(page) {
  await page.waitForFunction(
    (panels) => {
      const figs = panels.map((n) => document.querySelector(`figure[aria-label="${n}"]`));
      return figs.every((f) => f && f.getAttribute('aria-busy') === 'false');
    },
    PANEL_NAMES,
    { timeout: 60_000 },
  );
}

/** Until the page has rendered what it drew (two animation frames), then `ms` more. */
const settle = (ms) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ms))));

/**
 * Separations a sample never had before in its page, two slider steps apart (2.4, 2.6, 2.3, …, 0.5, 4.5):
 * neither a kept race nor the worker's guess of the next notch (one step either side of the
 * previous value) can answer them.
 */
const freshSep = (i) => 2.5 + 0.1 * Math.ceil((i + 1) / 2) * (i % 2 ? 1 : -1);
/** One slider step up each time (2.55, 2.60, …): after a pause the worker has usually guessed it. */
const nudgeSep = (i) => 2.5 + 0.05 * (i + 1);
/** Back and forth between two separations: after the first two inputs each one returns to a kept race. */
const revisitSep = (i) => 2.5 + 0.05 * (i % 2 ? 1 : -1);

/**
 * `pauseMs` null: back to back, the next input as soon as the previous one is drawn (its
 * rendering and the worker's follow-up work then fall into the next sample, as in a fast
 * keyboard repeat). A number: isolated inputs, each after the previous result is on screen and
 * the page has been left alone for that long (speculative work may be running, as for a user).
 */
async function latencySeries(page, it, methods = '', pauseMs = PAUSE_MS, sepOf = freshSep, warmUp = 0) {
  await page.goto(`${BASE}/?v=1&n=2000&it=${it}${methods ? `&methods=${methods}` : ''}`);
  await waitDrawn(page);
  // Let the λ curve and look-ahead finish so they do not compete with the first samples.
  await page.waitForFunction(() => window.__emLab.getState().run.idle, null, { timeout: 120_000 }).catch(() => {});
  const out = [];
  for (let i = 0; i < SAMPLES + warmUp; i++) {
    if (pauseMs !== null) await page.evaluate(settle, pauseMs);
    const sample = await page.evaluate(inputToDrawn, { sep: Number(sepOf(i).toFixed(2)), panels: PANEL_NAMES });
    if (i >= warmUp) out.push(sample);
  }
  return out;
}

async function dragAndPlay(page) {
  await page.goto(`${BASE}/?v=1&n=2000`);
  await waitDrawn(page);
  const slider = page.getByRole('slider', { name: 'Separation', exact: true });
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const [min, max, value] = await slider.evaluate((el) => [+el.min, +el.max, +el.value]);
  const xAt = (v) => box.x + 8 + ((v - min) / (max - min)) * (box.width - 16);
  await page.evaluate(() => {
    window.__bench.longTasks = [];
    window.__bench.replace = 0;
    window.__bench.push = 0;
  });
  // 3 s back and forth between separations 1.5 and 4.
  await page.mouse.move(xAt(value), y);
  await page.mouse.down();
  const t0 = Date.now();
  let k = 0;
  while (Date.now() - t0 < 3000) {
    const phase = (k++ % 90) / 90;
    const v = 1.5 + 2.5 * (phase < 0.5 ? 2 * phase : 2 - 2 * phase);
    await page.mouse.move(xAt(v), y);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const releasedAt = await page.evaluate(() => performance.now());
  await waitDrawn(page);
  const afterRelease = (await page.evaluate(() => performance.now())) - releasedAt;
  const drag = await page.evaluate(() => ({ ...window.__bench, longTasks: [...window.__bench.longTasks] }));

  await page.evaluate(() => (window.__bench.longTasks = []));
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('100');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const itStart = await page.evaluate(() => window.__emLab.getState().config.it);
  await page.waitForTimeout(8000);
  const itEnd = await page.evaluate(() => window.__emLab.getState().config.it);
  // Playback pauses by itself at the end of a finished race.
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pauseButton.isVisible()) await pauseButton.click();
  const play = await page.evaluate(() => [...window.__bench.longTasks]);
  return { drag, dragMoves: k, afterRelease, play, playIterations: itEnd - itStart };
}

async function main() {
  if (!args.has('no-build')) build();
  const server = await startPreview();
  const profile = mkdtempSync(join(tmpdir(), 'em-lab-bench-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions(), viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(instrument);

    const at0 = await latencySeries(page, 0);
    if (args.has('dump')) {
      console.log('\n## cursor 0, every sample (ms after the input; worker stages after it received the settings)\n');
      console.log('| drawn | received | worker built | worker contours | header | draws |\n|---|---|---|---|---|---|');
      for (const s of [...at0].sort((a, b) => b.ms - a.ms))
        console.log(
          `| ${s.ms.toFixed(1)} | ${s.receivedMs.toFixed(1)} | ${(s.phases.build ?? NaN).toFixed(1)} | ${(s.phases.contours ?? NaN).toFixed(1)} | ${s.headerMs.toFixed(1)} | ${Object.values(
            s.draws ?? {},
          )
            .reduce((a, b) => a + b, 0)
            .toFixed(1)} |`,
        );
    }
    const back0 = await latencySeries(page, 0, '', null);
    const at20 = await latencySeries(page, 20);
    const noAdam20 = await latencySeries(page, 20, 'em,grad,ecg,hybrid,squarem,newton');
    const revisit20 = await latencySeries(page, 20, '', PAUSE_MS, revisitSep, 2);
    const nudge20 = await latencySeries(page, 20, '', NUDGE_PAUSE_MS, nudgeSep);
    const dp = await dragAndPlay(page);

    const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
    const row = (name, xs) =>
      `| ${name} | ${xs.length} | ${fmt(quantile(xs, 0.5))} | ${fmt(quantile(xs, 0.95))} | ${fmt(Math.max(...xs))} |`;
    console.log(
      `\n## Separation input → every panel drawn again (N = 2000, 7 methods, ms; isolated inputs: each ${PAUSE_MS} ms after the previous result is on screen)`,
    );
    console.log('Worker lines: when each stage finished, ms after the worker received the settings. Main lines: ms after the input.\n');
    console.log('| case | samples | p50 | p95 | max |\n|---|---|---|---|---|');
    const series = [
      ['cursor at iteration 0', at0],
      ['cursor at iteration 0, back to back (next input as soon as drawn)', back0],
      ['cursor at iteration 20', at20],
      ['cursor at iteration 20, Adam off (6 methods)', noAdam20],
      ['cursor at iteration 20, back to the previous separation (a kept race)', revisit20],
      [`cursor at iteration 20, one slider step up after ${NUDGE_PAUSE_MS} ms still (the worker's guess)`, nudge20],
    ];
    const ph = (k) => (s) => s.phases[k] ?? NaN;
    for (const [name, xs] of series) {
      console.log(
        row(
          `**${name}: all lanes drawn**`,
          xs.map((s) => s.ms),
        ),
      );
      console.log(
        row(
          `**${name}: all but deferred lanes (Adam) drawn**`,
          xs.map((s) => s.fastMs),
        ),
      );
      console.log(
        row(
          '  main: the frame showing all lanes rendered (layout, paint, commit)',
          xs.map((s) => s.screenMs),
        ),
      );
      console.log(
        row(
          '  main: header (race built) received',
          xs.map((s) => s.headerMs),
        ),
      );
      console.log(
        row(
          "  main: every lane's rows to the cursor received",
          xs.map((s) => s.rowsMs),
        ),
      );
      console.log(
        `|   worker: answered by a kept (left or guessed) race | ${xs.filter((s) => s.phases.kept).length} of ${xs.length} | | | |`,
      );
      console.log(
        row(
          '  worker: settings received',
          xs.map((s) => s.receivedMs),
        ),
      );
      for (const [k, label] of [
        ['data', 'data + model + start'],
        ['optimum', 'θ* computed'],
        ['lanes', 'method lanes set up'],
        ['build', 'race built'],
        ['rowsFast', 'non-deferred rows up to the cursor'],
        ['contours', 'coarse contour grid'],
        ['rows', 'all rows up to the cursor'],
      ])
        console.log(row(`  worker: ${label}`, xs.map(ph(k))));
      // The deferred lanes come last: their rows alone are the time from the coarse grid to all rows.
      // Nothing on the main thread can make "all lanes drawn" faster than this (plus the build).
      if (xs.some((s) => s.phases.rows - s.phases.contours > 1))
        console.log(
          row(
            '  worker: deferred lanes (Adam) alone, from the coarse grid to all rows',
            xs.map((s) => s.phases.rows - s.phases.contours),
          ),
        );
      const panels = [...new Set(xs.flatMap((s) => Object.keys(s.draws ?? {})))];
      for (const p of panels)
        console.log(
          row(
            `  main: draw ${p} (final frame)`,
            xs.map((s) => s.draws?.[p] ?? NaN),
          ),
        );
      console.log(
        row(
          '  main: all panels drawn (final frame)',
          xs.map((s) => Object.values(s.draws ?? {}).reduce((a, b) => a + b, 0)),
        ),
      );
    }

    const lt = (xs) => `${xs.length} (longest ${xs.length ? fmt(Math.max(...xs.map((t) => t.duration))) : '—'} ms)`;
    console.log('\n## Main thread while interacting\n');
    console.log('| phase | long tasks > 50 ms | notes |\n|---|---|---|');
    console.log(
      `| 3 s mouse drag of the separation slider | ${lt(dp.drag.longTasks)} | ${dp.dragMoves} pointer moves; replaceState ${dp.drag.replace}, pushState ${dp.drag.push}; all panels drawn ${fmt(dp.afterRelease)} ms after release |`,
    );
    console.log(`| 8 s play at 100 it/s | ${lt(dp.play)} | cursor advanced ${dp.playIterations} iterations |`);

    const sizes = bundleSizes();
    const initial = sizes.filter((s) => s.initial);
    console.log('\n## JavaScript (gzip)\n');
    console.log('| chunk | loaded | raw kB | gzip kB |\n|---|---|---|---|');
    for (const s of sizes)
      console.log(
        `| ${s.chunk} | ${s.initial ? 'initially' : 'on demand'} | ${(s.raw / 1024).toFixed(1)} | ${(s.gzip / 1024).toFixed(1)} |`,
      );
    console.log(
      `\nInitial JS: ${(initial.reduce((a, s) => a + s.gzip, 0) / 1024).toFixed(1)} kB gzip (budget 200 kB; tfjs is only in a worker-side dynamic chunk).`,
    );
    if (errors.length) console.log(`\nPage errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    process.kill(-server.pid);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
