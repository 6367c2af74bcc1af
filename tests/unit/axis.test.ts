// @vitest-environment happy-dom
/**
 * renderAxis (src/ui/plot/axis.ts) against d3-axis itself: the same markup for the same scale and
 * ticks (elements, classes, attributes, labels, in order), and, unlike d3-axis, tick elements kept
 * (not re-created) when the domain moves.
 */
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { describe, expect, it } from 'vitest';
import { renderAxis, type AxisOrient } from '../../src/ui/plot/axis';

const NS = 'http://www.w3.org/2000/svg';

function d3Markup(
  orient: AxisOrient,
  domain: [number, number],
  range: [number, number],
  ticks: number,
  format?: (v: number) => string,
): string {
  const g = document.createElementNS(NS, 'g');
  const scale = scaleLinear().domain(domain).range(range);
  const ax = (orient === 'bottom' ? axisBottom(scale) : axisLeft(scale)).ticks(ticks);
  if (format) ax.tickFormat((d) => format(+d));
  select(g).call(ax);
  return g.outerHTML;
}

function ourMarkup(
  orient: AxisOrient,
  domain: [number, number],
  range: [number, number],
  ticks: number,
  format?: (v: number) => string,
  g = document.createElementNS(NS, 'g'),
): string {
  renderAxis(g, scaleLinear().domain(domain).range(range), orient, { ticks, format });
  return g.outerHTML;
}

/** d3-axis writes attributes in a different order; compare each element's attributes as a set. */
function normalise(html: string): string {
  const host = document.createElementNS(NS, 'svg');
  host.innerHTML = html;
  const walk = (el: Element): string =>
    `<${el.tagName.toLowerCase()} ${[...el.attributes]
      .map((a) => `${a.name}="${a.value}"`)
      .sort()
      .join(' ')}>${[...el.childNodes]
      .map((c) => (c.nodeType === 1 ? walk(c as Element) : c.textContent))
      .join('')}</${el.tagName.toLowerCase()}>`;
  return walk(host.firstElementChild!);
}

describe('renderAxis', () => {
  const cases: [AxisOrient, [number, number], [number, number], number, ((v: number) => string)?][] = [
    ['bottom', [0, 10], [0, 300], 5],
    ['left', [-1234.5, -1180.25], [200, 0], 4],
    ['bottom', [0.0012, 0.0031], [0, 250], 3, (v) => v.toExponential(1)],
    ['left', [2.5, 2.5], [100, 0], 2],
  ];
  for (const [orient, domain, range, ticks, format] of cases)
    it(`matches d3-axis markup (${orient}, domain ${domain.join('…')}, ${ticks} ticks)`, () => {
      expect(normalise(ourMarkup(orient, domain, range, ticks, format))).toBe(normalise(d3Markup(orient, domain, range, ticks, format)));
    });

  it('keeps its tick elements when the domain moves, and matches d3-axis after the move', () => {
    const g = document.createElementNS(NS, 'g');
    ourMarkup('bottom', [0, 10], [0, 300], 5, undefined, g);
    const before = [...g.querySelectorAll('.tick')];
    const moved = ourMarkup('bottom', [-0.5, 10.5], [0, 300], 5, undefined, g);
    const after = [...g.querySelectorAll('.tick')];
    expect(after.length).toBe(before.length);
    after.forEach((t, i) => expect(t).toBe(before[i]));
    expect(normalise(moved)).toBe(normalise(d3Markup('bottom', [-0.5, 10.5], [0, 300], 5)));
    // Fewer ticks: the surplus elements go, the rest stay.
    const fewer = ourMarkup('bottom', [0, 1], [0, 300], 2, undefined, g);
    expect(normalise(fewer)).toBe(normalise(d3Markup('bottom', [0, 1], [0, 300], 2)));
  });
});
