/**
 * In-place radix-2 complex FFT (iterative Cooley–Tukey), for the chains' autocovariances.
 * Written here rather than taken from npm (fft.js is well kept) because every twiddle factor must be the
 * same bits in Node and in the browser: Math.sin/cos are not specified to the last bit, so the twiddles
 * come from detmath's sinCosDeg (angles 360k/n degrees, exact for n a power of two).
 */
import { sinCosDeg } from '../detmath';

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of −2πk/n for k < n/2 (n a power of two), cached per n. */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddleCache.get(n);
  if (!t) {
    const half = n >> 1;
    const cos = new Float64Array(half);
    const sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const [s, c] = sinCosDeg((360 * k) / n);
      cos[k] = c;
      sin[k] = -s;
    }
    t = { cos, sin };
    if (twiddleCache.size > 24) twiddleCache.clear();
    twiddleCache.set(n, t);
  }
  return t;
}

export const isPowerOfTwo = (n: number): boolean => n >= 1 && (n & (n - 1)) === 0;

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let m = 1;
  while (m < n) m *= 2;
  return m;
}

/**
 * X_k = Σ_j x_j e^{∓2πi jk/n} in place on (re, im), n = re.length a power of two; inverse = true uses
 * e^{+2πi jk/n} and divides by n.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (!isPowerOfTwo(n) || im.length !== n) throw new RangeError(`fft: length ${n} is not a power of two (or re/im differ)`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? -1 : 1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride];
        const wi = sign * sin[k * stride];
        const a = start + k,
          b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] /= n;
      im[i] /= n;
    }
  }
}
