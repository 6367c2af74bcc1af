/**
 * HTML text as SVG <text>: the panel's title, its caption (wrapped to the export's width) and any
 * HTML labels inside the plot area (the spectrum's readout), in their computed font and colour.
 *
 * KaTeX formulas are written as their TeX source between $…$: KaTeX's HTML needs its stylesheet
 * and webfonts, which a standalone SVG (or one rasterised through an <img>) cannot load, and a
 * foreignObject would not be editable in vector tools.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The TeX a KaTeX element was rendered from (KaTeX keeps it in its MathML annotation). */
export function texSource(katex: Element): string {
  const tex = katex.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
  return tex ? `$${tex}$` : (katex.querySelector('.katex-html')?.textContent ?? '');
}

/** An element's visible text in reading order, formulas as TeX, whitespace collapsed. */
export function plainText(el: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
    else if (node instanceof Element) {
      if (node.classList.contains('katex')) out += texSource(node);
      else if (!isHidden(node)) node.childNodes.forEach(walk);
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

export function isHidden(el: Element): boolean {
  if (el instanceof HTMLElement && el.hidden) return true;
  const cs = getComputedStyle(el);
  return cs.display === 'none' || cs.visibility === 'hidden';
}

/** Font and colour of an HTML element as SVG text styles. */
export function textStyle(cs: CSSStyleDeclaration): string {
  const decl = [`fill:${cs.color}`, `font-family:${cs.fontFamily}`, `font-size:${cs.fontSize}`];
  if (cs.fontWeight !== '400') decl.push(`font-weight:${cs.fontWeight}`);
  if (cs.fontStyle !== 'normal') decl.push(`font-style:${cs.fontStyle}`);
  return decl.join(';');
}

/** A <text> at (x, y) (y is the centre of the line box: dominant-baseline central). */
export function svgText(doc: Document, text: string, x: number, y: number, style: string): SVGTextElement {
  const t = doc.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', fmt(x));
  t.setAttribute('y', fmt(y));
  t.setAttribute('dominant-baseline', 'central');
  t.setAttribute('style', style);
  t.textContent = text;
  return t;
}

export const fmt = (v: number): string => String(Math.round(v * 100) / 100);

let measurer: CanvasRenderingContext2D | null = null;
/** Greedy word wrap of `text` to `width` px in the CSS font `font`. */
export function wrapLines(text: string, font: string, width: number): string[] {
  measurer ??= document.createElement('canvas').getContext('2d');
  const ctx = measurer;
  if (ctx) ctx.font = font;
  // Without a 2D context (never in practice in a browser), a rough average glyph width.
  const measure = (s: string): number => (ctx ? ctx.measureText(s).width : s.length * 7);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
