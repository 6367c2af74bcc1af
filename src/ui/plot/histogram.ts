/**
 * The Data panel's 1D histogram: bins on "nice" tick edges, heights as densities. It is rebuilt for
 * every new data set, i.e. on every slider input, so it counts in place instead of going through
 * d3.bin (which copies the data and builds one array per bin); the bins are d3.bin's for the same
 * domain and thresholds (tests/unit/histogram.test.ts compares them).
 */
import { bisectRight, scaleLinear } from 'd3';

export interface DensityBin {
  x0: number;
  x1: number;
  density: number;
}

/** Smallest and largest value (an index loop: for…of over a typed array allocates per element). */
export function extent(d: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The padded, niced domain and the thresholds inside it (about √N bins, 12 to 60). */
export function histogramLayout(data: ArrayLike<number>): { domain: [number, number]; thresholds: number[] } {
  const [lo, hi] = extent(data);
  const pad = 0.05 * (hi - lo || 1);
  const domain = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice()
    .domain() as [number, number];
  const thresholds = scaleLinear()
    .domain(domain)
    .ticks(Math.min(60, Math.max(12, Math.round(Math.sqrt(data.length)))));
  return { domain, thresholds };
}

export function densityHistogram(data: ArrayLike<number>): { domain: [number, number]; bins: DensityBin[] } {
  const { domain, thresholds } = histogramLayout(data);
  const [x0, x1] = domain;
  // As d3.bin: thresholds at or below x0 or above x1 are dropped; bin j is [edge j, edge j+1)
  // (the last one closed), the domain's ends being the outer edges; values outside are ignored.
  const inner = thresholds.filter((t) => t > x0 && t <= x1);
  const counts = new Float64Array(inner.length + 1);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v >= x0 && v <= x1) counts[bisectRight(inner, v)]++;
  }
  const edges = [x0, ...inner, x1];
  const n = data.length;
  const bins = Array.from(counts, (c, j) => ({
    x0: edges[j],
    x1: edges[j + 1],
    density: c / (n * Math.max(1e-12, edges[j + 1] - edges[j])),
  }));
  return { domain, bins };
}
