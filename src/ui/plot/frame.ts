/**
 * An SVG chart frame that D3 owns: margins, axes with labels, a clipped plot layer, an overlay
 * layer and a hover layer (crosshair + tooltip). It follows the size of its host element
 * (ResizeObserver) and asks the frame loop for a redraw when that changes or the pointer moves.
 */
import { select, type ScaleLinear, type Selection } from 'd3';
import { renderAxis } from './axis';
import { invalidate } from '../../state/frame-loop';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

let clipCounter = 0;

export interface ChartFrame {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** Clipped to the plot area. */
  readonly plot: Selection<SVGGElement, unknown, null, undefined>;
  /** Not clipped: labels and markers that may sit on the edge. */
  readonly overlay: Selection<SVGGElement, unknown, null, undefined>;
  readonly tooltip: HTMLDivElement;
  margin: Margins;
  width: number;
  height: number;
  readonly innerW: number;
  readonly innerH: number;
  /** Pointer position inside the plot area (px), or null when not hovering. */
  hover: { x: number; y: number } | null;
  axes(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, opts: AxisOptions): void;
  /** Positions the tooltip near (px, py) with the given lines (text only, no HTML). */
  showTooltip(px: number, py: number, lines: { text: string; colour?: string }[]): void;
  hideTooltip(): void;
  dispose(): void;
}

export interface AxisOptions {
  xLabel: string;
  yLabel: string;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  xTicks?: number;
  yTicks?: number;
  yTickValues?: number[];
}

export function createFrame(host: HTMLElement, margin: Margins, ariaHidden = true): ChartFrame {
  host.style.position = 'relative';
  const svg = select(host).append('svg').attr('class', 'chart');
  // Charts are pictures for assistive technology (the figure's name, caption and the readout
  // table carry the content); with ariaHidden=false only the drawing is hidden, so interactive
  // children appended to the <svg> itself (the data panel's handles) stay reachable.
  if (ariaHidden) svg.attr('aria-hidden', 'true');
  else svg.attr('role', 'group');
  const clipId = `clip-${++clipCounter}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const root = svg.append('g');
  if (!ariaHidden) root.attr('aria-hidden', 'true');
  const gx = root.append('g').attr('class', 'axis axis-x');
  const gy = root.append('g').attr('class', 'axis axis-y');
  const xLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'end');
  const yLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'start');
  const plot = root.append('g').attr('clip-path', `url(#${clipId})`);
  const overlay = root.append('g').attr('class', 'overlay');
  const hoverRect = root.append('rect').attr('class', 'hover-capture').attr('fill', 'transparent');
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.hidden = true;
  host.appendChild(tooltip);

  let axisKey = '';
  let frameKey = '';
  const f: ChartFrame = {
    svg,
    plot,
    overlay,
    tooltip,
    margin,
    width: 0,
    height: 0,
    get innerW() {
      return Math.max(10, f.width - f.margin.left - f.margin.right);
    },
    get innerH() {
      return Math.max(10, f.height - f.margin.top - f.margin.bottom);
    },
    hover: null,
    axes(x, y, o) {
      const { innerW, innerH } = f;
      // Axes are re-rendered only when something about them changed (not every frame while playing).
      const key = [
        x.domain(),
        x.range(),
        y.domain(),
        y.range(),
        o.xLabel,
        o.yLabel,
        o.xTicks,
        o.yTicks,
        o.yTickValues,
        f.width,
        f.height,
        f.margin.left,
        f.margin.top,
      ].join('|');
      if (key === axisKey) return;
      axisKey = key;
      // The frame's geometry is rewritten only when it changed (not on every new domain).
      const sizeKey = [f.width, f.height, f.margin.left, f.margin.top, innerW, innerH].join('|');
      if (sizeKey !== frameKey) {
        frameKey = sizeKey;
        svg.attr('width', f.width).attr('height', f.height).attr('viewBox', `0 0 ${f.width} ${f.height}`);
        root.attr('transform', `translate(${f.margin.left},${f.margin.top})`);
        clipRect.attr('width', innerW).attr('height', innerH);
        hoverRect.attr('width', innerW).attr('height', innerH);
        gx.attr('transform', `translate(0,${innerH})`);
        xLabel.attr('x', innerW).attr('y', innerH + 28);
        yLabel.attr('x', -f.margin.left + 2).attr('y', -8);
      }
      renderAxis(gx.node()!, x, 'bottom', { ticks: o.xTicks ?? Math.max(2, Math.floor(innerW / 70)), format: o.xFormat });
      renderAxis(gy.node()!, y, 'left', {
        ticks: o.yTicks ?? Math.max(2, Math.floor(innerH / 40)),
        tickValues: o.yTickValues,
        format: o.yFormat,
      });
      if (xLabel.text() !== o.xLabel) xLabel.text(o.xLabel);
      if (yLabel.text() !== o.yLabel) yLabel.text(o.yLabel);
    },
    showTooltip(px, py, lines) {
      tooltip.replaceChildren(
        ...lines.map((l) => {
          const d = document.createElement('div');
          d.textContent = l.text;
          if (l.colour) d.style.borderLeft = `3px solid ${l.colour}`;
          return d;
        }),
      );
      tooltip.hidden = false;
      // Keep it inside the chart (the panel clips): right of the pointer, else left; clamp vertically.
      const tw = tooltip.offsetWidth;
      const th = tooltip.offsetHeight;
      const ax = f.margin.left + px;
      let left = ax + 12;
      if (left + tw > f.width) left = ax - 12 - tw;
      left = Math.max(0, Math.min(left, f.width - tw));
      const top = Math.max(0, Math.min(f.margin.top + py - 10, f.height - th));
      tooltip.style.left = `${left}px`;
      tooltip.style.top = `${top}px`;
    },
    hideTooltip() {
      tooltip.hidden = true;
    },
    dispose() {
      ro.disconnect();
      svg.remove();
      tooltip.remove();
    },
  };

  hoverRect
    .on('pointermove', (e: PointerEvent) => {
      const r = (hoverRect.node() as SVGRectElement).getBoundingClientRect();
      f.hover = { x: e.clientX - r.left, y: e.clientY - r.top };
      invalidate();
    })
    .on('pointerleave', () => {
      f.hover = null;
      f.hideTooltip();
      invalidate();
    });

  const ro = new ResizeObserver((entries) => {
    const box = entries[0].contentRect;
    const w = Math.floor(box.width);
    const h = Math.floor(box.height);
    if (w !== f.width || h !== f.height) {
      f.width = w;
      f.height = h;
      invalidate();
    }
  });
  ro.observe(host);
  const r0 = host.getBoundingClientRect();
  f.width = Math.floor(r0.width);
  f.height = Math.floor(r0.height);
  return f;
}

const SUP: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** A log10 exponent as "10⁻⁶" (axis ticks of log-scale quantities plotted as exponents). */
export const pow10Label = (k: number): string => (Number.isInteger(k) ? `10${String(k).replace(/./g, (c) => SUP[c] ?? c)}` : '');
