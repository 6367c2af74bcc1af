/**
 * A canvas 2D context for happy-dom (which has none) that records what the panels draw as SVG
 * elements, so the canvas layers (traces, histogram, points, contours) are part of a golden and a
 * changed trace fails it. Only what the panels use is implemented; anything else throws (a panel
 * that starts using, say, quadraticCurveTo must extend this recorder, not draw nothing unnoticed).
 *
 * Coordinates are recorded in the canvas's bitmap pixels (the current transform applied, as a real
 * canvas does when a path is built), rounded to 2 decimals. `installRecordingCanvas(window)` plugs it
 * in through happy-dom's canvas adapter and provides a recording Path2D.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A number as the goldens write it: 2 decimals, no trailing zeros, no "-0". */
export const num = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
};

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
/** Length scale of a transform (line widths, radii, dashes): √|det|. */
const scaleOf = (m: Matrix): number => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

/** A path as absolute SVG commands in some coordinate space, with its current point. */
class PathData {
  parts: string[] = [];
  /** Current point and the start of the open subpath (for closePath). */
  cur: [number, number] | null = null;
  start: [number, number] | null = null;

  moveTo(x: number, y: number): void {
    this.parts.push(`M${num(x)},${num(y)}`);
    this.cur = this.start = [x, y];
  }
  lineTo(x: number, y: number): void {
    if (!this.cur) return this.moveTo(x, y);
    this.parts.push(`L${num(x)},${num(y)}`);
    this.cur = [x, y];
  }
  closePath(): void {
    if (!this.cur) return;
    this.parts.push('Z');
    this.cur = this.start;
  }
  /** A circular arc (centre, radius, angles in canvas convention: clockwise from +x, y down). */
  arc(cx: number, cy: number, r: number, a0: number, a1: number, ccw: boolean): void {
    const at = (a: number): [number, number] => [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    const [sx, sy] = at(a0);
    if (this.cur) this.lineTo(sx, sy);
    else this.moveTo(sx, sy);
    let sweep = ccw ? a0 - a1 : a1 - a0;
    if (sweep >= 2 * Math.PI) sweep = 2 * Math.PI;
    else sweep = ((sweep % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    const flag = ccw ? 0 : 1;
    const dir = ccw ? -1 : 1;
    if (sweep === 0) return;
    // A full circle is two half arcs (one SVG arc cannot end where it starts).
    const steps = sweep > Math.PI ? 2 : 1;
    for (let k = 1; k <= steps; k++) {
      const [ex, ey] = at(a0 + (dir * sweep * k) / steps);
      this.parts.push(`A${num(r)},${num(r)} 0 0 ${flag} ${num(ex)},${num(ey)}`);
      this.cur = [ex, ey];
    }
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** Path2D as the recorder needs it: segments in the path's own space, kept as replayable commands. */
type Segment =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'Z' }
  | { op: 'arc'; x: number; y: number; r: number; a0: number; a1: number; ccw: boolean };

export class RecordingPath2D {
  readonly segments: Segment[] = [];

  constructor(init?: string | RecordingPath2D) {
    if (init instanceof RecordingPath2D) this.segments.push(...init.segments);
    else if (typeof init === 'string') this.segments.push(...parseSvgPath(init));
  }
  moveTo(x: number, y: number): void {
    this.segments.push({ op: 'M', x, y });
  }
  lineTo(x: number, y: number): void {
    this.segments.push({ op: 'L', x, y });
  }
  closePath(): void {
    this.segments.push({ op: 'Z' });
  }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false): void {
    this.segments.push({ op: 'arc', x, y, r, a0, a1, ccw });
  }
  /** Appends `path`'s segments mapped through `m` (a DOMMatrix or its a–f). */
  addPath(path: RecordingPath2D, m?: { a: number; b: number; c: number; d: number; e: number; f: number }): void {
    const t: Matrix = m ? [m.a, m.b, m.c, m.d, m.e, m.f] : IDENTITY;
    for (const s of path.segments) this.segments.push(transformSegment(s, t));
  }
}

function transformSegment(s: Segment, m: Matrix): Segment {
  if (s.op === 'Z') return s;
  const [x, y] = apply(m, s.x, s.y);
  return s.op === 'arc' ? { ...s, x, y, r: s.r * scaleOf(m) } : { op: s.op, x, y };
}

/** SVG path data with absolute or relative M, L, H, V and Z (what d3-geo writes for polygons). */
function parseSvgPath(d: string): Segment[] {
  const out: Segment[] = [];
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  const next = (): number => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) cmd = tokens[i++];
    const rel = cmd === cmd.toLowerCase();
    switch (cmd.toUpperCase()) {
      case 'M':
      case 'L': {
        const nx = next() + (rel ? x : 0);
        const ny = next() + (rel ? y : 0);
        x = nx;
        y = ny;
        const op = cmd.toUpperCase() === 'M' ? 'M' : 'L';
        if (op === 'M') [sx, sy] = [x, y];
        out.push({ op, x, y });
        // Further coordinate pairs after an M are line-tos.
        if (op === 'M') cmd = rel ? 'l' : 'L';
        break;
      }
      case 'H':
        x = next() + (rel ? x : 0);
        out.push({ op: 'L', x, y });
        break;
      case 'V':
        y = next() + (rel ? y : 0);
        out.push({ op: 'L', x, y });
        break;
      case 'Z':
        out.push({ op: 'Z' });
        [x, y] = [sx, sy];
        break;
      default:
        throw new Error(`recording Path2D: SVG path command "${cmd}" is not supported (path "${d.slice(0, 40)}…")`);
    }
  }
  return out;
}

interface DrawState {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  lineDash: number[];
  lineJoin: string;
  lineCap: string;
  globalAlpha: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  transform: Matrix;
}

const initialState = (): DrawState => ({
  fillStyle: '#000000',
  strokeStyle: '#000000',
  lineWidth: 1,
  lineDash: [],
  lineJoin: 'miter',
  lineCap: 'butt',
  globalAlpha: 1,
  font: '10px sans-serif',
  textAlign: 'start',
  textBaseline: 'alphabetic',
  transform: [...IDENTITY],
});

/** The recorder. `layer` is an SVG <g> (in the canvas's document) that receives one element per drawing call. */
export class RecordingContext2D {
  readonly canvas: HTMLCanvasElement;
  readonly layer: SVGGElement;
  private s: DrawState = initialState();
  private stack: DrawState[] = [];
  private path = new PathData();

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    this.layer = canvas.ownerDocument.createElementNS(SVG_NS, 'g') as SVGGElement;
  }

