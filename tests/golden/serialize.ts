/**
 * A drawn panel (<figure>) as a standalone SVG document for a golden: its title, each chart host's
 * layers in paint (DOM) order — every canvas as the SVG its recording context made, every <svg> cloned
 * with the stylesheet's values inlined (inlineStyles below) — the HTML text inside the
 * figure (the spectrum's readout), and the caption, at the positions of the fixed layout (layout.ts).
 *
 * Normalised so that only what is drawn can change it: numbers in attributes rounded to 2 decimals,
 * clip-path ids renumbered in order, one element per line. Text is kept exactly as the panel wrote it
 * (tick labels, readouts and captions are formatted by the app, and their format is pinned too).
 */
import { plainText, wrapLines } from '../../src/ui/export/svg-text';
import { layoutRect, panelSize } from './layout';
import { num, recordingOf } from './recording-canvas';

const SVG_NS = 'http://www.w3.org/2000/svg';

function el(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, typeof v === 'number' ? num(v) : v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const isChartHost = (e: Element): boolean =>
  [...e.children].some((c) => c.localName === 'canvas' || (c.localName === 'svg' && c.classList.contains('chart')));
const hidden = (e: Element): boolean => (e as HTMLElement).hidden === true || getComputedStyle(e).display === 'none';

/** Properties that change how SVG paints (the export's list, inline-styles.ts). */
const STYLED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
];
/** Attributes that only mean something in the live page. */
const PAGE_ONLY = /^(tabindex|role|aria-.*)$/;

/**
 * The stylesheet's values written inline into `clone` (a deep clone of `original`), so the golden
 * draws as on the page without styles.css and pins what the CSS gives the charts too. Not the
 * export's inlineComputedStyles: happy-dom's computed style leaves out presentation attributes
 * (d3's axis puts fill="none" and text-anchor on its <g>), so the attributes stay and an element
 * gets only the values a rule gives it (those equal to its parent's are inherited anyway).
 */
function inlineStyles(original: Element, clone: Element): void {
  const originals = [original, ...original.querySelectorAll('*')];
  const clones = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((orig, i) => {
    const copy = clones[i];
    for (const a of [...copy.attributes]) if (PAGE_ONLY.test(a.name)) copy.removeAttribute(a.name);
    if (orig.localName === 'title' || orig.closest('defs')) return;
    const cs = getComputedStyle(orig);
    const parent = orig === original ? null : getComputedStyle(orig.parentElement!);
    const decl: string[] = [];
    for (const prop of STYLED) {
      const v = cs.getPropertyValue(prop).trim();
      if (v && (!parent || parent.getPropertyValue(prop).trim() !== v)) decl.push(`${prop}:${v}`);
    }
    if (decl.length) copy.setAttribute('style', decl.join(';'));
    else copy.removeAttribute('style');
  });
}

/** A canvas's recording as an SVG layer at the canvas's place in its host (clipped to the canvas, as pixels are). */
function canvasLayer(canvas: HTMLCanvasElement): SVGElement | null {
  const rec = recordingOf(canvas);
  if (!rec || rec.layer.childNodes.length === 0 || canvas.style.display === 'none') return null;
  const px = (v: string): number => parseFloat(v) || 0;
  const layer = el('svg', {
    class: canvas.className,
    x: px(canvas.style.left),
    y: px(canvas.style.top),
    width: px(canvas.style.width) || canvas.width,
    height: px(canvas.style.height) || canvas.height,
    viewBox: `0 0 ${canvas.width} ${canvas.height}`,
    overflow: 'hidden',
  });
  for (const child of rec.layer.childNodes) layer.appendChild(child.cloneNode(true));
  return layer;
}

function chartLayers(host: Element, out: SVGElement): void {
  for (const child of host.children) {
    if (hidden(child)) continue;
    if (child.localName === 'canvas') {
      const layer = canvasLayer(child as HTMLCanvasElement);
      if (layer) out.appendChild(layer);
    } else if (child.localName === 'svg') {
      const clone = child.cloneNode(true) as SVGSVGElement;
      inlineStyles(child, clone);
      clone.setAttribute('x', '0');
      clone.setAttribute('y', '0');
      out.appendChild(clone);
    }
  }
}

/** Text of an HTML block outside the charts: a <dl> as "term value" lines, anything else as its text. */
function textLines(block: Element): string[] {
  if (block.localName === 'dl') {
    const lines: string[] = [];
    for (const dt of block.querySelectorAll('dt')) {
      const dd = dt.nextElementSibling;
      lines.push(`${plainText(dt)}  ${dd ? plainText(dd) : ''}`.trim());
    }
    return lines;
  }
  const t = plainText(block);
  return t ? [t] : [];
}

