/**
 * Parameter trajectories: every method's path in the (μ₁, μ₂) plane (2D: first coordinates)
 * over log-likelihood contours of a profile slice (all other parameters held at θ*), and small
 * multiples of each parameter against iteration.
 */
import { scaleLinear, type ScaleLinear, symbol, symbolCircle, symbolCross, symbolStar, type Selection } from 'd3';
import { useRef } from 'react';
import { planeAxes } from '../../engine/params';
import { methodLabel } from '../../experiment/codec';
import { setArticlePref, useArticlePrefs } from '../../state/article-prefs';
import { useLocalSteps } from '../../state/local-steps-store';
import { alignedReference, pendingKind, traceOf } from '../../state/run-data';
import { thetaColumn } from '../../state/rows';
import { useStore, type ContourGrid, type RunState } from '../../state/store';
import { fixed, sig } from '../format';
import { MARKER_SYMBOLS, METHOD_STYLE, TRUTH_STYLE, isOutlineMarker } from '../palette';
import { Panel, markBusy, usePanelChart } from '../Panel';
import { PANEL_NAME } from './panel-table';
import { createFrame, type ChartFrame } from '../plot/frame';
import { sizeCanvas, strokeSeries } from '../plot/path';
import { createSeriesChart, type SeriesChart } from '../plot/series-chart';
import { methodSeries, shownRows, xExtent } from './series-data';
import { currentTheme, themeColour } from '../theme';
import { drawStepArrows } from './step-arrows';
import { setText } from '../set-text';

export const PARAM_LABELS: Record<1 | 2, string[]> = {
  1: ['π', 'μ₁', 'μ₂', 'σ₁²', 'σ₂²'],
  2: ['π', 'μ₁ x', 'μ₁ y', 'μ₂ x', 'μ₂ y', 'Σ₁ xx', 'Σ₁ xy', 'Σ₁ yy', 'Σ₂ xx', 'Σ₂ xy', 'Σ₂ yy'],
};

type G = Selection<SVGGElement, unknown, null, undefined>;

export function TrajectoryPanel() {
  const figure = useRef<HTMLElement>(null);
  const planeBody = useRef<HTMLDivElement>(null);
  const multiples = useRef<HTMLDivElement>(null);
  usePanelChart(PANEL_NAME.trajectories, figure, () => {
    const plane = createPlane(planeBody.current!);
    let charts: SeriesChart[] = [];
    let chartsP = 0;
    // The steps come from the worker on their own schedule (and the toggle is a local preference):
    // only the arrows are redrawn then, in the next frame, not the whole panel.
    let stepsFrame = 0;
    const redrawSteps = () => {
      stepsFrame ||= requestAnimationFrame(() => {
        stepsFrame = 0;
        plane.drawSteps();
      });
    };
    const unsubscribe = [useLocalSteps.subscribe(redrawSteps), useArticlePrefs.subscribe(redrawSteps)];
    return {
      draw() {
        const { run, config } = useStore.getState();
        const h = run.header;
        const haveContours = run.contours !== null && run.contoursEpoch === run.epoch;
        const pending = pendingKind(run, config.it);
        if (h) {
          plane.draw(run, config.it);
          if (chartsP !== h.p) {
            charts.forEach((c) => c.dispose());
            multiples.current!.replaceChildren();
            charts = PARAM_LABELS[h.dim].map(() => {
              const cell = document.createElement('div');
              cell.className = 'multiple';
              multiples.current!.appendChild(cell);
              return createSeriesChart(cell, { top: 17, right: 6, bottom: 18, left: 40 });
            });
            chartsP = h.p;
            multiples.current!.dataset.p = String(h.p);
          }
          const labels = PARAM_LABELS[h.dim];
          const star = alignedReference(run).optimum;
          charts.forEach((c, j) => {
            const series = methodSeries(run, config.it, 'iterations', thetaColumn(j));
            let lo = star[j];
            let hi = lo;
            for (const s of series)
              for (let i = 0; i < s.n; i++) {
                const v = s.y(i);
                if (Number.isFinite(v)) {
                  lo = Math.min(lo, v);
                  hi = Math.max(hi, v);
                }
              }
            const pad = Math.max(1e-6, (hi - lo) * 0.08);
            // Rounded out to tick steps: the axes (SVG) change only when a path crosses a step, not every frame.
            const yDomain = scaleLinear()
              .domain([lo - pad, hi + pad])
              .nice(4)
              .domain() as [number, number];
            c.draw({
              series,
              xDomain: xExtent(series, 10),
              yDomain,
              cursorX: config.it,
              xLabel: '',
              yLabel: labels[j],
              xTicks: 2,
              yTicks: 2,
              yFormat: (v) => sig(v, 3),
              refLines: [{ y: star[j], label: '', dash: '2 3', colour: themeColour('--ref-line') }],
              hoverY: (v) => sig(v, 6),
            });
          });
        }
        return markBusy(figure.current, pending !== 'none' || !haveContours, pending === 'deferred' && haveContours);
      },
      dispose() {
        unsubscribe.forEach((u) => u());
        cancelAnimationFrame(stepsFrame);
        plane.dispose();
        charts.forEach((c) => c.dispose());
      },
    };
  });
  return (
    <Panel
      ref={figure}
      name={PANEL_NAME.trajectories}
      className="panel-trajectories"
      caption={<TrajectoryCaption />}
      tools={<ShowStepsToggle />}
    >
      <div className="trajectory-layout">
        <div ref={planeBody} className="panel-body plane-body" />
        <div ref={multiples} className="multiples" aria-label="Each parameter against iteration" />
      </div>
    </Panel>
  );
}

