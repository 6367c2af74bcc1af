/**
 * The convergence-vs-separation chart (D3 into one SVG): per separation, one box per method —
 * quartiles, median, whiskers to the smallest and largest run that reached the gap — on a log axis
 * of E-steps. Runs censored at the cap (capped, or stopped short of the gap) are drawn as hollow
 * triangles on the cap line with their count; a quartile above the cap makes the box reach the cap
 * line, and a median above it is marked there with a filled triangle. EM's E-steps predicted from
 * λ_max are a dotted line in EM's colour.
 */
import { axisBottom, axisLeft, format, line, scaleBand, scaleLog, select, symbol, symbolTriangle } from 'd3';
import type { MethodId } from '../../engine/types';
import { methodLabel } from '../../experiment/codec';
import type { SweepCellEntry } from '../../experiment/sweep/document';
import { int } from '../format';
import { METHOD_STYLE } from '../palette';

export interface BoxPlotInput {
  seps: readonly number[];
  methods: readonly MethodId[];
  /** Cells finished so far (any subset of separations × methods). */
  entries: readonly SweepCellEntry[];
  cap: number;
}

const M = { top: 14, right: 12, bottom: 34, left: 52 };
const triangle = symbol(symbolTriangle, 46)()!;

/** Why a cell's censored runs are censored: "2 capped, 1 collapse". */
export function censoredBreakdown(e: SweepCellEntry): string {
  const counts = new Map<string, number>();
  for (const o of e.outcomes) if (o !== 'reached') counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].map(([o, k]) => `${k} ${o}`).join(', ');
}

/** A tooltip for one box, in words. */
export function boxTitle(e: SweepCellEntry, cap: number): string {
  const s = e.stats;
  const q = (x: number | null) => (x === null ? `> ${int(cap)}` : int(x));
  const censored = s.censored ? `; ${s.censored} of ${s.n} censored at the cap ${int(cap)} (${censoredBreakdown(e)})` : '';
  return `${methodLabel(e.method)} at ${e.sep} σ: median ${q(s.median)} E-steps (quartiles ${q(s.q1)} – ${q(s.q3)}), ${s.n} runs${censored}`;
}