  /** What setting the canvas's width or height does: the bitmap cleared, the drawing state back to its defaults. */
  reset(): void {
    this.s = initialState();
    this.stack = [];
    this.path = new PathData();
    this.layer.replaceChildren();
  }

  // ---------------------------------------------------------------- state
  get fillStyle(): string {
    return this.s.fillStyle;
  }
  set fillStyle(v: string) {
    this.s.fillStyle = String(v);
  }
  get strokeStyle(): string {
    return this.s.strokeStyle;
  }
  set strokeStyle(v: string) {
    this.s.strokeStyle = String(v);
  }
  get lineWidth(): number {
    return this.s.lineWidth;
  }
  set lineWidth(v: number) {
    if (Number.isFinite(v) && v > 0) this.s.lineWidth = v;
  }
  get lineJoin(): string {
    return this.s.lineJoin;
  }
  set lineJoin(v: string) {
    this.s.lineJoin = v;
  }
  get lineCap(): string {
    return this.s.lineCap;
  }
  set lineCap(v: string) {
    this.s.lineCap = v;
  }
  get globalAlpha(): number {
    return this.s.globalAlpha;
  }
  set globalAlpha(v: number) {
    if (Number.isFinite(v) && v >= 0 && v <= 1) this.s.globalAlpha = v;
  }
  get font(): string {
    return this.s.font;
  }
  set font(v: string) {
    this.s.font = v;
  }
  get textAlign(): string {
    return this.s.textAlign;
  }
  set textAlign(v: string) {
    this.s.textAlign = v;
  }
  get textBaseline(): string {
    return this.s.textBaseline;
  }
  set textBaseline(v: string) {
    this.s.textBaseline = v;
  }
  setLineDash(dash: readonly number[]): void {
    // As the canvas does: an odd-length pattern is repeated to even length.
    this.s.lineDash = dash.length % 2 ? [...dash, ...dash] : [...dash];
  }
  getLineDash(): number[] {
    return [...this.s.lineDash];
  }
  save(): void {
    this.stack.push({ ...this.s, lineDash: [...this.s.lineDash], transform: [...this.s.transform] });
  }
  restore(): void {
    const s = this.stack.pop();
    if (s) this.s = s;
  }

