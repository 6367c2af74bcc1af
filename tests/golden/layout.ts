/**
 * A fixed layout for the panels in happy-dom (which lays nothing out): getBoundingClientRect of a
 * panel's parts, computed from a small table that follows styles.css's panel rules (flex column
 * of bodies, the two-column grids, the small multiples). The charts read their host's size when
 * they are created (their ResizeObserver never fires here), so every golden is drawn at these sizes.
 *
 * Rects are relative to the panel's <figure> (each panel is drawn at the origin). An element the
 * table does not know fills its parent, so a new panel renders (at the default size) without a rule.
 */
import { useStore } from '../../src/state/store';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Content size (px) of each panel, below its 28 px header; `panel-<id>` is the figure's class. */
const PANEL_SIZE: Record<string, [number, number]> = {
  data: [420, 260],
  loglik: [420, 300],
  spectrum: [420, 330],
  entropy: [420, 230],
  trajectories: [760, 330],
  // The Sampler mode's (golden-sampler.test.ts).
  chains: [440, 470],
  'sampler-traces': [420, 400],
  acf: [420, 280],
  ess: [420, 240],
  'ess-curve': [420, 300],
};
const DEFAULT_SIZE: [number, number] = [420, 260];
export const HEAD_HEIGHT = 28;
/** Horizontal padding of the figure (styles.css: .panel padding 4px 6px). */
const PAD_X = 6;

/** flex-grow of a panel's direct children (styles.css); others grow by 1. */
const GROW: [string, number][] = [
  ['panel-body-short', 0.55],
  ['spectrum-foot', 0.62],
  ['labelling-list', 0.16],
  ['crossover-list', 0.08],
];
/** Two-column grids: their columns' fr and the gap. */
const COLUMNS: Record<string, { fr: number[]; gap: number }> = {
  'trajectory-layout': { fr: [1, 1.25], gap: 6 },
  'spectrum-foot': { fr: [0.8, 1.2], gap: 6 },
};

export function panelSize(figure: Element): { width: number; height: number } {
  const id = [...figure.classList].find((c) => c.startsWith('panel-') && c.slice(6) in PANEL_SIZE)?.slice(6);
  const [w, h] = id ? PANEL_SIZE[id] : DEFAULT_SIZE;
  return { width: w + 2 * PAD_X, height: h + HEAD_HEIGHT };
}

const grow = (el: Element): number => GROW.find(([c]) => el.classList.contains(c))?.[1] ?? 1;

function rectOf(el: Element): Rect {
  const parent = el.parentElement;
  if (el.localName === 'figure' && el.classList.contains('panel')) return { x: 0, y: 0, ...panelSize(el) };
  if (!parent) return { x: 0, y: 0, width: 0, height: 0 };
  const p = rectOf(parent);
  if (parent.localName === 'figure' && parent.classList.contains('panel')) {
    if (el.classList.contains('panel-head')) return { x: PAD_X, y: 0, width: p.width - 2 * PAD_X, height: HEAD_HEIGHT };
    if (el.localName === 'figcaption') return { x: PAD_X, y: p.height, width: p.width - 2 * PAD_X, height: 0 };
    // The bodies share the content height by their flex-grow, in DOM order.
    const parts = [...parent.children].filter((c) => !c.classList.contains('panel-head') && c.localName !== 'figcaption');
    const total = parts.reduce((a, c) => a + grow(c), 0);
    let y = HEAD_HEIGHT;
    for (const c of parts) {
      const h = Math.round(((p.height - HEAD_HEIGHT) * grow(c)) / total);
      if (c === el) return { x: PAD_X, y, width: p.width - 2 * PAD_X, height: h };
      y += h;
    }
  }
  const grid = Object.entries(COLUMNS).find(([c]) => parent.classList.contains(c))?.[1];
  if (grid) {
    const i = [...parent.children].indexOf(el);
    const free = p.width - grid.gap * (grid.fr.length - 1);
    const frSum = grid.fr.reduce((a, b) => a + b, 0);
    let x = p.x;
    for (let k = 0; k < Math.min(i, grid.fr.length - 1); k++) x += (free * grid.fr[k]) / frSum + grid.gap;
    return { x: Math.round(x), y: p.y, width: Math.round((free * grid.fr[Math.min(i, grid.fr.length - 1)]) / frSum), height: p.height };
  }
  if (parent.classList.contains('multiples') && el.classList.contains('multiple')) {
    // styles.css: two columns, three for the 11 parameters of 2D; equal rows.
    const n = useStore.getState().run.header?.p ?? parent.children.length;
    const cols = n === 11 ? 3 : 2;
    const rows = Math.ceil(n / cols);
    const i = [...parent.children].indexOf(el);
    const w = Math.floor(p.width / cols);
    const h = Math.floor(p.height / rows);
    return { x: p.x + (i % cols) * w, y: p.y + Math.floor(i / cols) * h, width: w, height: h };
  }
  if (parent.classList.contains('sampler-multiples') && el.classList.contains('multiple')) {
    // One row per sampler (sampler.css).
    const i = [...parent.children].indexOf(el);
    const h = Math.floor(p.height / Math.max(1, parent.children.length));
    return { x: p.x, y: p.y + i * h, width: p.width, height: h };
  }
  return p;
}

/** Makes getBoundingClientRect of every element in `window` answer from the layout above. */
export function installLayout(window: Window): void {
  const proto = (window as unknown as { Element: typeof Element }).Element.prototype;
  const DOMRectCtor = (window as unknown as { DOMRect: typeof DOMRect }).DOMRect;
  proto.getBoundingClientRect = function (this: Element) {
    const r = rectOf(this);
    return new DOMRectCtor(r.x, r.y, r.width, r.height);
  };
}

export const layoutRect = rectOf;
