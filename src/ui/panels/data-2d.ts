/**
 * The Data panel in 2D: the points on a canvas coloured by the focus method's responsibilities, with
 * 1σ/2σ ellipses for every method and the truth, in equal units on both axes.
 */
import { scaleLinear } from 'd3';
import { methodLabel } from '../../experiment/codec';
import type { RaceHeader, RunState } from '../../state/store';
import { fixed } from '../format';
import { COMPONENT_COLOURS, METHOD_STYLE, TRUTH_STYLE } from '../palette';
import { extent } from '../plot/histogram';
import { sizeCanvas } from '../plot/path';
import { currentTheme } from '../theme';
import { currentThetas, pointsCurve, rowsKey, strokeCurves, type Curve, type DataSurface } from './data-common';
import { ellipse, responsibility2D } from './mixture-math';

export function createData2D(s: DataSurface) {
  const { canvas, frame, cross } = s;

  function draw(run: RunState, h: RaceHeader, it: number, focus: string): void {
    const [lo, hi] = extent(h.data);
    // Equal units on both axes (ellipses keep their shape): a square area centred in the panel.
    const side = Math.max(10, Math.min(frame.width - 46 - 12, frame.height - 20 - 34));
    frame.margin.right = Math.max(12, frame.width - 46 - side);
    frame.margin.bottom = Math.max(34, frame.height - 20 - side);
    const pad = 0.04 * (hi - lo || 1);
    const x = scaleLinear()
      .domain([lo - pad, hi + pad])
      .range([0, side]);
    const y = scaleLinear()
      .domain([lo - pad, hi + pad])
      .range([side, 0]);
    frame.axes(x, y, { xLabel: 'x₁', yLabel: 'x₂', xTicks: 5, yTicks: 5 });
    s.scales = { x, y, ix: x.invert, iy: y.invert };

    const thetas = currentThetas(run, it);
    const f = thetas.find((t) => t.method === focus) ?? thetas[0];
    const key = `2:${currentTheme()}:${h.epoch}:${side}:${focus}:${rowsKey(run, it)}:${devicePixelRatio}`;
    canvas.style.display = '';
    if (key !== s.canvasKey) {
      s.canvasKey = key;
      const ctx = paintPoints(h, f?.theta ?? null, x, y, side);
      const curves: Curve[] = [];
      for (const k of [0, 1] as const)
        for (const sd of [1, 2]) curves.push(pointsCurve(`truth${k}${sd}`, TRUTH_STYLE, sd === 1 ? 2 : 1, ellipse(h.truth, k, sd)));
      for (const { method, theta } of thetas)
        for (const k of [0, 1] as const)
          for (const sd of [1, 2])
            curves.push(
              pointsCurve(
                `${method}${k}${sd}`,
                METHOD_STYLE[method],
                (method === focus ? 2 : 1.2) * (sd === 1 ? 1 : 0.7),
                ellipse(theta, k, sd),
              ),
            );
      if (ctx) strokeCurves(ctx, curves, x, y);
    }

    if (frame.hover && frame.hover.x <= side && frame.hover.y <= side) {
      const px = x.invert(frame.hover.x);
      const py = y.invert(frame.hover.y);
      cross.selectAll('line').remove();
      frame.showTooltip(frame.hover.x, frame.hover.y, [
        { text: `(${fixed(px, 2)}, ${fixed(py, 2)})` },
        ...(f
          ? [
              {
                text: `${methodLabel(f.method)}: r₁ = ${fixed(responsibility2D(f.theta, px, py), 3)}`,
                colour: METHOD_STYLE[f.method].colour,
              },
            ]
          : []),
      ]);
    } else s.clearHover();
  }

  function paintPoints(
    h: RaceHeader,
    theta: Float64Array | null,
    x: (v: number) => number,
    y: (v: number) => number,
    side: number,
  ): CanvasRenderingContext2D | null {
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

  return { draw };
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
