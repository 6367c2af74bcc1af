/**
 * Computed styles written inline into a cloned SVG, so the file draws the same outside the page
 * (no stylesheet, no CSS variables, no theme): each element gets the computed value of the
 * properties that change how it paints. Values equal to SVG's initial value are left out to keep
 * files small. Elements that paint nothing (display: none, hidden, or a shape with neither fill nor
 * stroke, like hover-capture rectangles and drag hit areas) are removed from the clone.
 */

const PAINT = [
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
  'stroke-miterlimit',
  'paint-order',
  'opacity',
  'shape-rendering',
  'vector-effect',
];
const TEXT = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'text-decoration-line',
];
/** Containers: only what is not inherited (the leaves carry the inherited values themselves). */
const GROUP = ['opacity'];

const SHAPES = new Set(['path', 'line', 'polyline', 'polygon', 'rect', 'circle', 'ellipse']);
const TEXTS = new Set(['text', 'tspan', 'textPath']);

/** SVG initial values: a property with this computed value needs no inline style. */
const INITIAL: Record<string, string[]> = {
  'fill-opacity': ['1'],
  'fill-rule': ['nonzero'],
  'stroke-opacity': ['1'],
  'stroke-dasharray': ['none'],
  'stroke-dashoffset': ['0px', '0'],
  'stroke-linecap': ['butt'],
  'stroke-linejoin': ['miter'],
  'stroke-miterlimit': ['4'],
  'paint-order': ['normal'],
  opacity: ['1'],
  'shape-rendering': ['auto'],
  'vector-effect': ['none'],
  'font-style': ['normal'],
  'text-anchor': ['start'],
  'dominant-baseline': ['auto'],
  'letter-spacing': ['normal', '0px'],
  'text-decoration-line': ['none'],
};

const isTransparent = (v: string): boolean => v === 'none' || v === 'transparent' || /^rgba\(.*,\s*0\)$/.test(v);

function propertiesFor(tag: string): string[] {
  if (SHAPES.has(tag) || tag === 'use') return PAINT;
  if (TEXTS.has(tag)) return [...PAINT, ...TEXT];
  if (tag === 'image') return GROUP;
  if (tag === 'g' || tag === 'a' || tag === 'svg') return GROUP;
  return [];
}

/** Whether the original element paints nothing and can be dropped from the export. */
function paintsNothing(tag: string, cs: CSSStyleDeclaration): boolean {
  if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse') return true;
  if (cs.opacity === '0') return true;
  if (SHAPES.has(tag) || TEXTS.has(tag)) return isTransparent(cs.fill) && (isTransparent(cs.stroke) || parseFloat(cs.strokeWidth) === 0);
  return false;
}

/** Attributes that only mean something in the live page (focus, roles, accessibility tree, classes). */
const PAGE_ONLY = /^(tabindex|role|aria-.*|class|data-.*)$/;
const CONTAINERS = new Set(['g', 'svg', 'a']);
const INHERITED_ATTRS = [...PAINT, ...TEXT].filter((p) => p !== 'opacity');

/**
 * Writes `original`'s computed styles onto `clone` (a deep clone of it), element by element,
 * removing what does not paint. Both trees must have the same shape.
 */
export function inlineComputedStyles(original: Element, clone: Element): void {
  const originals = [original, ...original.querySelectorAll('*')];
  const clones = [clone, ...clone.querySelectorAll('*')];
  if (originals.length !== clones.length) throw new Error('the cloned SVG does not match its original');
  const drop: Element[] = [];
  originals.forEach((el, i) => {
    const copy = clones[i];
    for (const attr of [...copy.attributes]) if (PAGE_ONLY.test(attr.name)) copy.removeAttribute(attr.name);
    const tag = el.localName;
    // Titles and definitions paint nothing themselves; clip paths must stay whatever their style.
    if (tag === 'title' || tag === 'desc' || el.closest('defs')) return;
    const cs = getComputedStyle(el);
    if (paintsNothing(tag, cs)) {
      drop.push(copy);
      return;
    }
    // Leaves carry their computed (inherited) values themselves, so presentation attributes on
    // containers (d3's axis sets fill, font-size, text-anchor there) could only leak stale values.
    if (CONTAINERS.has(tag)) for (const a of INHERITED_ATTRS) copy.removeAttribute(a);
    const noStroke = isTransparent(cs.stroke);
    const decl: string[] = [];
    for (const prop of propertiesFor(tag)) {
      const v = cs.getPropertyValue(prop).trim();
      if (!v || (noStroke && prop.startsWith('stroke-'))) continue;
      // An initial value is left out unless an attribute on the element says otherwise.
      if (INITIAL[prop]?.includes(v) && !copy.hasAttribute(prop)) continue;
      decl.push(`${prop}:${v}`);
    }
    if (decl.length) copy.setAttribute('style', decl.join(';'));
    else copy.removeAttribute('style');
  });
  // A dropped container takes its children with it.
  for (const el of drop) el.remove();
}
