/**
 * Split chains, rank normalisation and folding (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021, §4):
 * ranks over all draws pooled (ties get their average rank), then z = Φ⁻¹((r − 3/8)/(S + 1/4)) (Blom).
 */
import { normalQuantile } from './normal-quantile';

/** Each chain's first and second halves as two chains; an odd chain drops its middle draw (as Stan). */
export function splitChains(chains: readonly Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of chains) {
    const half = Math.floor(c.length / 2);
    out.push(c.slice(0, half), c.slice(c.length - half));
  }
  return out;
}

/** The chains' draws replaced by their rank-normalised values (same shapes). */
export function rankNormalize(chains: readonly Float64Array[]): Float64Array[] {
  const all: { v: number; c: number; i: number }[] = [];
  chains.forEach((ch, c) => ch.forEach((v, i) => all.push({ v, c, i })));
  // Ties are ordered by position only to make the sort deterministic; they share the average rank.
  all.sort((a, b) => a.v - b.v || a.c - b.c || a.i - b.i);
  const S = all.length;
  const out = chains.map((ch) => new Float64Array(ch.length));
  for (let lo = 0; lo < S;) {
    let hi = lo;
    while (hi + 1 < S && all[hi + 1].v === all[lo].v) hi++;
    const rank = (lo + hi) / 2 + 1; // 1-based average rank
    const z = normalQuantile((rank - 0.375) / (S + 0.25));
    for (let k = lo; k <= hi; k++) out[all[k].c][all[k].i] = z;
    lo = hi + 1;
  }
  return out;
}

/** The median of all draws pooled. */
export function pooledMedian(chains: readonly Float64Array[]): number {
  const all = Float64Array.from(chains.flatMap((c) => Array.from(c))).sort();
  const m = all.length >> 1;
  return all.length % 2 ? all[m] : 0.5 * (all[m - 1] + all[m]);
}

/** |x − median|: the folded draws whose R̂ sees differences in scale between chains. */
export function fold(chains: readonly Float64Array[]): Float64Array[] {
  const med = pooledMedian(chains);
  return chains.map((c) => c.map((v) => Math.abs(v - med)));
}
