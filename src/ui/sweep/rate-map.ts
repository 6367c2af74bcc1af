/**
 * The rate map (D3 into one SVG): λ_max(DM) at θ* over separation × weight (or × variance ratio), one
 * data set per grid point, and a probe at the live experiment's (separation, weight) that can be
 * dragged (pointer) or moved with the arrow keys to set them. Colour encodes the decades to 1,
 * −log₁₀(1 − λ_max), so 0.9, 0.99 and 0.999 — 10×, 100×, 1000× slower EM — are distinct colours
 * rather than one yellow.
 */
import { axisBottom, axisLeft, format, interpolateViridis, pointer, scaleLinear, scaleLog, select, type ScaleContinuousNumeric } from 'd3';
import type { MapAxis } from '../../experiment/sweep/spec';
import { MAP_RANGE } from '../../experiment/sweep/spec';
import { sig } from '../format';

export interface RateMapInput {
  seps: readonly number[];
  values: readonly number[];
  axis: MapAxis;
  /** Row-major by value: index = j · seps.length + i; undefined while pending, null where undefined. */
  lambda: readonly (number | null | undefined)[];
}

export interface Probe {
  sep: number;
  value: number;
}

export type ProbeCommit = 'drag' | 'release';

const M = { top: 10, right: 14, bottom: 34, left: 46 };
/** Colour scale: decades to 1, clamped at 4 (λ_max = 0.9999). */
const DECADES = 4;
export const decadesToOne = (lambda: number): number => Math.min(DECADES, -Math.log10(Math.max(10 ** -DECADES, 1 - lambda)));
export const lambdaColour = (lambda: number): string => interpolateViridis(decadesToOne(lambda) / DECADES);
/** Legend ticks: λ_max = 0, 0.9, 0.99, 0.999, 0.9999. */
export const LEGEND_LAMBDAS = [0, 0.9, 0.99, 0.999, 0.9999];

/** Cell edges around grid points: midpoints between neighbours (geometric on a log axis), half a step beyond the ends. */
export function cellEdges(points: readonly number[], log: boolean): number[] {
  const f = log ? Math.log : (v: number) => v;
  const g = log ? Math.exp : (v: number) => v;
  const t = points.map(f);
  if (t.length === 1) return [g(t[0] - 0.5), g(t[0] + 0.5)];
  const mids = t.slice(1).map((v, i) => (v + t[i]) / 2);
  return [g(2 * t[0] - mids[0]), ...mids.map(g), g(2 * t[t.length - 1] - mids[mids.length - 1])];
}

/** The nearest grid point's λ_max to (sep, value), for the probe's readout. */
export function lambdaNear(input: RateMapInput, probe: Probe): number | null | undefined {
  const near = (xs: readonly number[], v: number, log: boolean) => {
    let best = 0;
    const d = (a: number) => Math.abs(log ? Math.log(a / v) : a - v);
    xs.forEach((x, i) => {
      if (d(x) < d(xs[best])) best = i;
    });
    return best;
  };
  const i = near(input.seps, probe.sep, false);
  const j = near(input.values, probe.value, MAP_RANGE[input.axis].log);
  return input.lambda[j * input.seps.length + i];
}

export interface RateMapHandlers {
  onProbe(p: Probe, commit: ProbeCommit): void;
}

/** Per chart: whether a drag is on, and the latest handlers (a redraw mid-drag must not end the drag). */
const charts = new WeakMap<SVGSVGElement, { dragging: boolean; handlers: RateMapHandlers }>();