function addContent(node: Element, out: SVGElement): void {
  if (hidden(node)) return;
  if (isChartHost(node)) {
    const r = layoutRect(node);
    const g = el('g', { class: `host ${node.className}`.trim(), transform: `translate(${num(r.x)},${num(r.y)})` });
    if (node instanceof HTMLElement && node.dataset.state) g.setAttribute('data-state', node.dataset.state);
    chartLayers(node, g);
    out.appendChild(g);
    return;
  }
  const blocks = [...node.children];
  if (blocks.length === 0 || node.localName === 'dl') {
    const lines = textLines(node);
    if (lines.length === 0) return;
    const r = layoutRect(node);
    const t = el('text', { x: r.x, y: r.y + 12, style: 'font:11.5px system-ui, sans-serif;fill:#5b5f66' });
    lines.forEach((line, i) => t.appendChild(el('tspan', { x: r.x, dy: i === 0 ? '0' : '15' }, line)));
    out.appendChild(t);
    return;
  }
  for (const b of blocks) addContent(b, out);
}

/** The figure as an SVG element (not yet normalised). */
function figureSvg(figure: HTMLElement): SVGSVGElement {
  const { width, height } = panelSize(figure);
  const head = figure.querySelector(':scope > .panel-head');
  const caption = figure.querySelector(':scope > figcaption');
  const lines = caption ? wrapLines(plainText(caption), '11.5px system-ui, sans-serif', width - 12) : [];
  const total = height + 8 + lines.length * 15;
  const svg = el('svg', { xmlns: SVG_NS, width, height: total, viewBox: `0 0 ${width} ${total}` }) as SVGSVGElement;
  const name = figure.getAttribute('aria-label') ?? '';
  svg.appendChild(el('title', {}, name));
  const bg = getComputedStyle(figure).backgroundColor || '#ffffff';
  svg.appendChild(el('rect', { width: '100%', height: '100%', fill: bg }));
  const h2 = head?.querySelector('h2');
  if (h2)
    svg.appendChild(
      el('text', { x: 6, y: 18, style: `font:bold 14px system-ui, sans-serif;fill:${getComputedStyle(h2).color}` }, plainText(h2)),
    );
  for (const child of figure.children) if (child !== head && child !== caption) addContent(child, svg);
  if (lines.length) {
    const t = el('text', { x: 6, y: height + 16, style: `font:11.5px system-ui, sans-serif;fill:${getComputedStyle(caption!).color}` });
    lines.forEach((line, i) => t.appendChild(el('tspan', { x: 6, dy: i === 0 ? '0' : '15' }, line)));
    svg.appendChild(t);
  }
  return svg;
}

// ------------------------------------------------------------------------- normalising

/** Numbers with more than 2 decimals or an exponent, not inside a word or a hex colour. */
const LONG_NUMBER = /(?<![#\w.])-?(?:\d+\.\d{3,}|\d*\.\d+e[-+]?\d+|\d+e[-+]?\d+)(?![\w.])/gi;

function roundAttributes(root: Element): void {
  for (const e of [root, ...root.querySelectorAll('*')])
    for (const a of [...e.attributes]) {
      const v = a.value.replace(LONG_NUMBER, (m) => num(Number(m)));
      if (v !== a.value) e.setAttribute(a.name, v);
    }
}

/** Ids renumbered in document order (the charts' clip ids count up across the whole test run), with their url(#…) references. */
function renumberIds(root: Element): void {
  const ids = new Map<string, string>();
  for (const e of root.querySelectorAll('[id]')) {
    const next = `${e.id.replace(/-?\d+$/, '')}-${ids.size + 1}`;
    ids.set(e.id, next);
    e.id = next;
  }
  for (const e of [root, ...root.querySelectorAll('*')])
    for (const a of [...e.attributes]) {
      const v = a.value.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));
      if (v !== a.value) e.setAttribute(a.name, v);
    }
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** One element per line, two spaces per level; an element holding only text keeps it on its line. */
function pretty(node: Element, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = [...node.attributes].map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  const kids = [...node.childNodes].filter((c) => c.nodeType === 1 || (c.nodeType === 3 && (c.textContent ?? '') !== ''));
  if (kids.length === 0) out.push(`${pad}<${node.localName}${attrs}/>`);
  else if (kids.every((c) => c.nodeType === 3))
    out.push(`${pad}<${node.localName}${attrs}>${escapeText(node.textContent ?? '')}</${node.localName}>`);
  else if (node.localName === 'text') {
    // Mixed text and <tspan>s: on one line (whitespace inside <text> is significant).
    const inner = kids
      .map((c) =>
        c.nodeType === 3
          ? escapeText(c.textContent ?? '')
          : `<${(c as Element).localName}${[...(c as Element).attributes].map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('')}>${escapeText(c.textContent ?? '')}</${(c as Element).localName}>`,
      )
      .join('');
    out.push(`${pad}<text${attrs}>${inner}</text>`);
  } else {
    out.push(`${pad}<${node.localName}${attrs}>`);
    for (const c of kids) if (c.nodeType === 1) pretty(c as Element, depth + 1, out);
    out.push(`${pad}</${node.localName}>`);
  }
}

/** The golden text of a drawn panel. */
export function goldenSvg(figure: HTMLElement): string {
  const svg = figureSvg(figure);
  roundAttributes(svg);
  renumberIds(svg);
  const out: string[] = [];
  pretty(svg, 0, out);
  return `${out.join('\n')}\n`;
}
