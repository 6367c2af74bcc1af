/**
 * The chains on the posterior (D3 owns it): the log-posterior contours over the chain plane (computed
 * in the worker), the mode and its label-swapped twin, DM_B's two slowest eigen-directions through
 * the mode, and each sampler's recent draws (its first chain) as a trail that fades with age, its
 * latest draw a marker. Contours and trails on canvases under the SVG; marks, axes and hover in SVG.
 * The markers carry data-sampler and data-draws (the draws shown), which the browser tests read.
 */
import { scaleLinear, symbol, symbolStar, type Selection } from 'd3';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { planeA, planeB, sampleCurrent, shownDraws, useSampleRun, type PlaneGrid, type SamplerTrace } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { fixed } from '../format';
import { MARKER_SYMBOLS, isOutlineMarker } from '../palette';
import { createFrame } from '../plot/frame';
import { sizeCanvas } from '../plot/path';
import { setText } from '../set-text';
import { currentTheme, themeColour } from '../theme';
import { SAMPLER_STYLE } from './sampler-style';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Draws in a trail (the first chain's latest). */
export const TRAIL = 25;

export function axisNames(kind: 'means' | 'eigen', dim: 1 | 2): [string, string] {
  if (kind === 'means') return dim === 1 ? ['μ₁', 'μ₂'] : ['μ₁ x', 'μ₂ x'];
  return ['slowest direction (posterior sd)', 'second slowest (posterior sd)'];
}

export function createChainsPlane(host: HTMLElement) {
  const contourCanvas = document.createElement('canvas');
  const canvas = document.createElement('canvas');
  for (const c of [canvas, contourCanvas]) {
    c.className = 'series-canvas';
    c.setAttribute('aria-hidden', 'true');
    host.prepend(c);
  }
  const frame = createFrame(host, { top: 16, right: 10, bottom: 34, left: 44 });
  const diag = frame.plot.append('line').attr('class', 'diagonal');
  const eigenG: G = frame.plot.append('g').attr('class', 'eigen-dirs');
  const marksG: G = frame.plot.append('g').attr('class', 'marks');
  const headsG: G = frame.plot.append('g').attr('class', 'heads');
  let contourKey = '';
  let planeHidden = false;

  /** false while the chains' data are on their way; 'none' when the posterior has no plane to draw (H not positive definite). */
  function draw(): boolean | 'none' {
    const run = useSampleRun.getState();
    const { config } = useStore.getState();
    if (!sampleCurrent(run)) return false;
    if (!run.header.plane) {
      planeHidden = true;
      frame.svg.attr('visibility', 'hidden');
      sizeCanvas(canvas, 0, 0, 1, 1);
      sizeCanvas(contourCanvas, 0, 0, 1, 1);
      return 'none';
    }
    if (planeHidden) {
      planeHidden = false;
      frame.svg.attr('visibility', null);
    }
    const h = run.header;
    const plane = h.plane!;
    const { box } = plane;
    const side = Math.max(10, Math.min(frame.width - frame.margin.left - 10, frame.height - frame.margin.top - 34));
    frame.margin.right = Math.max(10, frame.width - frame.margin.left - side);
    frame.margin.bottom = Math.max(34, frame.height - frame.margin.top - side);
    const x = scaleLinear().domain([box.x0, box.x1]).range([0, side]);
    const y = scaleLinear().domain([box.y0, box.y1]).range([side, 0]);
    const [xl, yl] = axisNames(plane.kind, h.dim);
    frame.axes(x, y, { xLabel: xl, yLabel: yl, xTicks: 5, yTicks: 5 });

    const grid = run.contours;
    const key = grid ? `${currentTheme()}:${run.epoch}:${side}` : '';
    if (key !== contourKey) {
      contourKey = key;
      drawContours(grid, x, y, side);
    }
    // μ₁ = μ₂: the label swap's mirror line (means plane only).
    diag
      .attr('visibility', plane.kind === 'means' ? 'visible' : 'hidden')
      .attr('x1', x(box.x0))
      .attr('y1', y(box.x0))
      .attr('x2', x(box.x1))
      .attr('y2', y(box.x1));

    // DM_B's eigen-directions through the mode, to the box's edge, labelled with their λ.
    const reach = Math.hypot(box.x1 - box.x0, box.y1 - box.y0);
    eigenG
      .selectAll('line')
      .data(plane.eigen)
      .join('line')
      .attr('x1', (e) => x(plane.mode[0] - reach * e.dx))
      .attr('y1', (e) => y(plane.mode[1] - reach * e.dy))
      .attr('x2', (e) => x(plane.mode[0] + reach * e.dx))
      .attr('y2', (e) => y(plane.mode[1] + reach * e.dy))
      .attr('stroke-dasharray', (_, i) => (i === 0 ? '6 3' : '2 3'));
    // Each label on the side of the mode, and at the distance, that leaves its text the most room inside the plot.
    const labelAt = (e: { dx: number; dy: number }): [number, number] => {
      let best: [number, number] = [0, 0];
      let bestRoom = -Infinity;
      for (const f of [0.24, 0.16, 0.1])
        for (const s of [1, -1]) {
          const px = x(plane.mode[0] + s * f * (box.x1 - box.x0) * e.dx) + 4;
          const py = y(plane.mode[1] + s * f * (box.y1 - box.y0) * e.dy) - 4;
          const room = Math.min(px, side - (px + 72), py - 12, side - py);
          if (room > bestRoom) [best, bestRoom] = [[px, py], room];
        }
      return best;
    };
    eigenG
      .selectAll('text')
      .data(plane.eigen)
      .join('text')
      .attr('x', (e) => labelAt(e)[0])
      .attr('y', (e) => labelAt(e)[1])
      .text((e, i) => `λ${i === 0 ? '₁' : '₂'} = ${fixed(e.lambda, 3)}`);

    const refs = [
      { k: 'mode', at: plane.mode, label: 'posterior mode (MAP)', fill: '#ffd200', show: true },
      { k: 'twin', at: plane.twin, label: 'the other labelling’s mode (components swapped)', fill: 'none', show: box.showsTwin },
    ].filter((r) => r.show);
    marksG
      .selectAll('path.ref')
      .data(refs, (d) => (d as (typeof refs)[number]).k)
      .join((e) => {
        const p = e.append('path').attr('class', 'ref');
        p.append('title');
        return p;
      })
      .attr('d', symbol(symbolStar, 120)())
      .attr('fill', (d) => d.fill)
      .attr('stroke', (d) => (d.fill === 'none' ? themeColour('--fg') : '#000'))
      .attr('data-mark', (d) => d.k)
      .attr('transform', (d) => `translate(${x(d.at[0])},${y(d.at[1])})`)
      .select('title')
      .each(function (d) {
        setText(this as Element, `${d.label}: (${fixed(d.at[0], 3)}, ${fixed(d.at[1], 3)})`);
      });

    const n = shownDraws(run, config.it);
    drawTrails(run.traces, n, x, y, side);
    const heads = n > 0 ? run.traces : [];
    headsG
      .selectAll('path.head')
      .data(heads, (d) => (d as SamplerTrace).sampler)
      .join((e) => {
        const p = e.append('path').attr('class', 'head');
        p.append('title');
        return p;
      })
      .attr('d', (t) => symbol(MARKER_SYMBOLS[SAMPLER_STYLE[t.sampler].marker], 70)())
      .attr('fill', (t) => (isOutlineMarker(SAMPLER_STYLE[t.sampler].marker) ? 'none' : SAMPLER_STYLE[t.sampler].colour))
      .attr('stroke', themeColour('--bg'))
      .attr('data-sampler', (t) => t.sampler)
      .attr('data-draws', n)
      .attr('transform', (t) => `translate(${x(planeA(t, 0, n - 1))},${y(planeB(t, 0, n - 1))})`)
      .select('title')
      .each(function (t) {
        setText(
          this as Element,
          `${SAMPLER_LABELS[t.sampler]}, draw ${n}: (${fixed(planeA(t, 0, n - 1), 4)}, ${fixed(planeB(t, 0, n - 1), 4)})`,
        );
      });
    return grid !== null;
  }

  /** Each sampler's first chain, its last TRAIL draws up to the cursor: segments fading with age. */
  function drawTrails(traces: readonly SamplerTrace[], n: number, x: (v: number) => number, y: (v: number) => number, side: number): void {
    const ctx = sizeCanvas(canvas, frame.margin.left, frame.margin.top, side, side);
    if (!ctx) return;
    const from = Math.max(0, n - TRAIL);
    for (const t of traces) {
      const st = SAMPLER_STYLE[t.sampler];
      ctx.strokeStyle = st.colour;
      ctx.fillStyle = st.colour;
      ctx.lineWidth = 1.3;
      for (let i = from + 1; i < n; i++) {
        // Oldest faint, newest nearly opaque: the eye follows the chain's direction of travel.
        ctx.globalAlpha = 0.06 + 0.84 * ((i - from) / Math.max(1, n - from)) ** 2;
        ctx.beginPath();
        ctx.moveTo(x(planeA(t, 0, i - 1)), y(planeB(t, 0, i - 1)));
        ctx.lineTo(x(planeA(t, 0, i)), y(planeB(t, 0, i)));
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(x(planeA(t, 0, i)), y(planeB(t, 0, i)), 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
  }

  function drawContours(grid: PlaneGrid | null, x: (v: number) => number, y: (v: number) => number, side: number): void {
    const ctx = sizeCanvas(contourCanvas, frame.margin.left, frame.margin.top, side, side);
    if (!ctx || !grid || grid.bands.length === 0) return;
    const toPx = new DOMMatrix([(x(grid.x1) - x(grid.x0)) / grid.nx, 0, 0, (y(grid.y1) - y(grid.y0)) / grid.ny, x(grid.x0), y(grid.y0)]);
    const shade = scaleLinear<string>()
      .domain([0, Math.max(1, grid.bands.length - 1)])
      .range([themeColour('--contour-low'), themeColour('--contour-high')]);
    ctx.strokeStyle = themeColour('--contour-line');
    ctx.lineWidth = 0.6;
    grid.bands.forEach((b, i) => {
      const path = new Path2D();
      path.addPath(new Path2D(b.path), toPx);
      ctx.fillStyle = shade(i);
      ctx.fill(path);
      ctx.stroke(path);
    });
  }

  return {
    draw,
    dispose: () => {
      frame.dispose();
      canvas.remove();
      contourCanvas.remove();
    },
  };
}
