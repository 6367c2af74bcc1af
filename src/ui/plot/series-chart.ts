/**
 * A line chart of per-iteration series (one per method or per eigenvalue) with a cursor line,
 * horizontal reference lines, an optional shaded band, point markers and a hover crosshair
 * whose tooltip reads every series at the hovered x. Used by most panels.
 */
import { scaleLinear, type Selection } from 'd3';
import { fixed, sig } from '../format';
import { createFrame, type AxisOptions, type ChartFrame, type Margins } from './frame';
import { bisectRight, linePath } from './path';

export interface Series {
  key: string;
  label: string;
  colour: string;
  dash: string;
  width?: number;
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
  const frame = createFrame(host, { top: 16, right: 14, bottom: 34, left: 52, ...margin });
  const bandG: G = frame.plot.append('g').attr('class', 'band');
  const refG: G = frame.plot.append('g').attr('class', 'refs');
  const linesG: G = frame.plot.append('g').attr('class', 'lines');
  const guideG: G = frame.plot.append('g').attr('class', 'guides');
  const markG: G = frame.plot.append('g').attr('class', 'markers');
  const cursorLine = frame.plot.append('line').attr('class', 'cursor-line');
  const crossG: G = frame.overlay.append('g').attr('class', 'crosshair');

  function draw(input: SeriesInput): void {
    if (frame.width < 20 || frame.height < 20) return;
    const { innerW, innerH } = frame;
    const x = scaleLinear().domain(input.xDomain).range([0, innerW]);
    const y = scaleLinear().domain(input.yDomain).range([innerH, 0]);
    frame.axes(x, y, input);

    const band = input.band;
    bandG
      .selectAll('rect')
      .data(band ? [band] : [])
      .join('rect')
      .attr('x', 0)
      .attr('width', innerW)
      .attr('y', (b) => y(Math.min(b.y1, input.yDomain[1])))
      .attr('height', (b) => Math.max(0, y(Math.max(b.y0, input.yDomain[0])) - y(Math.min(b.y1, input.yDomain[1]))));
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
      .attr('stroke', (r) => r.colour ?? '#555')
      .attr('stroke-dasharray', (r) => r.dash ?? '5 4');
    refG
      .selectAll('text')
      .data(refs)
      .join('text')
      .attr('x', 4)
      .attr('y', (r) => y(r.y) - 3)
      .attr('fill', (r) => r.colour ?? '#555')
      .text((r) => r.label);

    linesG
      .selectAll('path')
      .data(input.series, (s) => (s as Series).key)
      .join('path')
      .attr('fill', 'none')
      .attr('stroke', (s) => s.colour)
      .attr('stroke-dasharray', (s) => s.dash)
      .attr('stroke-width', (s) => s.width ?? 1.6)
      .attr('d', (s) => linePath(s.n, s.x, s.y, x, y, innerW));
    const guides = input.guides ?? [];
    guideG
      .selectAll('line')
      .data(guides)
      .join('line')
      .attr('class', 'slope-guide')
      .attr('x1', (g) => x(g.x0))
      .attr('x2', (g) => x(g.x1))
      .attr('y1', (g) => y(g.y0))
      .attr('y2', (g) => y(g.y1));
    guideG
      .selectAll('text')
      .data(guides)
      .join('text')
      .attr('class', 'guide-label')
      .attr('x', (g) => x(g.x0) + 4)
      .attr('y', (g) => y(g.y0) - 4)
      .text((g) => g.label);
    const heads = input.series.filter((s) => s.head && s.n > 0 && Number.isFinite(s.y(s.n - 1)));
    markG
      .selectAll('circle.head')
      .data(heads, (s) => (s as Series).key)
      .join('circle')
      .attr('class', 'head')
      .attr('r', 3.2)
      .attr('fill', (s) => s.colour)
      .attr('cx', (s) => x(s.x(s.n - 1)))
      .attr('cy', (s) => y(s.y(s.n - 1)));
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

    const cx = input.cursorX;
    cursorLine
      .attr('visibility', cx === null || cx === undefined ? 'hidden' : 'visible')
      .attr('x1', x(cx ?? 0))
      .attr('x2', x(cx ?? 0))
      .attr('y1', 0)
      .attr('y2', innerH);

    drawCrosshair(input, x, y);
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
    frame.showTooltip(h.x, h.y, [
      { text: fx(xv) },
      ...hits.map((d) => ({ text: `${d.s.label}: ${fy(d.yv)}`, colour: d.s.colour })),
    ]);
  }

  return { frame, draw, dispose: () => frame.dispose() };
}
