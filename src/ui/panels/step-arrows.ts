/**
 * The EM step, the gradient and the Newton step at one θ as arrows on the trajectory plane (equal
 * units on both axes). EM and Newton are drawn to scale; the gradient has other units (L per unit
 * of μ), so it is drawn at the EM step's length: only its direction counts. Steps too short to see
 * are magnified together by a stated factor (their ratios are kept); an arrow that would leave the
 * plot stops at its edge, without a head.
 */
import type { ScaleLinear, Selection } from 'd3';
import type { PlaneSteps, Vec2 } from '../../engine/local-steps';
import { METHOD_STYLE } from '../palette';
import './step-arrows.css';

type G = Selection<SVGGElement, unknown, null, undefined>;

export const STEP_ARROWS = [
  { key: 'em', label: 'EM', colour: METHOD_STYLE.em.colour, dash: '' },
  { key: 'grad', label: '∇L', colour: METHOD_STYLE.grad.colour, dash: '6 3' },
  { key: 'newton', label: 'Newton', colour: METHOD_STYLE.newton.colour, dash: '2 2' },
] as const;

/** Shortest EM arrow, px (less on a small plane): below it every arrow is magnified. */
const MIN_PX = 44;
const MIN_SHARE = 0.15;
const HEAD_PX = 7;

