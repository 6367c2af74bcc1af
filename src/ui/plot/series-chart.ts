/**
 * A line chart of per-iteration series (one per method or per eigenvalue) with a cursor line,
 * horizontal reference lines, an optional shaded band, point markers and a hover crosshair
 * whose tooltip reads every series at the hovered x. Used by most panels.
 */
import { scaleLinear, type Selection } from 'd3';
import { fixed, sig } from '../format';
import { createFrame, type AxisOptions, type ChartFrame, type Margins } from './frame';
import { bisectRight, sizeCanvas, strokeSeries } from './path';
import { themeColour } from '../theme';
import { dashArrayOf } from '../palette';

export interface Series {
  key: string;
  label: string;
  colour: string;
  dash: string;
  width?: number;
  alpha?: number;
  n: number;
  /** Must be non-decreasing in i. */
  x: (i: number) => number;
  y: (i: number) => number;
  /** Dot at the last point (the method's position at the cursor). */
  head?: boolean;
}

export interface RefLine {
  y: number;
  label: string;
  colour?: string;
  dash?: string;
}

export interface PointMarker {
  x: number;
  y: number;
  colour: string;
  title: string;
}

export interface SeriesInput extends AxisOptions {
  series: Series[];
  xDomain: [number, number];
  yDomain: [number, number];
  cursorX?: number | null;
  refLines?: RefLine[];
  markers?: PointMarker[];
  /** A shaded horizontal band, e.g. "float64 noise" below 1e-12. */
  band?: { y0: number; y1: number; label: string } | null;
  /** Straight guide segments in data coordinates (e.g. a predicted slope). */
  guides?: { x0: number; y0: number; x1: number; y1: number; label: string }[];
  /** Hover value formatting (defaults to 4 significant digits). */
  hoverY?: (y: number) => string;
  hoverX?: (x: number) => string;
}

