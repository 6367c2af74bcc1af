/**
 * Polyline → SVG path string, decimated for long traces: when there are more points than
 * pixel columns, each column keeps its first, min, max and last point (the visual envelope is
 * exact, the cost is O(n) with no allocation per point). Non-finite points break the line.
 */
export type Scale = (v: number) => number;

export function linePath(n: number, x: (i: number) => number, y: (i: number) => number, sx: Scale, sy: Scale, pixels: number): string {
  if (n <= 0) return '';
  const decimate = n > 2 * Math.max(1, pixels);
  let out = '';
  let penDown = false;
  const put = (px: number, py: number) => {
    out += `${penDown ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    penDown = true;
  };
  if (!decimate) {
    for (let i = 0; i < n; i++) {
      const px = sx(x(i));
      const py = sy(y(i));
      if (Number.isFinite(px) && Number.isFinite(py)) put(px, py);
      else penDown = false;
    }
    return out;
  }
  let col = NaN;
  let firstY = 0, minY = 0, maxY = 0, lastY = 0, colX = 0;
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
  return out;
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
