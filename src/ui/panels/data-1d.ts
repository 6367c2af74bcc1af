/** The Data panel in 1D: histogram of the sample, the true components and each method's weighted component densities at the cursor. */
import { scaleLinear } from 'd3';
import { methodLabel } from '../../experiment/codec';
import type { RaceHeader, RunState } from '../../state/store';
import { fixed } from '../format';
import { METHOD_STYLE, TRUTH_STYLE } from '../palette';
import { densityHistogram, type DensityBin } from '../plot/histogram';
import { sizeCanvas } from '../plot/path';
import { currentTheme, themeColour } from '../theme';
import { currentThetas, rowsKey, strokeCurves, type Curve, type DataSurface, type LineStyle } from './data-common';
import { responsibility1D, weightedPdf1D } from './mixture-math';

const DENSITY_POINTS = 160;

export function createData1D(s: DataSurface) {
  const { canvas, frame, cross } = s;
  /** Histogram of the data (per data set, not per frame). */
  let histCache: { header: RaceHeader; domain: [number, number]; bins: DensityBin[] } | null = null;
  function histogram(h: RaceHeader) {
    if (histCache?.header === h) return histCache;
    histCache = { header: h, ...densityHistogram(h.data) };
    return histCache;
  }

  let yMax1D = 1;
  function draw(run: RunState, h: RaceHeader, it: number, focus: string): void {
    const { domain, bins } = histogram(h);
    const x = scaleLinear().domain(domain).range([0, frame.innerW]);
    const thetas = currentThetas(run, it);
    // Curves and canvas only when a method moved, the size or the focus changed.
    const key = `1:${currentTheme()}:${h.epoch}:${frame.innerW}:${frame.innerH}:${focus}:${rowsKey(run, it)}:${devicePixelRatio}`;
    const redraw = key !== s.canvasKey;
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
    const y = scaleLinear()
      .domain([0, yMax1D * 1.08])
      .range([frame.innerH, 0]);
    frame.axes(x, y, { xLabel: 'x', yLabel: 'density', yTicks: 4 });
    s.scales = { x, y, ix: x.invert, iy: y.invert };
    canvas.style.display = '';
    if (redraw) {
      s.canvasKey = key;
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
      cross
        .selectAll('line')
        .data([frame.hover.x])
        .join('line')
        .attr('x1', (d) => d)
        .attr('x2', (d) => d)
        .attr('y1', 0)
        .attr('y2', frame.innerH);
      frame.showTooltip(frame.hover.x, frame.hover.y, [
        { text: `x = ${fixed(xv, 3)}` },
        { text: `true density ${fixed(weightedPdf1D(h.truth, 0, xv) + weightedPdf1D(h.truth, 1, xv), 4)}`, colour: TRUTH_STYLE.colour },
        ...(f
          ? [
              {
                text: `${methodLabel(f.method)}: r₁(x) = ${fixed(responsibility1D(f.theta, xv), 3)}`,
                colour: METHOD_STYLE[f.method].colour,
              },
            ]
          : []),
      ]);
    } else s.clearHover();
  }

  return { draw };
}
