/**
 * Data: 1D — histogram with the true components and each method's current (weighted) component
 * densities; 2D — scatter on a canvas coloured by the focus method's responsibilities, with 1σ/2σ
 * ellipses per method and for the truth. The start means are draggable handles (large invisible
 * hit circles); dragging restarts the race from the new start.
 */
import { drag, scaleLinear, select, type Selection } from 'd3';
import { useRef } from 'react';
import { methodLabel } from '../../experiment/codec';
import { setStartMeans } from '../../state/actions';
import { invalidate } from '../../state/frame-loop';
import { pendingKind, rowAt } from '../../state/run-data';
import type { DrawResult } from '../../state/frame-loop';
import { thetaView } from '../../state/rows';
import { useSettings, useStore, type RaceHeader, type RunState } from '../../state/store';
import { fixed, int } from '../format';
import { COMPONENT_COLOURS, METHOD_STYLE, TRUTH_STYLE } from '../palette';
import { Panel, markBusy, usePanelChart } from '../Panel';
import { PANEL_NAME } from './panel-table';
import { createFrame, type ChartFrame } from '../plot/frame';
import { densityHistogram, extent, type DensityBin } from '../plot/histogram';
import { sizeCanvas, strokeSeries } from '../plot/path';
import { ellipse, responsibility1D, responsibility2D, weightedPdf1D } from './mixture-math';
import { currentTheme, themeColour } from '../theme';

type G = Selection<SVGGElement, unknown, null, undefined>;
const HIT_RADIUS = 22;
const DENSITY_POINTS = 160;

/** A curve as n points (x(i), y(i)): the 1D densities share one grid of x values (no per-point arrays). */
interface Curve {
  key: string;
  colour: string;
  dash: readonly number[];
  width: number;
  n: number;
  x: (i: number) => number;
  y: (i: number) => number;
}

type LineStyle = { readonly colour: string; readonly dashArray: readonly number[] };

function pointsCurve(key: string, style: LineStyle, width: number, pts: [number, number][]): Curve {
  return { key, colour: style.colour, dash: style.dashArray, width, n: pts.length, x: (i) => pts[i][0], y: (i) => pts[i][1] };
}

export function DataPanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  usePanelChart(PANEL_NAME.data, figure, () => createDataChart(figure, body.current!));
  return (
    <Panel ref={figure} name={PANEL_NAME.data} className="panel-data" caption={<DataCaption />}>
      <div ref={body} className="panel-body" />
    </Panel>
  );
}

/** θ of each method at the cursor (its last row once stopped; nothing while pending). */
function currentThetas(run: RunState, it: number): { method: RaceHeader['methods'][number]; theta: Float64Array }[] {
  const out = [];
  for (const t of run.traces) {
    const r = rowAt(t, it) >= 0 ? rowAt(t, it) : t.count - 1;
    if (r < 0) continue;
    out.push({ method: t.method, theta: thetaView(t, r) });
  }
  return out;
}

/** Changes whenever any method's row at the cursor changes (what the canvas shows). */
function rowsKey(run: RunState, it: number): string {
  return run.traces.map((t) => `${rowAt(t, it)}/${t.count > it ? 1 : t.count}`).join(',');
}

/** The start θ the handles show: the dragged/explicit start, else the seeded start. */
function startTheta(h: RaceHeader): Float64Array {
  const { start, dim } = useStore.getState().config;
  return start && start.length === (dim === 1 ? 5 : 11) ? Float64Array.from(start) : Float64Array.from(h.init);
}