/** The (μ₁, μ₂) plane: contours (cached per grid and size), diagonal, paths and markers. */
function createPlane(host: HTMLElement) {
  // Contours and paths on two canvases under the SVG (glyphs, axes and hover stay in SVG): the
  // contours' canvas is redrawn only when the grid changes, the paths' on every frame over it.
  const contourCanvas = document.createElement('canvas');
  const canvas = document.createElement('canvas');
  for (const c of [canvas, contourCanvas]) {
    c.className = 'series-canvas';
    c.setAttribute('aria-hidden', 'true');
    host.prepend(c);
  }
  const frame: ChartFrame = createFrame(host, { top: 20, right: 10, bottom: 34, left: 44 });
  const diag = frame.plot.append('line').attr('class', 'diagonal');
  const stepsG: G = frame.plot.append('g').attr('class', 'steps');
  const marksG: G = frame.plot.append('g').attr('class', 'marks');
  const cross = frame.overlay.append('g').attr('class', 'crosshair');
  let contourKey = '';
  /** The plane's scales as last drawn (the arrows are redrawn on their own with them). */
  let scales: { x: ScaleLinear<number, number>; y: ScaleLinear<number, number>; side: number } | null = null;

  /** Arrows at the focus method's θ, if they were computed for this race and this method. */
  function drawSteps(): void {
    const { run, view } = useStore.getState();
    if (!scales || !run.header) return;
    const ls = useLocalSteps.getState();
    const focus = traceOf(run, view.focus) ?? run.traces[0];
    const ours = useArticlePrefs.getState().showSteps && ls.key.startsWith(`${run.epoch}:`) && ls.method === focus?.method;
    drawStepArrows(stepsG, ours ? ls.steps : null, scales.x, scales.y, scales.side, ls.key !== ls.wanted);
  }

  function draw(run: RunState, it: number): void {
    const h = run.header!;
    const [a, b] = planeAxes(h.dim);
    const grid = run.contours;
    // The visible square: the contour grid when there is one, else the start, truth and θ*.
    let lo: number, hi: number;
    if (grid) {
      lo = grid.x0;
      hi = grid.x1;
    } else {
      const v = [h.truth[a], h.truth[b], h.init[a], h.init[b], h.optimum.theta[a], h.optimum.theta[b]];
      lo = Math.min(...v) - 1;
      hi = Math.max(...v) + 1;
    }
    // Equal units on both axes: a square plot area.
    const side = Math.max(
      10,
      Math.min(frame.width - frame.margin.left - frame.margin.right, frame.height - frame.margin.top - frame.margin.bottom),
    );
    frame.margin.right = Math.max(10, frame.width - frame.margin.left - side);
    frame.margin.bottom = Math.max(34, frame.height - frame.margin.top - side);
    const x = scaleLinear().domain([lo, hi]).range([0, side]);
    const y = scaleLinear().domain([lo, hi]).range([side, 0]);
    const sym = h.dim === 1 ? '' : ' x';
    frame.axes(x, y, { xLabel: `μ₁${sym}`, yLabel: `μ₂${sym}`, xTicks: 5, yTicks: 5 });

    const key = grid ? `${currentTheme()}:${run.contoursEpoch}:${grid.nx}:${side}` : '';
    if (key !== contourKey) {
      contourKey = key;
      renderContours(contourLayers(grid, x, y), side);
    }
    diag.attr('x1', x(lo)).attr('y1', y(lo)).attr('x2', x(hi)).attr('y2', y(hi));

    const [xa, ya] = [thetaColumn(a), thetaColumn(b)];
    const paths = run.traces.map((t) => ({ t, n: shownRows(t, it), st: METHOD_STYLE[t.method] }));
    const ctx = sizeCanvas(canvas, frame.margin.left, frame.margin.top, side, side);
    if (ctx) {
      for (const d of paths)
        strokeSeries(
          ctx,
          d.n,
          (i) => xa(d.t, i),
          (i) => ya(d.t, i),
          x,
          y,
          1e9,
          {
            colour: d.st.colour,
            dash: d.st.dashArray,
            width: 1.6,
          },
        );
    }
    scales = { x, y, side };
    drawSteps();

    const heads = paths.filter((d) => d.n > 0);
    marksG
      .selectAll('path.head')
      .data(heads, (d) => (d as (typeof heads)[number]).t.method)
      .join((e) => {
        const p = e.append('path').attr('class', 'head');
        p.append('title');
        return p;
      })
      .attr('d', (d) => symbol(MARKER_SYMBOLS[d.st.marker], 70)())
      .attr('fill', (d) => (isOutlineMarker(d.st.marker) ? 'none' : d.st.colour))
      .attr('stroke', (d) => (isOutlineMarker(d.st.marker) ? d.st.colour : themeColour('--bg')))
      .attr('stroke-width', (d) => (isOutlineMarker(d.st.marker) ? 2 : 1))
      .attr('transform', (d) => `translate(${x(xa(d.t, d.n - 1))},${y(ya(d.t, d.n - 1))})`)
      .select('title')
      .each(function (d) {
        setText(this as Element, `${methodLabel(d.t.method)} at iteration ${d.n - 1}`);
      });
    const ref = alignedReference(run);
    const refs = [
      { k: 'start', t: h.init, label: 'start', glyph: symbol(symbolCircle, 90)(), fill: 'none', stroke: themeColour('--fg') },
      { k: 'opt', t: ref.optimum, label: 'θ* (optimum)', glyph: symbol(symbolStar, 110)(), fill: '#ffd200', stroke: '#000' },
      { k: 'truth', t: ref.truth, label: 'truth', glyph: symbol(symbolCross, 70)(), fill: TRUTH_STYLE.colour, stroke: 'none' },
    ];
    marksG
      .selectAll('path.ref')
      .data(refs, (d) => (d as (typeof refs)[number]).k)
      .join((e) => {
        const p = e.append('path').attr('class', 'ref');
        p.append('title');
        return p;
      })
      .attr('d', (d) => d.glyph)
      .attr('fill', (d) => d.fill)
      .attr('stroke', (d) => d.stroke)
      .attr('transform', (d) => `translate(${x(d.t[a])},${y(d.t[b])})`)
      .select('title')
      .each(function (d) {
        setText(this as Element, `${d.label}: (${fixed(d.t[a], 3)}, ${fixed(d.t[b], 3)})`);
      });

    if (frame.hover && frame.hover.x <= side && frame.hover.y <= side) {
      const mx = x.invert(frame.hover.x);
      const my = y.invert(frame.hover.y);
      cross
        .selectAll('line')
        .data([0, 1])
        .join('line')
        .attr('x1', (d) => (d ? 0 : frame.hover!.x))
        .attr('x2', (d) => (d ? side : frame.hover!.x))
        .attr('y1', (d) => (d ? frame.hover!.y : 0))
        .attr('y2', (d) => (d ? frame.hover!.y : side));
      frame.showTooltip(frame.hover.x, frame.hover.y, [
        { text: `μ₁${sym} = ${fixed(mx, 3)}, μ₂${sym} = ${fixed(my, 3)}` },
        { text: `L (slice) = ${grid ? fixed(lookup(grid, mx, my), 3) : '—'}` },
      ]);
    } else {
      cross.selectAll('*').remove();
      frame.hideTooltip();
    }
  }

  function renderContours(layers: { path: Path2D; fill: string }[], side: number): void {
    const ctx = sizeCanvas(contourCanvas, frame.margin.left, frame.margin.top, side, side);
    if (!ctx) return;
    ctx.strokeStyle = themeColour('--contour-line');
    ctx.lineWidth = 0.6;
    for (const c of layers) {
      ctx.fillStyle = c.fill;
      ctx.fill(c.path);
      ctx.stroke(c.path);
    }
  }

  /** Filled log-likelihood levels (computed in the worker) as canvas paths, once per grid and size. */
  function contourLayers(grid: ContourGrid | null, x: (v: number) => number, y: (v: number) => number): { path: Path2D; fill: string }[] {
    if (!grid || grid.bands.length === 0) return [];
    // Grid units → pixels is affine (linear scales): one matrix for every band's path.
    const toPx = new DOMMatrix([(x(grid.x1) - x(grid.x0)) / grid.nx, 0, 0, (y(grid.y1) - y(grid.y0)) / grid.ny, x(grid.x0), y(grid.y0)]);
    const shade = scaleLinear<string>()
      .domain([0, Math.max(1, grid.bands.length - 1)])
      .range([themeColour('--contour-low'), themeColour('--contour-high')]);
    return grid.bands.map((b, i) => {
      const path = new Path2D();
      path.addPath(new Path2D(b.path), toPx);
      return { path, fill: shade(i) };
    });
  }

  return {
    draw,
    drawSteps,
    dispose: () => {
      frame.dispose();
      canvas.remove();
      contourCanvas.remove();
    },
  };
}

