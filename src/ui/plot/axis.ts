/**
 * A linear axis drawn like d3-axis (same elements, classes and attributes: g.tick > line + text,
 * path.domain; ticks and labels from the scale's own `ticks`/`tickFormat`), but its tick elements
 * are reused by position instead of joined by value. d3-axis keys ticks by value, so a domain that
 * moves by a hair (every separation input moves most of ours) removes and re-creates every tick
 * element; here an update only rewrites the transforms and labels that changed — a few ms less
 * DOM work per redraw of a page with some twenty axes.
 */
import type { ScaleLinear } from 'd3';
import { setText } from '../set-text';

export type AxisOrient = 'bottom' | 'left';

export interface AxisSpec {
  ticks: number;
  tickValues?: readonly number[];
  format?: (v: number) => string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TICK_SIZE = 6;
const PADDING = 3;

interface Tick {
  g: SVGGElement;
  text: SVGTextElement;
  transform: string;
}

interface AxisState {
  domain: SVGPathElement;
  ticks: Tick[];
}

const states = new WeakMap<SVGGElement, AxisState>();

function setup(g: SVGGElement, orient: AxisOrient): AxisState {
  g.setAttribute('fill', 'none');
  g.setAttribute('font-size', '10');
  g.setAttribute('font-family', 'sans-serif');
  g.setAttribute('text-anchor', orient === 'left' ? 'end' : 'middle');
  g.replaceChildren();
  const domain = document.createElementNS(SVG_NS, 'path');
  domain.setAttribute('class', 'domain');
  domain.setAttribute('stroke', 'currentColor');
  g.appendChild(domain);
  const state = { domain, ticks: [] };
  states.set(g, state);
  return state;
}

function makeTick(orient: AxisOrient): Tick {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'tick');
  g.setAttribute('opacity', '1');
  const line = document.createElementNS(SVG_NS, 'line');
  line.setAttribute('stroke', 'currentColor');
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('fill', 'currentColor');
  if (orient === 'bottom') {
    line.setAttribute('y2', String(TICK_SIZE));
    text.setAttribute('y', String(TICK_SIZE + PADDING));
    text.setAttribute('dy', '0.71em');
  } else {
    line.setAttribute('x2', String(-TICK_SIZE));
    text.setAttribute('x', String(-(TICK_SIZE + PADDING)));
    text.setAttribute('dy', '0.32em');
  }
  g.append(line, text);
  return { g, text, transform: '' };
}

export function renderAxis(g: SVGGElement, scale: ScaleLinear<number, number>, orient: AxisOrient, spec: AxisSpec): void {
  const state = states.get(g) ?? setup(g, orient);
  // As d3-axis: half-pixel offset on standard-density screens, so 1 px lines stay crisp.
  const offset = typeof window !== 'undefined' && window.devicePixelRatio > 1 ? 0 : 0.5;
  const values = spec.tickValues ?? scale.ticks(spec.ticks);
  const format = spec.format ?? scale.tickFormat(spec.ticks);
  const [r0, r1] = scale.range().map((r) => r + offset);
  const d = orient === 'bottom' ? `M${r0},${TICK_SIZE}V${offset}H${r1}V${TICK_SIZE}` : `M${-TICK_SIZE},${r0}H${offset}V${r1}H${-TICK_SIZE}`;
  if (state.domain.getAttribute('d') !== d) state.domain.setAttribute('d', d);
  while (state.ticks.length > values.length) state.ticks.pop()!.g.remove();
  while (state.ticks.length < values.length) {
    const t = makeTick(orient);
    g.appendChild(t.g);
    state.ticks.push(t);
  }
  values.forEach((v, i) => {
    const t = state.ticks[i];
    const p = scale(v) + offset;
    const transform = orient === 'bottom' ? `translate(${p},0)` : `translate(0,${p})`;
    if (transform !== t.transform) t.g.setAttribute('transform', (t.transform = transform));
    setText(t.text, format(v));
  });
}