  // ---------------------------------------------------------------- transform
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.s.transform = [a, b, c, d, e, f];
  }
  resetTransform(): void {
    this.s.transform = [...IDENTITY];
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.s.transform = multiply(this.s.transform, [a, b, c, d, e, f]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }

  // ---------------------------------------------------------------- paths
  beginPath(): void {
    this.path = new PathData();
  }
  moveTo(x: number, y: number): void {
    this.path.moveTo(...apply(this.s.transform, x, y));
  }
  lineTo(x: number, y: number): void {
    this.path.lineTo(...apply(this.s.transform, x, y));
  }
  closePath(): void {
    this.path.closePath();
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
  }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false): void {
    const m = this.s.transform;
    if (m[1] !== 0 || m[2] !== 0 || Math.abs(m[0]) !== Math.abs(m[3]))
      throw new Error('recording context: arc under a non-uniform transform');
    const [cx, cy] = apply(m, x, y);
    this.path.arc(cx, cy, r * scaleOf(m), a0, a1, ccw);
  }

  /** A Path2D replayed under the current transform. */
  private pathOf(p: RecordingPath2D): PathData {
    const out = new PathData();
    const m = this.s.transform;
    for (const seg of p.segments) {
      const t = transformSegment(seg, m);
      if (t.op === 'arc') out.arc(t.x, t.y, t.r, t.a0, t.a1, t.ccw);
      else if (t.op === 'Z') out.closePath();
      else if (t.op === 'M') out.moveTo(t.x, t.y);
      else out.lineTo(t.x, t.y);
    }
    return out;
  }

  fill(a?: RecordingPath2D | string, b?: string): void {
    const path = a instanceof RecordingPath2D ? this.pathOf(a) : this.path;
    const rule = typeof a === 'string' ? a : b;
    const d = path.toString();
    if (!d) return;
    const el = this.element('path', { d, fill: this.s.fillStyle });
    if (rule === 'evenodd') el.setAttribute('fill-rule', 'evenodd');
    this.alpha(el);
  }

  stroke(p?: RecordingPath2D): void {
    const path = p instanceof RecordingPath2D ? this.pathOf(p) : this.path;
    const d = path.toString();
    if (!d) return;
    const k = scaleOf(this.s.transform);
    const el = this.element('path', { d, fill: 'none', stroke: this.s.strokeStyle, 'stroke-width': num(this.s.lineWidth * k) });
    if (this.s.lineDash.length) el.setAttribute('stroke-dasharray', this.s.lineDash.map((v) => num(v * k)).join(' '));
    if (this.s.lineJoin !== 'miter') el.setAttribute('stroke-linejoin', this.s.lineJoin);
    if (this.s.lineCap !== 'butt') el.setAttribute('stroke-linecap', this.s.lineCap);
    this.alpha(el);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const m = this.s.transform;
    if (m[1] !== 0 || m[2] !== 0) throw new Error('recording context: fillRect under a rotation');
    const [x0, y0] = apply(m, x, y);
    const [x1, y1] = apply(m, x + w, y + h);
    const el = this.element('rect', {
      x: num(Math.min(x0, x1)),
      y: num(Math.min(y0, y1)),
      width: num(Math.abs(x1 - x0)),
      height: num(Math.abs(y1 - y0)),
      fill: this.s.fillStyle,
    });
    this.alpha(el);
  }

  /** Only a clear of the whole canvas is supported (all the panels do): it drops everything recorded. */
  clearRect(x: number, y: number, w: number, h: number): void {
    const [x0, y0] = apply(this.s.transform, x, y);
    const [x1, y1] = apply(this.s.transform, x + w, y + h);
    const covers =
      Math.min(x0, x1) <= 0 && Math.min(y0, y1) <= 0 && Math.max(x0, x1) >= this.canvas.width && Math.max(y0, y1) >= this.canvas.height;
    if (!covers) throw new Error('recording context: clearRect of part of the canvas is not supported');
    this.layer.replaceChildren();
  }

  fillText(text: string, x: number, y: number): void {
    const [px, py] = apply(this.s.transform, x, y);
    const anchor = { center: 'middle', end: 'end', right: 'end' }[this.s.textAlign] ?? 'start';
    const baseline = { top: 'hanging', hanging: 'hanging', middle: 'central', bottom: 'text-after-edge' }[this.s.textBaseline];
    const el = this.element('text', { x: num(px), y: num(py), fill: this.s.fillStyle, style: `font:${this.s.font}` });
    if (anchor !== 'start') el.setAttribute('text-anchor', anchor);
    if (baseline) el.setAttribute('dominant-baseline', baseline);
    el.textContent = text;
    this.alpha(el);
  }

  /** A fixed advance per character (0.55 em): deterministic, for wrapping only. */
  measureText(text: string): { width: number } {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.s.font)?.[1] ?? 10);
    return { width: text.length * size * 0.55 };
  }

  private element(tag: string, attrs: Record<string, string>): SVGElement {
    const el = this.canvas.ownerDocument.createElementNS(SVG_NS, tag) as SVGElement;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    this.layer.appendChild(el);
    return el;
  }

  private alpha(el: SVGElement): void {
    if (this.s.globalAlpha !== 1) el.setAttribute('opacity', num(this.s.globalAlpha));
  }
}

