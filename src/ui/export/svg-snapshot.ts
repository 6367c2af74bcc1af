/**
 * A standalone SVG of a panel, built from its <figure> alone (so panels added later export without
 * code of their own): the panel's title on top, then everything between the header and the caption
 * as it is on screen — each <svg> cloned with its computed styles inlined, each <canvas> as a PNG
 * <image>, HTML text as <text> — stacked in DOM order (the order the page paints them: canvases
 * are placed before the SVG they sit under) at their on-screen positions, and the caption below,
 * wrapped. The background is the panel's computed background, so the file carries the colours of
 * the theme in use. Provenance (app version, seeds, query) goes into <metadata>.
 *
 * Not exported: the header's tools and these buttons, tooltips and anything else hidden, hit areas
 * and hover layers that paint nothing (inline-styles.ts), HTML borders and backgrounds inside the plot area.
 */
import type { Provenance } from '../../experiment/provenance';
import { inlineComputedStyles } from './inline-styles';
import { SVG_NS, fmt, isHidden, plainText, svgText, texSource, textStyle, wrapLines } from './svg-text';

const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** Margin around the drawing, and the gaps below the title and above the caption (px). */
const PAD = 8;
const GAP = 6;

export interface FigureSnapshot {
  /** The SVG file's text (XML prolog included). */
  svg: string;
  width: number;
  height: number;
}

interface Box {
  left: number;
  top: number;
}

export function snapshotFigure(figure: HTMLElement, name: string, provenance: Provenance): FigureSnapshot {
  const head = figure.querySelector(':scope > .panel-head');
  const caption = figure.querySelector(':scope > figcaption');
  const content = [...figure.children].filter((el) => el !== head && el !== caption && !isHidden(el));
  const area = unionRect(content);
  if (!area || area.width < 1 || area.height < 1) throw new Error('the panel has nothing drawn yet');

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = name;
  const metadata = document.createElementNS(SVG_NS, 'metadata');
  metadata.setAttribute('id', 'em-lab-provenance');
  metadata.textContent = JSON.stringify({ ...provenance, panel: name });
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', backgroundOf(figure));
  root.append(title, metadata, background);

  let y = PAD;
  const heading = head?.querySelector('h2, h3');
  if (heading) {
    const r = heading.getBoundingClientRect();
    root.append(svgText(document, plainText(heading), PAD, y + r.height / 2, textStyle(getComputedStyle(heading))));
    y += r.height + GAP;
  }

  const plot = document.createElementNS(SVG_NS, 'g');
  plot.setAttribute('transform', `translate(${PAD},${fmt(y)})`);
  const prefix = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
  for (const el of content) addLayers(el, plot, area, prefix);
  root.append(plot);
  y += area.height;

  const width = Math.ceil(area.width + 2 * PAD);
  const text = caption && !isHidden(caption) ? plainText(caption) : '';
  if (text) {
    const cs = getComputedStyle(caption!);
    const size = parseFloat(cs.fontSize);
    const lineHeight = parseFloat(cs.lineHeight) || 1.3 * size;
    y += GAP;
    for (const line of wrapLines(text, `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, width - 2 * PAD)) {
      root.append(svgText(document, line, PAD, y + lineHeight / 2, textStyle(cs)));
      y += lineHeight;
    }
  }
  const height = Math.ceil(y + PAD);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`, width, height };
}

/** Appends what `el` paints to `out`, positioned relative to `origin`, in DOM (paint) order. */
function addLayers(el: Element, out: SVGGElement, origin: Box, idPrefix: string): void {
  if (isHidden(el)) return;
  if (el instanceof SVGSVGElement) out.append(svgLayer(el, origin, idPrefix));
  else if (el instanceof HTMLCanvasElement) {
    const image = canvasLayer(el, origin);
    if (image) out.append(image);
  } else if (el.classList.contains('katex')) {
    const r = el.getBoundingClientRect();
    out.append(svgText(document, texSource(el), r.left - origin.left, r.top - origin.top + r.height / 2, textStyle(getComputedStyle(el))));
  } else
    for (const node of el.childNodes) {
      if (node instanceof Element) addLayers(node, out, origin, idPrefix);
      else if (node.nodeType === Node.TEXT_NODE) textLayer(node as Text, out, origin);
    }
}

function svgLayer(svg: SVGSVGElement, origin: Box, idPrefix: string): SVGSVGElement {
  const r = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineComputedStyles(svg, clone);
  prefixIds(clone, idPrefix);
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${fmt(r.width)} ${fmt(r.height)}`);
  clone.setAttribute('x', fmt(r.left - origin.left));
  clone.setAttribute('y', fmt(r.top - origin.top));
  clone.setAttribute('width', fmt(r.width));
  clone.setAttribute('height', fmt(r.height));
  return clone;
}

function canvasLayer(canvas: HTMLCanvasElement, origin: Box): SVGImageElement | null {
  const r = canvas.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0 || r.width < 1 || r.height < 1) return null;
  const image = document.createElementNS(SVG_NS, 'image');
  image.setAttribute('x', fmt(r.left - origin.left));
  image.setAttribute('y', fmt(r.top - origin.top));
  image.setAttribute('width', fmt(r.width));
  image.setAttribute('height', fmt(r.height));
  image.setAttribute('preserveAspectRatio', 'none');
  image.setAttributeNS(XLINK_NS, 'xlink:href', canvas.toDataURL('image/png'));
  return image;
}

/** A text node of HTML inside the plot area (one <text> per rendered line). */
function textLayer(node: Text, out: SVGGElement, origin: Box): void {
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  const parent = node.parentElement;
  if (!text || !parent) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return;
  const cs = getComputedStyle(parent);
  const lines =
    rects.length === 1
      ? [text]
      : wrapLines(text, `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, parent.getBoundingClientRect().width);
  lines.forEach((line, i) => {
    const r = rects[Math.min(i, rects.length - 1)];
    out.append(svgText(document, line, r.left - origin.left, r.top - origin.top + r.height / 2, textStyle(cs)));
  });
}

function unionRect(els: Element[]): DOMRect | null {
  let l = Infinity,
    t = Infinity,
    r = -Infinity,
    b = -Infinity;
  for (const el of els) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    l = Math.min(l, rect.left);
    t = Math.min(t, rect.top);
    r = Math.max(r, rect.right);
    b = Math.max(b, rect.bottom);
  }
  return Number.isFinite(l) ? new DOMRect(l, t, r - l, b - t) : null;
}

/** The first non-transparent background from the figure up (the panel's, else the page's). */
function backgroundOf(el: Element | null): string {
  for (; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/**
 * Makes the clone's ids (clip paths) unique to this panel, with their url(#…) / href references:
 * two exported figures pasted into one document must not share a clip path.
 */
function prefixIds(root: Element, prefix: string): void {
  const ids = new Map<string, string>();
  for (const el of root.querySelectorAll('[id]')) {
    ids.set(el.id, prefix + el.id);
    el.id = prefix + el.id;
  }
  if (ids.size === 0) return;
  for (const el of [root, ...root.querySelectorAll('*')])
    for (const attr of [...el.attributes]) {
      const v = attr.value;
      if (!v.includes('#')) continue;
      const next = v
        .replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m))
        .replace(/^#(.+)$/, (m, id: string) => (ids.has(id) ? `#${ids.get(id)}` : m));
      if (next !== v) el.setAttribute(attr.name, next);
    }
}