export interface SeriesChart {
  readonly frame: ChartFrame;
  draw(input: SeriesInput): void;
  dispose(): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

export function createSeriesChart(host: HTMLElement, margin: Partial<Margins> = {}): SeriesChart {
  // Lines go on a canvas under the SVG: redrawing paths every frame as SVG costs far more in
  // style/layout/paint than stroking them on a canvas. Axes, labels and markers stay in SVG.
  const canvas = document.createElement('canvas');
  canvas.className = 'series-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  host.prepend(canvas);
  const frame = createFrame(host, { top: 20, right: 14, bottom: 34, left: 52, ...margin });
  const bandG: G = frame.plot.append('g').attr('class', 'band');
  const refG: G = frame.plot.append('g').attr('class', 'refs');
  const markG: G = frame.plot.append('g').attr('class', 'markers');
  const cursorLine = frame.plot.append('line').attr('class', 'cursor-line');
  const crossG: G = frame.overlay.append('g').attr('class', 'crosshair');
  let lastStaticKey = '';
  let lastCursor = '';

  function draw(input: SeriesInput): void {
    if (frame.width < 20 || frame.height < 20) return;
    const { innerW, innerH } = frame;
    const x = scaleLinear().domain(input.xDomain).range([0, innerW]);
    const y = scaleLinear().domain(input.yDomain).range([innerH, 0]);
    frame.axes(x, y, input);

    const band = input.band;
    const ctx = sizeCanvas(canvas, frame.margin.left, frame.margin.top, innerW, innerH);
    if (ctx && band) {
      const top = y(Math.min(band.y1, input.yDomain[1]));
      ctx.fillStyle = themeColour('--band');
      ctx.fillRect(0, top, innerW, Math.max(0, y(Math.max(band.y0, input.yDomain[0])) - top));
    }
    if (ctx) {
      for (const s of input.series)
        strokeSeries(ctx, s.n, s.x, s.y, x, y, innerW, {
          colour: s.colour,
          dash: dashArrayOf(s.dash ?? ''),
          width: s.width ?? 1.6,
          alpha: s.alpha,
        });
      // Guides and the methods' current points move every frame: canvas too.
      for (const g of input.guides ?? []) {
        ctx.beginPath();
        ctx.moveTo(x(g.x0), y(g.y0));
        ctx.lineTo(x(g.x1), y(g.y1));
        ctx.setLineDash([]);
        ctx.lineCap = 'round';
        ctx.lineWidth = 5;
        ctx.strokeStyle = themeColour('--noise-band');
        ctx.stroke();
        ctx.fillStyle = themeColour('--ink-soft');
        ctx.font = '10px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.fillText(g.label, (x(g.x0) + x(g.x1)) / 2, (y(g.y0) + y(g.y1)) / 2 + 14);
      }
      for (const s of input.series) {
        if (!s.head || s.n === 0) continue;
        const py = y(s.y(s.n - 1));
        if (!Number.isFinite(py)) continue;
        ctx.beginPath();
        ctx.arc(x(s.x(s.n - 1)), py, 3.2, 0, 2 * Math.PI);
        ctx.fillStyle = s.colour;
        ctx.fill();
      }
    }

    // Reference lines, band label and event markers change rarely: touch the SVG only then.
    const staticKey = JSON.stringify([input.xDomain, input.yDomain, innerW, innerH, band, input.refLines, input.markers]);
    if (staticKey !== lastStaticKey) {
      lastStaticKey = staticKey;
      drawStatic(input, x, y);
    }

    const cx = input.cursorX;
    const cxp = cx === null || cx === undefined ? null : x(cx);
    if (`${cxp}:${innerH}` !== lastCursor) {
      lastCursor = `${cxp}:${innerH}`;
      cursorLine
        .attr('visibility', cxp === null ? 'hidden' : 'visible')
        .attr('x1', cxp ?? 0)
        .attr('x2', cxp ?? 0)
        .attr('y1', 0)
        .attr('y2', innerH);
    }

    drawCrosshair(input, x, y);
  }

  function drawStatic(input: SeriesInput, x: (v: number) => number, y: (v: number) => number): void {
    const { innerW, innerH } = frame;
    const band = input.band;
    bandG
      .selectAll('text')
      .data(band && band.y1 > input.yDomain[0] ? [band] : [])
      .join('text')
      .attr('x', innerW - 4)
      .attr('y', (b) => Math.min(innerH - 4, y(Math.min(b.y1, input.yDomain[1])) + 12))
      .attr('text-anchor', 'end')
      .text((b) => b.label);

    const refs = input.refLines ?? [];
    refG
      .selectAll('line')
      .data(refs)
      .join('line')
      .attr('x1', 0)
      .attr('x2', innerW)
      .attr('y1', (r) => y(r.y))
      .attr('y2', (r) => y(r.y))
      .attr('stroke', (r) => r.colour ?? themeColour('--ink-soft'))
      .attr('stroke-dasharray', (r) => r.dash ?? '5 4');
    refG
      .selectAll('text')
      .data(refs)
      .join('text')
      .attr('x', 4)
      // Above its line, or below it when the line is too near the top for the text to fit.
      .attr('y', (r) => (y(r.y) < 14 ? y(r.y) + 11 : y(r.y) - 3))
      .attr('fill', (r) => r.colour ?? themeColour('--ink-soft'))
      .text((r) => r.label);

    markG
      .selectAll('path.event')
      .data(input.markers ?? [])
      .join((enter) => {
        const p = enter.append('path').attr('class', 'event');
        p.append('title');
        return p;
      })
      .attr('d', 'M0,-6L5,3L-5,3Z')
      .attr('transform', (m) => `translate(${x(m.x)},${y(m.y) - 6})`)
      .attr('fill', (m) => m.colour)
      .select('title')
      .text((m) => m.title);
  }

  function drawCrosshair(input: SeriesInput, x: (v: number) => number, y: (v: number) => number): void {
    const h = frame.hover;
    const { innerH } = frame;
    if (!h) {
      crossG.selectAll('*').remove();
      return;
    }
    const xs = scaleLinear().domain(input.xDomain).range([0, frame.innerW]);
    const xv = xs.invert(h.x);
    const fy = input.hoverY ?? ((v: number) => sig(v, 5));
    const fx = input.hoverX ?? ((v: number) => `${input.xLabel} ${fixed(v, 0)}`);
    const hits = input.series
      .map((s) => {
        const i = bisectRight(s.n, s.x, xv);
        return i < 0 ? null : { s, i, yv: s.y(i) };
      })
      .filter((d): d is { s: Series; i: number; yv: number } => d !== null);
    crossG
      .selectAll('line')
      .data([h.x])
      .join('line')
      .attr('x1', (d) => d)
      .attr('x2', (d) => d)
      .attr('y1', 0)
      .attr('y2', innerH);
    crossG
      .selectAll('circle')
      .data(hits.filter((d) => Number.isFinite(d.yv)))
      .join('circle')
      .attr('r', 3)
      .attr('fill', 'none')
      .attr('stroke', (d) => d.s.colour)
      .attr('cx', (d) => x(d.s.x(d.i)))
      .attr('cy', (d) => y(d.yv));
    frame.showTooltip(h.x, h.y, [{ text: fx(xv) }, ...hits.map((d) => ({ text: `${d.s.label}: ${fy(d.yv)}`, colour: d.s.colour }))]);
  }

  return {
    frame,
    draw,
    dispose: () => {
      frame.dispose();
      canvas.remove();
    },
  };
}