/** Members a panel may use; reading or writing any other throws (see the file's comment). */
const KNOWN = new Set<string | symbol>([
  ...Object.getOwnPropertyNames(RecordingContext2D.prototype),
  'canvas',
  'layer',
  's',
  'stack',
  'path',
]);

function guarded(ctx: RecordingContext2D): RecordingContext2D {
  return new Proxy(ctx, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !KNOWN.has(prop) && prop !== 'then')
        throw new Error(
          `recording canvas: the panels use CanvasRenderingContext2D.${prop}, which tests/golden/recording-canvas.ts does not record yet`,
        );
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
    set(target, prop, value) {
      if (typeof prop === 'string' && !KNOWN.has(prop))
        throw new Error(
          `recording canvas: the panels set CanvasRenderingContext2D.${prop}, which tests/golden/recording-canvas.ts does not record yet`,
        );
      return Reflect.set(target, prop, value);
    },
  });
}

const contexts = new WeakMap<HTMLCanvasElement, RecordingContext2D>();

/** The recorder of a canvas (null when nothing got its 2D context). */
export const recordingOf = (canvas: HTMLCanvasElement): RecordingContext2D | null => contexts.get(canvas) ?? null;

interface HappyDomWindow {
  happyDOM?: { settings: { canvasAdapter: unknown } };
  Path2D?: unknown;
}

/** Gives every canvas of `window` a recording 2D context (happy-dom's canvas adapter) and the window a recording Path2D. */
export function installRecordingCanvas(window: Window): void {
  const w = window as unknown as HappyDomWindow;
  if (!w.happyDOM) throw new Error('installRecordingCanvas: not a happy-dom window');
  w.happyDOM.settings.canvasAdapter = {
    getContext({ canvas }: { canvas: HTMLCanvasElement }, type: string) {
      if (type !== '2d') return null;
      let ctx = contexts.get(canvas);
      if (!ctx) contexts.set(canvas, (ctx = new RecordingContext2D(canvas)));
      return guarded(ctx);
    },
    toDataURL: () => 'data:,',
    toBlob: (_caller: unknown, callback: (b: Blob | null) => void) => callback(null),
  };
  // As in a browser, a new width or height resets the context (the panels resize their canvases only on change).
  const proto = (window as unknown as { HTMLCanvasElement: typeof HTMLCanvasElement }).HTMLCanvasElement.prototype;
  for (const key of ['width', 'height'] as const) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d?.set || !d.get) throw new Error(`installRecordingCanvas: HTMLCanvasElement.${key} is not an accessor`);
    Object.defineProperty(proto, key, {
      ...d,
      set(this: HTMLCanvasElement, v: number) {
        d.set!.call(this, v);
        contexts.get(this)?.reset();
      },
    });
  }
  w.Path2D = RecordingPath2D;
  (globalThis as { Path2D?: unknown }).Path2D = RecordingPath2D;
}
