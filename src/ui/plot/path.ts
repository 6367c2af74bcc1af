/**
 * Polyline → SVG path string, decimated for long traces: when there are more points than
 * pixel columns, each column keeps its first, min, max and last point (the visual envelope is
 * exact, the cost is O(n) with no allocation per point). Non-finite points break the line.
 */
export type Scale = (v: number) => number;

/** Receives the points of a polyline (SVG path builder or a canvas context). */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** Streams the (decimated) polyline in pixel coordinates into `sink`. */
export function tracePolyline(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
  sx: Scale,
  sy: Scale,
  pixels: number,
  sink: PathSink,
): void {
  if (n <= 0) return;
  const decimate = n > 2 * Math.max(1, pixels);
  let penDown = false;
  const put = (px: number, py: number) => {
    if (penDown) sink.lineTo(px, py);
    else sink.moveTo(px, py);
    penDown = true;
  };
  if (!decimate) {
    for (let i = 0; i < n; i++) {
      const px = sx(x(i));
      const py = sy(y(i));
      if (Number.isFinite(px) && Number.isFinite(py)) put(px, py);
      else penDown = false;
    }
    return;
  }
  let col = NaN;
  let firstY = 0,
    minY = 0,
    maxY = 0,
    lastY = 0,
    colX = 0;
  const flush = () => {
    if (Number.isNaN(col)) return;
    put(colX, firstY);
    if (minY !== firstY || maxY !== firstY) {
      put(colX, minY);
      put(colX, maxY);
    }
    if (lastY !== maxY) put(colX, lastY);
  };
  for (let i = 0; i < n; i++) {
    const px = sx(x(i));
    const py = sy(y(i));
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      flush();
      col = NaN;
      penDown = false;
      continue;
    }
    const c = Math.round(px);
    if (c !== col) {
      flush();
      col = c;
      colX = px;
      firstY = minY = maxY = lastY = py;
    } else {
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
      lastY = py;
    }
  }
  flush();
}

/** The same polyline as an SVG path string. */
export function linePath(n: number, x: (i: number) => number, y: (i: number) => number, sx: Scale, sy: Scale, pixels: number): string {
  let out = '';
  tracePolyline(n, x, y, sx, sy, pixels, {
    moveTo: (px, py) => (out += `M${px.toFixed(1)},${py.toFixed(1)}`),
    lineTo: (px, py) => (out += `L${px.toFixed(1)},${py.toFixed(1)}`),
  });
  return out;
}

/** A canvas layer under a chart's SVG, sized to the plot area at device resolution. */
export function sizeCanvas(canvas: HTMLCanvasElement, left: number, top: number, w: number, h: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, Math.round(w * dpr));
  const H = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== W || canvas.height !== H) {
    canvas.width = W;
    canvas.height = H;
  }
  // Only on change: style writes every frame would invalidate style and layout for nothing.
  const st = canvas.style;
  const l = `${left}px`,
    t = `${top}px`,
    sw = `${w}px`,
    sh = `${h}px`;
  if (st.left !== l) st.left = l;
  if (st.top !== t) st.top = t;
  if (st.width !== sw) st.width = sw;
  if (st.height !== sh) st.height = sh;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

/** Strokes one series on a canvas (colour, dash, width), decimated like linePath. */
export function strokeSeries(
  ctx: CanvasRenderingContext2D,
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
  sx: Scale,
  sy: Scale,
  pixels: number,
  style: { colour: string; dash: readonly number[]; width: number; alpha?: number },
): void {
  ctx.beginPath();
  tracePolyline(n, x, y, sx, sy, pixels, ctx);
  ctx.strokeStyle = style.colour;
  ctx.setLineDash(style.dash);
  ctx.lineWidth = style.width;
  ctx.globalAlpha = style.alpha ?? 1;
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** Largest i with x(i) ≤ v (x increasing), or −1. */
export function bisectRight(n: number, x: (i: number) => number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x(mid) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