function createDataChart(figure: React.RefObject<HTMLElement | null>, host: HTMLElement) {
  const canvas = document.createElement('canvas');
  canvas.className = 'points-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  host.appendChild(canvas);
  const frame: ChartFrame = createFrame(host, { top: 20, right: 12, bottom: 34, left: 46 }, false);
  const cross = frame.overlay.append('g').attr('class', 'crosshair');
  // Last child of the <svg>: above the hover layer (handles get the pointer first) and outside the
  // aria-hidden drawing (they are keyboard-operable sliders).
  const handlesG: G = frame.svg.append('g').attr('class', 'handles').attr('aria-label', 'Start means');
  frame.svg.attr('aria-label', 'Start handles');
  let canvasKey = '';
  let scales: { x: (v: number) => number; y: (v: number) => number; ix: (p: number) => number; iy: (p: number) => number } | null = null;

  function draw(): DrawResult {
    const { run, config, view } = useStore.getState();
    const pending = pendingKind(run, config.it);
    const h = run.header;
    if (h && frame.width > 20) {
      if (h.dim === 1) draw1D(run, h, config.it, view.focus);
      else draw2D(run, h, config.it, view.focus);
      drawHandles(h);
    }
    return markBusy(figure.current, pending !== 'none', pending === 'deferred');
  }

  // ------------------------------------------------------------------------ 1D
  /** Histogram of the data (per data set, not per frame). */
  let histCache: { header: RaceHeader; domain: [number, number]; bins: DensityBin[] } | null = null;
  function histogram(h: RaceHeader) {
    if (histCache?.header === h) return histCache;
    histCache = { header: h, ...densityHistogram(h.data) };
    return histCache;
  }

  let yMax1D = 1;
  function draw1D(run: RunState, h: RaceHeader, it: number, focus: string): void {
    const { domain, bins } = histogram(h);
    const x = scaleLinear().domain(domain).range([0, frame.innerW]);
    const thetas = currentThetas(run, it);
    // Curves and canvas only when a method moved, the size or the focus changed.
    const key = `1:${currentTheme()}:${h.epoch}:${frame.innerW}:${frame.innerH}:${focus}:${rowsKey(run, it)}:${devicePixelRatio}`;
    const redraw = key !== canvasKey;
    const curves: Curve[] = [];
    if (redraw) {
      const grid = new Float64Array(DENSITY_POINTS);
      for (let i = 0; i < DENSITY_POINTS; i++) grid[i] = x.invert((i / (DENSITY_POINTS - 1)) * frame.innerW);
      const gx = (i: number) => grid[i];
      const density = (key: string, style: LineStyle, width: number, theta: ArrayLike<number>, k: 0 | 1): Curve => {
        const ys = new Float64Array(DENSITY_POINTS);
        for (let i = 0; i < DENSITY_POINTS; i++) ys[i] = weightedPdf1D(theta, k, grid[i]);
        return { key, colour: style.colour, dash: style.dashArray, width, n: DENSITY_POINTS, x: gx, y: (i) => ys[i] };
      };
      for (const k of [0, 1] as const) curves.push(density(`truth${k}`, TRUTH_STYLE, 2, h.truth, k));
      for (const { method, theta } of thetas)
        for (const k of [0, 1] as const) curves.push(density(`${method}${k}`, METHOD_STYLE[method], method === focus ? 2 : 1.2, theta, k));
      // A collapsing component can spike: let fitted curves raise the axis by at most 60 %.
      let ymax = 0;
      for (const b of bins) ymax = Math.max(ymax, b.density);
      let fitted = 0;
      for (const c of curves) {
        const truth = c.key.startsWith('truth');
        for (let i = 0; i < c.n; i++) {
          const v = c.y(i);
          if (Number.isFinite(v)) {
            if (truth) ymax = Math.max(ymax, v);
            else fitted = Math.max(fitted, v);
          }
        }
      }
      yMax1D = Math.max(ymax, Math.min(fitted, 1.6 * ymax)) || 1;
    }
    const y = scaleLinear().domain([0, yMax1D * 1.08]).range([frame.innerH, 0]);
    frame.axes(x, y, { xLabel: 'x', yLabel: 'density', yTicks: 4 });
    scales = { x, y, ix: x.invert, iy: y.invert };
    canvas.style.display = '';
    if (redraw) {
      canvasKey = key;
      const ctx = sizeCanvas(canvas, frame.margin.left, frame.margin.top, frame.innerW, frame.innerH);
      if (ctx) {
        ctx.fillStyle = themeColour('--hist');
        for (const b of bins) {
          const top = y(b.density);
          ctx.fillRect(x(b.x0) + 0.5, top, Math.max(0, x(b.x1) - x(b.x0) - 1), frame.innerH - top);
        }
        strokeCurves(ctx, curves, x, y);
      }
    }

    if (frame.hover) {
      const xv = x.invert(frame.hover.x);
      const f = thetas.find((t) => t.method === focus) ?? thetas[0];
      cross.selectAll('line').data([frame.hover.x]).join('line').attr('x1', (d) => d).attr('x2', (d) => d).attr('y1', 0).attr('y2', frame.innerH);
      frame.showTooltip(frame.hover.x, frame.hover.y, [
        { text: `x = ${fixed(xv, 3)}` },
        { text: `true density ${fixed(weightedPdf1D(h.truth, 0, xv) + weightedPdf1D(h.truth, 1, xv), 4)}`, colour: TRUTH_STYLE.colour },
        ...(f ? [{ text: `${methodLabel(f.method)}: r₁(x) = ${fixed(responsibility1D(f.theta, xv), 3)}`, colour: METHOD_STYLE[f.method].colour }] : []),
      ]);
    } else clearHover();
  }

  function strokeCurves(ctx: CanvasRenderingContext2D, curves: Curve[], x: (v: number) => number, y: (v: number) => number): void {
    for (const c of curves) strokeSeries(ctx, c.n, c.x, c.y, x, y, 1e9, c);
  }

  // ------------------------------------------------------------------------ 2D
  function draw2D(run: RunState, h: RaceHeader, it: number, focus: string): void {
    const [lo, hi] = extent(h.data);
    // Equal units on both axes (ellipses keep their shape): a square area centred in the panel.
    const side = Math.max(10, Math.min(frame.width - 46 - 12, frame.height - 20 - 34));
    frame.margin.right = Math.max(12, frame.width - 46 - side);
    frame.margin.bottom = Math.max(34, frame.height - 20 - side);
    const pad = 0.04 * (hi - lo || 1);
    const x = scaleLinear().domain([lo - pad, hi + pad]).range([0, side]);
    const y = scaleLinear().domain([lo - pad, hi + pad]).range([side, 0]);
    frame.axes(x, y, { xLabel: 'x₁', yLabel: 'x₂', xTicks: 5, yTicks: 5 });
    scales = { x, y, ix: x.invert, iy: y.invert };

    const thetas = currentThetas(run, it);
    const f = thetas.find((t) => t.method === focus) ?? thetas[0];
    const key = `2:${currentTheme()}:${h.epoch}:${side}:${focus}:${rowsKey(run, it)}:${devicePixelRatio}`;
    canvas.style.display = '';
    if (key !== canvasKey) {
      canvasKey = key;
      const ctx = paintPoints(h, f?.theta ?? null, x, y, side);
      const curves: Curve[] = [];
      for (const k of [0, 1] as const)
        for (const s of [1, 2]) curves.push(pointsCurve(`truth${k}${s}`, TRUTH_STYLE, s === 1 ? 2 : 1, ellipse(h.truth, k, s)));
      for (const { method, theta } of thetas)
        for (const k of [0, 1] as const)
          for (const s of [1, 2])
            curves.push(pointsCurve(`${method}${k}${s}`, METHOD_STYLE[method], (method === focus ? 2 : 1.2) * (s === 1 ? 1 : 0.7), ellipse(theta, k, s)));
      if (ctx) strokeCurves(ctx, curves, x, y);
    }

    if (frame.hover && frame.hover.x <= side && frame.hover.y <= side) {
      const px = x.invert(frame.hover.x);
      const py = y.invert(frame.hover.y);
      cross.selectAll('line').remove();
      frame.showTooltip(frame.hover.x, frame.hover.y, [
        { text: `(${fixed(px, 2)}, ${fixed(py, 2)})` },
        ...(f ? [{ text: `${methodLabel(f.method)}: r₁ = ${fixed(responsibility2D(f.theta, px, py), 3)}`, colour: METHOD_STYLE[f.method].colour }] : []),
      ]);
    } else clearHover();
  }

  function paintPoints(h: RaceHeader, theta: Float64Array | null, x: (v: number) => number, y: (v: number) => number, side: number): CanvasRenderingContext2D | null {
    const ctx = sizeCanvas(canvas, frame.margin.left, frame.margin.top, side, side);
    if (!ctx) return null;
    ctx.globalAlpha = 0.7;
    const [c1, c2] = COMPONENT_COLOURS.map(hexToRgb);
    const d = h.data;
    // Bucket the colours (16 steps) so the canvas changes fillStyle rarely.
    const buckets: number[][] = Array.from({ length: 17 }, () => []);
    for (let i = 0; i < h.n; i++) {
      const r = theta ? responsibility2D(theta, d[2 * i], d[2 * i + 1]) : 0.5;
      buckets[Math.round((Number.isFinite(r) ? r : 0.5) * 16)].push(i);
    }
    const rad = h.n > 3000 ? 1.3 : 2;
    buckets.forEach((idx, b) => {
      if (!idx.length) return;
      const r = b / 16;
      ctx.fillStyle = `rgb(${Math.round(c2[0] + (c1[0] - c2[0]) * r)},${Math.round(c2[1] + (c1[1] - c2[1]) * r)},${Math.round(c2[2] + (c1[2] - c2[2]) * r)})`;
      ctx.beginPath();
      for (const i of idx) {
        const px = x(d[2 * i]);
        const py = y(d[2 * i + 1]);
        ctx.moveTo(px + rad, py);
        ctx.arc(px, py, rad, 0, 2 * Math.PI);
      }
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    return ctx;
  }

  // ------------------------------------------------------------------------ start handles
  function drawHandles(h: RaceHeader): void {
    if (!scales) return;
    const s = scales;
    const start = startTheta(h);
    const dim = h.dim;
    const pos = (k: 0 | 1): [number, number] =>
      dim === 1 ? [s.x(start[1 + k]), frame.innerH - 12] : [s.x(start[1 + 2 * k]), s.y(start[2 + 2 * k])];
    handlesG.attr('transform', `translate(${frame.margin.left},${frame.margin.top})`);
    const g = handlesG
      .selectAll<SVGGElement, 0 | 1>('g.handle')
      .data([0, 1] as (0 | 1)[])
      .join((enter) => {
        const e = enter
          .append('g')
          .attr('class', 'handle')
          .attr('tabindex', 0)
          .attr('role', 'slider')
          .attr('aria-label', (k) => `start mean of component ${k + 1}`);
        e.append('circle').attr('class', 'hit').attr('r', HIT_RADIUS);
        e.append('circle').attr('class', 'knob').attr('r', 7);
        e.append('text').attr('class', 'knob-label').attr('text-anchor', 'middle').attr('dy', '0.35em').text((k) => String(k + 1));
        e.call(
          drag<SVGGElement, 0 | 1>()
            .subject((ev) => ({ x: ev.x, y: ev.y }))
            .on('start', function () {
              select(this).classed('dragging', true);
            })
            .on('drag', (ev, k) => moveStart(k, ev.x, ev.y, 'drag'))
            .on('end', function (ev, k) {
              select(this).classed('dragging', false);
              moveStart(k, ev.x, ev.y, 'release');
            }),
        );
        e.on('keydown', (ev: KeyboardEvent, k) => {
          const step = ev.shiftKey ? 0.5 : 0.1;
          const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[ev.key];
          if (!d) return;
          ev.preventDefault();
          ev.stopPropagation();
          const cur = startTheta(useStore.getState().run.header!);
          const t = Float64Array.from(cur);
          if (dim === 1) t[1 + k] += d[0] || d[1];
          else {
            t[1 + 2 * k] += d[0];
            t[2 + 2 * k] += d[1];
          }
          setStartMeans(t, 'release');
        });
        return e;
      });
    g.attr('transform', (k) => `translate(${pos(k)[0]},${pos(k)[1]})`)
      .attr('aria-valuetext', (k) =>
        dim === 1 ? `μ${k + 1} = ${fixed(start[1 + k], 2)}` : `μ${k + 1} = (${fixed(start[1 + 2 * k], 2)}, ${fixed(start[2 + 2 * k], 2)})`,
      )
      .attr('aria-valuenow', (k) => +fixed(start[dim === 1 ? 1 + k : 1 + 2 * k], 3));
  }

  function moveStart(k: 0 | 1, px: number, py: number, commit: 'drag' | 'release'): void {
    const h = useStore.getState().run.header;
    if (!h || !scales) return;
    const t = startTheta(h);
    const cx = Math.max(0, Math.min(frame.innerW, px));
    if (h.dim === 1) t[1 + k] = scales.ix(cx);
    else {
      t[1 + 2 * k] = scales.ix(cx);
      t[2 + 2 * k] = scales.iy(Math.max(0, Math.min(frame.innerH, py)));
    }
    setStartMeans(t, commit);
    invalidate();
  }

  function clearHover(): void {
    cross.selectAll('*').remove();
    frame.hideTooltip();
  }

  return {
    draw,
    dispose() {
      frame.dispose();
      canvas.remove();
    },
  };
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function DataCaption() {
  const c = useSettings();
  return (
    <>
      N = {int(c.n)}, separation {fixed(c.sep, 2)} σ, π = {fixed(c.w, 2)}.{' '}
      {c.dim === 1 ? 'Grey dotted: true components; coloured: each method’s components now.' : 'Colour: responsibility under the chosen method; ellipses 1σ, 2σ.'}{' '}
      Drag ① ② to move the start.
    </>
  );
}