/** The smallest of 1, 2, 5, 10, 20, … that is ≥ x. */
export function niceFactor(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

interface Arrow {
  key: string;
  label: string;
  colour: string;
  dash: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The arrow was cut at the plot's edge. */
  cut: boolean;
}

/** Shortens the segment from (x0, y0) by (dx, dy) so it stays inside [0, side]². */
function fit(x0: number, y0: number, dx: number, dy: number, side: number): { x1: number; y1: number; cut: boolean } {
  let t = 1;
  if (x0 + dx > side) t = Math.min(t, (side - x0) / dx);
  if (x0 + dx < 0) t = Math.min(t, -x0 / dx);
  if (y0 + dy > side) t = Math.min(t, (side - y0) / dy);
  if (y0 + dy < 0) t = Math.min(t, -y0 / dy);
  t = Math.max(0, t);
  return { x1: x0 + t * dx, y1: y0 + t * dy, cut: t < 1 };
}

function arrowPath(a: Arrow): string {
  const dx = a.x1 - a.x0;
  const dy = a.y1 - a.y0;
  const l = Math.hypot(dx, dy);
  let d = `M${a.x0},${a.y0}L${a.x1},${a.y1}`;
  if (!a.cut && l > 0) {
    const ux = dx / l;
    const uy = dy / l;
    const h = Math.min(HEAD_PX, 0.45 * l);
    d += `M${a.x1 - h * ux - 0.55 * h * uy},${a.y1 - h * uy + 0.55 * h * ux}L${a.x1},${a.y1}L${a.x1 - h * ux + 0.55 * h * uy},${a.y1 - h * uy - 0.55 * h * ux}`;
  }
  return d;
}

interface Label {
  key: string;
  colour: string;
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

const LINE_PX = 12;

/**
 * Each label beside its arrow's head (an arrow cut at the edge: beside its last visible stretch,
 * inside the plot), moved a line up or down (nearest first, staying inside) while it would overlap
 * one placed before it.
 */
function labelPositions(arrows: Arrow[], side: number): Label[] {
  const placed: Label[] = [];
  for (const a of arrows) {
    const t = a.cut ? 0.8 : 1;
    const px = a.x0 + t * (a.x1 - a.x0);
    const py = a.y0 + t * (a.y1 - a.y0);
    const right = a.cut ? a.x1 < a.x0 : a.x1 >= a.x0;
    const text = `${a.label}${a.cut ? ' …' : ''}`;
    const l: Label = {
      key: a.key,
      colour: a.colour,
      text,
      x: px + (right ? 5 : -5),
      y: py + (a.y1 >= a.y0 ? 11 : -5),
      anchor: right ? 'start' : 'end',
    };
    // Horizontal extent, roughly 6.5 px per character at 10.5 px.
    const span = (b: Label) => (b.anchor === 'start' ? [b.x, b.x + 6.5 * b.text.length] : [b.x - 6.5 * b.text.length, b.x]);
    const clash = () =>
      placed.some((b) => {
        const [l0, l1] = span(l);
        const [b0, b1] = span(b);
        return Math.abs(b.y - l.y) < LINE_PX && l0 < b1 && b0 < l1;
      });
    const y0 = Math.max(LINE_PX, Math.min(side - 3, l.y));
    for (const k of [0, -1, 1, -2, 2, -3, 3]) {
      l.y = y0 + k * LINE_PX;
      if (l.y >= LINE_PX && l.y <= side - 3 && !clash()) break;
    }
    placed.push(l);
  }
  return placed;
}

/** Draws (or clears, with steps = null) the arrows; `stale`: drawn faintly while newer ones are fetched. */
export function drawStepArrows(
  g: G,
  steps: PlaneSteps | null,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  side: number,
  stale: boolean,
): void {
  const arrows: Arrow[] = [];
  let factor = 1;
  if (steps && !steps.converged) {
    const px = (v: Vec2): [number, number] => [x(v[0]) - x(0), y(v[1]) - y(0)];
    const em = px(steps.em);
    const emLen = Math.hypot(em[0], em[1]);
    if (emLen > 0 && Number.isFinite(emLen)) {
      factor = niceFactor(Math.min(MIN_PX, MIN_SHARE * side) / emLen);
      const x0 = x(steps.origin[0]);
      const y0 = y(steps.origin[1]);
      const g0 = px(steps.gradient);
      const gLen = Math.hypot(g0[0], g0[1]);
      const vecs: (readonly [number, number] | null)[] = [
        [em[0] * factor, em[1] * factor],
        gLen > 0 ? [(g0[0] / gLen) * emLen * factor, (g0[1] / gLen) * emLen * factor] : null,
        steps.newton ? (px(steps.newton).map((v) => v * factor) as [number, number]) : null,
      ];
      STEP_ARROWS.forEach((s, i) => {
        const v = vecs[i];
        if (!v || !Number.isFinite(v[0]) || !Number.isFinite(v[1])) return;
        arrows.push({ ...s, x0, y0, ...fit(x0, y0, v[0], v[1], side) });
      });
    }
  }
  g.attr('opacity', stale ? 0.4 : 1);
  g.selectAll('path.step-arrow')
    .data(arrows, (d) => (d as Arrow).key)
    .join((e) => {
      const p = e.append('path').attr('class', 'step-arrow').attr('fill', 'none').attr('stroke-width', 2.2).attr('stroke-linecap', 'round');
      p.append('title');
      return p;
    })
    .attr('data-step', (d) => d.key)
    .attr('stroke', (d) => d.colour)
    .attr('stroke-dasharray', (d) => d.dash || null)
    .attr('d', arrowPath)
    .select('title')
    .text(
      (d) =>
        `${d.label} step${d.key === 'grad' ? ' direction (drawn at the EM step’s length)' : ''}${d.cut ? ' (continues beyond the plot)' : ''}`,
    );
  g.selectAll('text.step-label')
    .data(labelPositions(arrows, side), (d) => (d as Label).key)
    .join('text')
    .attr('class', 'step-label')
    .attr('fill', (d) => d.colour)
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('text-anchor', (d) => d.anchor)
    .text((d) => d.text);
  g.selectAll('text.step-factor')
    .data(arrows.length && factor > 1 ? [factor] : [])
    .join('text')
    .attr('class', 'step-factor')
    .attr('x', side - 4)
    .attr('y', 12)
    .attr('text-anchor', 'end')
    .text((f) => `arrows ×${f}`);
}
