/**
 * Autocovariances of one chain by FFT, the biased estimator Geyer (1992) recommends and Stan uses:
 * γ_t = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄), t = 0 … n−1. Zero-padding to ≥ 2n makes the circular
 * correlation the linear one. O(n log n) instead of the direct sum's O(n²).
 */
import { fft, nextPowerOfTwo } from './fft';

export function autocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  if (n === 0) return new Float64Array(0);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const m = nextPowerOfTwo(2 * n);
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  for (let i = 0; i < n; i++) re[i] = x[i] - mean;
  fft(re, im);
  for (let k = 0; k < m; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fft(re, im, true);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = re[t] / n;
  return out;
}

/** Autocorrelations ρ_t = γ_t/γ_0 of one chain (all zeros for a constant chain). */
export function autocorrelation(x: ArrayLike<number>): Float64Array {
  const g = autocovariance(x);
  const g0 = g[0];
  return g.map((v) => (g0 > 0 ? v / g0 : 0));
}