export function drawBoxPlot(svgEl: SVGSVGElement, input: BoxPlotInput, width: number, height: number): void {
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  const w = Math.max(10, width - M.left - M.right);
  const h = Math.max(10, height - M.top - M.bottom);
  const { seps, methods, entries, cap } = input;

  const lows = entries.flatMap((e) => [e.stats.min, e.predicted?.median ?? null]).filter((x): x is number => x !== null && x > 0);
  const yMin = Math.max(1, Math.min(cap / 10, ...lows) / 1.5);
  const y = scaleLog()
    .domain([yMin, cap * 1.6])
    .range([h, 0]);
  const x = scaleBand<number>()
    .domain([...seps])
    .range([0, w])
    .paddingInner(0.18)
    .paddingOuter(0.08);
  const inner = scaleBand<MethodId>()
    .domain([...methods])
    .range([0, x.bandwidth()])
    .paddingInner(0.15);
  const bw = inner.bandwidth();

  // EM's predicted line may run above the axis (λ_max → 1): clip it to the plot area.
  const clipId = `${svgEl.id || 'box-plot'}-clip`;
  svg
    .selectAll('defs')
    .data([null])
    .join('defs')
    .selectAll('clipPath')
    .data([null])
    .join('clipPath')
    .attr('id', clipId)
    .selectAll('rect')
    .data([null])
    .join('rect')
    .attr('width', w)
    .attr('height', h);
  const root = svg
    .selectAll<SVGGElement, null>('g.plot')
    .data([null])
    .join('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${M.left},${M.top})`);
  root
    .selectAll<SVGGElement, null>('g.axis-x')
    .data([null])
    .join('g')
    .attr('class', 'axis axis-x')
    .attr('transform', `translate(0,${h})`)
    .call(
      axisBottom(x)
        .tickFormat((d) => `${d}`)
        .tickSizeOuter(0),
    );
  root
    .selectAll<SVGGElement, null>('g.axis-y')
    .data([null])
    .join('g')
    .attr('class', 'axis axis-y')
    .call(axisLeft(y).ticks(5, format('~s')).tickSizeOuter(0));
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
    .attr('transform', `translate(${-40},${h / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text('E-steps to the gap');

  // The cap: every censored run sits on it.
  const capY = y(cap);
  root.selectAll('line.cap').data([null]).join('line').attr('class', 'cap').attr('x1', 0).attr('x2', w).attr('y1', capY).attr('y2', capY);
  root
    .selectAll('text.cap-label')
    .data([null])
    .join('text')
    .attr('class', 'cap-label')
    .attr('x', w)
    .attr('y', capY - 4)
    .attr('text-anchor', 'end')
    .text(`cap ${int(cap)}`);

  const boxes = root
    .selectAll<SVGGElement, SweepCellEntry>('g.box')
    .data(entries, (e) => `${e.sep}|${e.method}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'box');
      g.append('title');
      g.append('line').attr('class', 'whisker');
      g.append('rect').attr('class', 'iqr');
      g.append('line').attr('class', 'median');
      g.append('path').attr('class', 'censored-mark').attr('d', triangle);
      g.append('text').attr('class', 'censored-count');
      return g;
    })
    .attr('data-sep', (e) => e.sep)
    .attr('data-method', (e) => e.method)
    .attr('transform', (e) => `translate(${(x(e.sep) ?? 0) + (inner(e.method) ?? 0)},0)`);
  boxes.select('title').text((e) => boxTitle(e, cap));
  const colour = (e: SweepCellEntry) => METHOD_STYLE[e.method].colour;
  boxes
    .select('line.whisker')
    .attr('display', (e) => (e.stats.min === null ? 'none' : null))
    .attr('x1', bw / 2)
    .attr('x2', bw / 2)
    .attr('y1', (e) => y(e.stats.min ?? cap))
    .attr('y2', (e) => y(e.stats.max ?? cap))
    .attr('stroke', colour);
  boxes
    .select('rect.iqr')
    .attr('display', (e) => (e.stats.q1 === null ? 'none' : null))
    .attr('x', 0)
    .attr('width', bw)
    .attr('y', (e) => y(e.stats.q3 ?? cap))
    .attr('height', (e) => Math.max(1, y(e.stats.q1 ?? cap) - y(e.stats.q3 ?? cap)))
    .attr('fill', colour)
    .attr('stroke', colour)
    .attr('stroke-dasharray', (e) => METHOD_STYLE[e.method].dash || null);
  boxes
    .select('line.median')
    .attr('display', (e) => (e.stats.median === null ? 'none' : null))
    .attr('x1', 0)
    .attr('x2', bw)
    .attr('y1', (e) => y(e.stats.median ?? cap))
    .attr('y2', (e) => y(e.stats.median ?? cap))
    .attr('stroke', colour);
  // Censored runs: a triangle on the cap line (filled when the median itself is above the cap).
  boxes
    .select('path.censored-mark')
    .attr('display', (e) => (e.stats.censored === 0 ? 'none' : null))
    .attr('transform', `translate(${bw / 2},${capY - 7})`)
    .attr('stroke', colour)
    .attr('fill', (e) => (e.stats.median === null ? colour(e) : 'var(--panel)'));
  // Counts need room: on narrow boxes (phones, many separations) the tooltip and the table have them.
  boxes
    .select('text.censored-count')
    .attr('display', (e) => (e.stats.censored === 0 || bw < 10 ? 'none' : null))
    .attr('x', bw / 2)
    .attr('y', capY - 14)
    .attr('text-anchor', 'middle')
    .text((e) => e.stats.censored);

  // EM's prediction from λ_max, one point per separation with a prediction.
  const em = entries
    .filter((e) => e.method === 'em' && e.predicted?.median != null)
    .sort((a, b) => a.sep - b.sep)
    .map((e) => [(x(e.sep) ?? 0) + (inner('em') ?? 0) + bw / 2, y(e.predicted!.median!)] as [number, number]);
  root
    .selectAll('path.predicted')
    .data(methods.includes('em') ? [em] : [])
    .join('path')
    .attr('class', 'predicted')
    .attr('d', (pts) => line()(pts))
    .attr('stroke', METHOD_STYLE.em.colour)
    .attr('clip-path', `url(#${clipId})`);
  root
    .selectAll('circle.predicted-point')
    .data(methods.includes('em') ? em : [])
    .join('circle')
    .attr('class', 'predicted-point')
    .attr('cx', (p) => p[0])
    .attr('cy', (p) => p[1])
    .attr('r', 2.5)
    .attr('fill', METHOD_STYLE.em.colour)
    .attr('clip-path', `url(#${clipId})`);
}