export function drawRateMap(
  svgEl: SVGSVGElement,
  input: RateMapInput,
  probe: Probe,
  width: number,
  height: number,
  handlers: RateMapHandlers,
): void {
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  const w = Math.max(10, width - M.left - M.right);
  const h = Math.max(10, height - M.top - M.bottom);
  const { seps, values, axis, lambda } = input;
  const range = MAP_RANGE[axis];
  const xe = cellEdges(seps, false);
  const ye = cellEdges(values, range.log);
  const x = scaleLinear()
    .domain([xe[0], xe[xe.length - 1]])
    .range([0, w]);
  const y: ScaleContinuousNumeric<number, number> = (range.log ? scaleLog() : scaleLinear())
    .domain([ye[0], ye[ye.length - 1]])
    .range([h, 0]);

  const root = svg
    .selectAll<SVGGElement, null>('g.plot')
    .data([null])
    .join('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${M.left},${M.top})`);
  const cells = lambda.map((l, k) => ({ l, i: k % seps.length, j: Math.floor(k / seps.length) }));
  root
    .selectAll<SVGRectElement, (typeof cells)[number]>('rect.cell')
    .data(cells)
    .join('rect')
    .attr('class', 'cell')
    .attr('x', (c) => x(xe[c.i]))
    .attr('width', (c) => Math.max(0, x(xe[c.i + 1]) - x(xe[c.i])) + 0.5)
    .attr('y', (c) => y(ye[c.j + 1]))
    .attr('height', (c) => Math.max(0, y(ye[c.j]) - y(ye[c.j + 1])) + 0.5)
    .attr('data-state', (c) => (c.l === undefined ? 'pending' : c.l === null ? 'undefined' : 'ready'))
    .attr('fill', (c) => (typeof c.l === 'number' ? lambdaColour(c.l) : 'var(--panel)'))
    .selectAll('title')
    .data((c) => [c])
    .join('title')
    .text((c) => {
      const where = `separation ${seps[c.i]} σ, ${range.label} ${values[c.j]}`;
      return c.l === undefined
        ? `${where}: computing…`
        : c.l === null
          ? `${where}: λ_max undefined (degenerate θ*)`
          : `${where}: λ_max = ${sig(c.l, 5)}`;
    });

  root
    .selectAll<SVGGElement, null>('g.axis-x')
    .data([null])
    .join('g')
    .attr('class', 'axis axis-x')
    .attr('transform', `translate(0,${h})`)
    .call(
      axisBottom(x)
        .ticks(Math.min(8, Math.floor(w / 50)))
        .tickSizeOuter(0),
    );
  root
    .selectAll<SVGGElement, null>('g.axis-y')
    .data([null])
    .join('g')
    .attr('class', 'axis axis-y')
    .call(
      axisLeft(y)
        .ticks(range.log ? 4 : 5, range.log ? format('~g') : format('.2'))
        .tickSizeOuter(0),
    );
  root
    .selectAll('text.x-label')
    .data([null])
    .join('text')
    .attr('class', 'axis-label x-label')
    .attr('x', w / 2)
    .attr('y', h + 30)
    .attr('text-anchor', 'middle')
    .text('separation (pooled σ)');
  root
    .selectAll('text.y-label')
    .data([null])
    .join('text')
    .attr('class', 'axis-label y-label')
    .attr('transform', `translate(${-34},${h / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(range.label);

  // The probe: clamped into the map (the experiment may sit outside its range).
  const clampX = (v: number) => Math.min(xe[xe.length - 1], Math.max(xe[0], v));
  const clampY = (v: number) => Math.min(ye[ye.length - 1], Math.max(ye[0], v));
  const px = x(clampX(probe.sep));
  const py = y(clampY(probe.value));
  const state = charts.get(svgEl) ?? { dragging: false, handlers };
  state.handlers = handlers;
  charts.set(svgEl, state);
  const plot = root.node()!;
  const fromPointer = (ev: PointerEvent): Probe => {
    const [mx, my] = pointer(ev, plot);
    return { sep: clampX(x.invert(mx)), value: clampY(y.invert(my)) };
  };
  root
    .selectAll<SVGRectElement, null>('rect.probe-area')
    .data([null])
    .join('rect')
    .attr('class', 'probe-area')
    .attr('width', w)
    .attr('height', h)
    .on('pointerdown', function (ev: PointerEvent) {
      state.dragging = true;
      this.setPointerCapture(ev.pointerId);
      // The probe itself lets pointers through to here; focus it so the arrow keys take over.
      svgEl.querySelector<SVGGElement>('g.probe')?.focus({ preventScroll: true });
      state.handlers.onProbe(fromPointer(ev), 'drag');
    })
    .on('pointermove', (ev: PointerEvent) => {
      if (state.dragging) state.handlers.onProbe(fromPointer(ev), 'drag');
    })
    .on('pointerup pointercancel', function (ev: PointerEvent) {
      if (!state.dragging) return;
      state.dragging = false;
      if (this.hasPointerCapture(ev.pointerId)) this.releasePointerCapture(ev.pointerId);
      state.handlers.onProbe(fromPointer(ev), 'release');
    });

  const lam = lambdaNear(input, probe);
  const valueText =
    `separation ${probe.sep.toFixed(2)} σ, ${range.label} ${probe.value.toFixed(2)}` +
    (typeof lam === 'number' ? `; λ_max ≈ ${sig(lam, 4)} nearby` : '');
  const g = root
    .selectAll<SVGGElement, null>('g.probe')
    .data([null])
    .join((enter) => {
      const p = enter.append('g').attr('class', 'probe').attr('tabindex', 0).attr('role', 'slider');
      p.append('line').attr('class', 'probe-h');
      p.append('line').attr('class', 'probe-v');
      p.append('circle').attr('class', 'probe-ring').attr('r', 8);
      return p;
    });
  g.attr('aria-label', `Rate map probe: separation and ${range.label} of the live experiment`)
    .attr('aria-valuemin', xe[0].toFixed(2))
    .attr('aria-valuemax', xe[xe.length - 1].toFixed(2))
    .attr('aria-valuenow', probe.sep)
    .attr('aria-valuetext', valueText)
    .on('keydown', (ev: KeyboardEvent) => {
      const big = ev.shiftKey;
      const ds = big ? 0.5 : 0.05;
      const stepValue = (v: number, dir: 1 | -1) => (range.log ? v * 10 ** (dir * (big ? 0.1 : 0.01)) : v + dir * (big ? 0.1 : 0.01));
      const moves: Record<string, Probe> = {
        ArrowLeft: { sep: probe.sep - ds, value: probe.value },
        ArrowRight: { sep: probe.sep + ds, value: probe.value },
        ArrowUp: { sep: probe.sep, value: stepValue(probe.value, 1) },
        ArrowDown: { sep: probe.sep, value: stepValue(probe.value, -1) },
      };
      const next = moves[ev.key];
      if (!next) return;
      ev.preventDefault();
      handlers.onProbe({ sep: clampX(next.sep), value: clampY(next.value) }, 'release');
    });
  g.select('line.probe-h')
    .attr('x1', -px)
    .attr('x2', w - px)
    .attr('y1', 0)
    .attr('y2', 0);
  g.select('line.probe-v')
    .attr('x1', 0)
    .attr('x2', 0)
    .attr('y1', -py)
    .attr('y2', h - py);
  g.attr('transform', `translate(${px},${py})`);
}