function lookup(g: ContourGrid, mx: number, my: number): number {
  const ix = Math.floor(((mx - g.x0) / (g.x1 - g.x0)) * g.nx);
  const iy = Math.floor(((my - g.y0) / (g.y1 - g.y0)) * g.ny);
  if (ix < 0 || iy < 0 || ix >= g.nx || iy >= g.ny) return NaN;
  return g.values[iy * g.nx + ix];
}

function ShowStepsToggle() {
  const on = useArticlePrefs((s) => s.showSteps);
  return (
    <label className="inline-check">
      <input type="checkbox" checked={on} onChange={(e) => setArticlePref({ showSteps: e.currentTarget.checked })} />
      Show steps
    </label>
  );
}

function TrajectoryCaption() {
  const dim = useStore((s) => s.config.dim);
  const showSteps = useArticlePrefs((s) => s.showSteps);
  return (
    <>
      Contours: L over ({dim === 1 ? 'μ₁, μ₂' : 'μ₁ x, μ₂ x'}) with every other parameter held at θ* — a profile slice, so a path that also
      moves {dim === 1 ? 'π and the variances' : 'the other parameters'} need not follow them. ○ start, ★ θ*, + truth; the dashed diagonal
      is the label-swap symmetry line.
      {showSteps &&
        ' Arrows at the spectrum method’s point: its EM step and Newton step to scale (magnified together when short, factor shown), the gradient ∇L at the EM step’s length (direction only); all projected on this plane.'}{' '}
      Right: each parameter against iteration (dotted: θ*).
    </>
  );
}
