/**
 * Synthetic data from a seed, with common random numbers (CRN).
 *
 * For a given (seed, n, dim) the noise is drawn once, in a fixed order, per point: the label
 * uniform u_n, then the standard normals ε_n (1 or 2). The truth only *maps* that noise:
 * z_n = component 1 iff u_n < w, and x_n = μ_k + C_k ε_n (C_k the Cholesky factor of Σ_k).
 * So the sep / w / vr / aspect / rot sliders move the same points instead of drawing a new
 * sample. The draws of point i depend only on the draws before it, so the first n points of a
 * larger sample are the n-point sample.
 */
import { randomLcg, randomUniform } from 'd3';
import { log, sinCosDeg } from './detmath';
import type { MixtureDataSpec } from './spec';
import type { Dim, Theta } from './types';

export type TruthInput = Pick<MixtureDataSpec, 'dim' | 'sep' | 'w' | 'vr' | 'aspect' | 'rot'>;
export type DataInput = MixtureDataSpec;

/** The true θ (types.ts layout) of the experiment. */
export function truthTheta(s: TruthInput): Theta {
  const { w, vr, sep } = s;
  if (s.dim === 1) {
    // sep is in units of the pooled standard deviation.
    return Float64Array.of(w, 0, sep * Math.sqrt(w + (1 - w) * vr), 1, vr);
  }
  // Σ1 = R(rot) diag(1, aspect) R(rot)ᵀ; Σ2 = vr · R(−rot) diag(1, aspect) R(−rot)ᵀ (mirror image).
  const [sn, c] = sinCosDeg(s.rot);
  const xx = c * c + s.aspect * sn * sn;
  const yy = sn * sn + s.aspect * c * c;
  const xy = (1 - s.aspect) * c * sn;
  // Pooled Σp = wΣ1 + (1−w)Σ2; μ2 = (d, 0) at Mahalanobis distance sep: d = sep / sqrt((Σp⁻¹)_xx).
  const pxx = xx * (w + (1 - w) * vr);
  const pyy = yy * (w + (1 - w) * vr);
  const pxy = xy * (w - (1 - w) * vr);
  const d = sep * Math.sqrt((pxx * pyy - pxy * pxy) / pyy);
  return Float64Array.of(w, 0, 0, d, 0, xx, xy, yy, vr * xx, -vr * xy, vr * yy);
}

export interface Noise {
  /** u_n ~ U(0,1), the label draws (length n). Shared with a cache: do not modify. */
  readonly u: Float64Array;
  /** ε_n ~ N(0, I), length n·dim (2D interleaved). Shared with a cache: do not modify. */
  readonly eps: Float64Array;
}

interface CacheEntry {
  seed: number;
  dim: Dim;
  noise: Noise;
}
/** Most recent first. Sliders call drawNoise repeatedly with one seed; two entries cover A/B toggling. */
const cache: CacheEntry[] = [];
const CACHE_SIZE = 2;

/**
 * Standard normals from a uniform source: d3-random's randomNormal algorithm (Marsaglia's polar
 * method, both draws of each accepted pair used), with the deterministic log in place of Math.log,
 * whose last bit differs between JavaScript engines — the data must be bit-identical in the browser
 * and in Node.
 */
function polarNormal(uniform: () => number): () => number {
  let spare: number | null = null;
  let factor = 0;
  return () => {
    if (spare !== null) {
      const y = spare * factor;
      spare = null;
      return y;
    }
    let x: number, y: number, r: number;
    do {
      x = uniform() * 2 - 1;
      y = uniform() * 2 - 1;
      r = x * x + y * y;
    } while (!r || r > 1);
    factor = Math.sqrt((-2 * log(r)) / r);
    spare = x;
    return y * factor;
  };
}

function draw(seed: number, n: number, dim: Dim): Noise {
  const source = randomLcg(seed);
  const uniform = randomUniform.source(source)(0, 1);
  const normal = polarNormal(source);
  const u = new Float64Array(n);
  const eps = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    u[i] = uniform(); // fixed order per point: the label first, then the normals
    for (let j = 0; j < dim; j++) eps[i * dim + j] = normal();
  }
  return { u, eps };
}

/** The CRN noise of (seed, n, dim); served from a larger cached draw when possible (prefix property). */
export function drawNoise(seed: number, n: number, dim: Dim): Noise {
  const at = cache.findIndex((e) => e.seed === seed && e.dim === dim && e.noise.u.length >= n);
  let entry: CacheEntry;
  if (at >= 0) {
    entry = cache.splice(at, 1)[0];
  } else {
    entry = { seed, dim, noise: draw(seed, n, dim) };
    // A larger draw supersedes smaller ones of the same stream.
    for (let i = cache.length - 1; i >= 0; i--) if (cache[i].seed === seed && cache[i].dim === dim) cache.splice(i, 1);
  }
  cache.unshift(entry);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  const { u, eps } = entry.noise;
  return u.length === n ? entry.noise : { u: u.subarray(0, n), eps: eps.subarray(0, n * dim) };
}

/** The true component of each point: 0 for component 1 (u_n < w), 1 for component 2. */
export function trueComponents(s: Pick<MixtureDataSpec, 'seed' | 'n' | 'dim' | 'w'>): Uint8Array {
  const { u } = drawNoise(s.seed, s.n, s.dim);
  return Uint8Array.from(u, (x) => (x < s.w ? 0 : 1));
}

/** The data: 1D x_n; 2D interleaved x_n, y_n. */
export function generateData(s: DataInput): Float64Array {
  const { u, eps } = drawNoise(s.seed, s.n, s.dim);
  const t = truthTheta(s);
  const out = new Float64Array(s.n * s.dim);
  if (s.dim === 1) {
    const sd1 = Math.sqrt(t[3]);
    const sd2 = Math.sqrt(t[4]);
    for (let i = 0; i < s.n; i++) out[i] = u[i] < s.w ? t[1] + sd1 * eps[i] : t[2] + sd2 * eps[i];
    return out;
  }
  const c1 = cholesky(t[5], t[6], t[7]);
  const c2 = cholesky(t[8], t[9], t[10]);
  for (let i = 0; i < s.n; i++) {
    const one = u[i] < s.w;
    const [a, b, c] = one ? c1 : c2;
    const e1 = eps[2 * i];
    const e2 = eps[2 * i + 1];
    out[2 * i] = (one ? t[1] : t[3]) + a * e1;
    out[2 * i + 1] = (one ? t[2] : t[4]) + b * e1 + c * e2;
  }
  return out;
}

/** Lower Cholesky factor [[a, 0], [b, c]] of [[xx, xy], [xy, yy]], as [a, b, c]. */
function cholesky(xx: number, xy: number, yy: number): [number, number, number] {
  const a = Math.sqrt(xx);
  const b = xy / a;
  return [a, b, Math.sqrt(yy - b * b)];
}
