/**
 * The FFT against the O(n²) DFT written with Math.cos/sin, and the FFT autocovariance against the direct
 * sum (1/n) Σ (x_i − x̄)(x_{i+t} − x̄): two derivations, agreement to rounding.
 */
import { describe, expect, it } from 'vitest';
import { autocorrelation, autocovariance } from '../../src/engine/mcmc/autocov';
import { fft, nextPowerOfTwo } from '../../src/engine/mcmc/fft';
import { Rng } from '../../src/engine/samplers/rng';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const R = new Float64Array(n),
    I = new Float64Array(n);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * j * k) / n;
      R[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      I[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  return [R, I];
}

function directAutocov(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const out = new Float64Array(maxLag + 1);
  for (let t = 0; t <= maxLag; t++) {
    let s = 0;
    for (let i = 0; i + t < n; i++) s += (x[i] - mean) * (x[i + t] - mean);
    out[t] = s / n;
  }
  return out;
}

const rng = new Rng(11);

describe('radix-2 FFT', () => {
  it.each([1, 2, 8, 64, 512])('matches the direct DFT for n = %i', (n) => {
    const re = rng.normals(new Float64Array(n)),
      im = rng.normals(new Float64Array(n));
    const [R, I] = naiveDft(re, im);
    const a = Float64Array.from(re),
      b = Float64Array.from(im);
    fft(a, b);
    const scale = Math.max(1, ...Array.from(R, Math.abs));
    for (let k = 0; k < n; k++) {
      expect(Math.abs(a[k] - R[k]) / scale).toBeLessThan(1e-12);
      expect(Math.abs(b[k] - I[k]) / scale).toBeLessThan(1e-12);
    }
    fft(a, b, true); // and back
    for (let k = 0; k < n; k++) expect(Math.abs(a[k] - re[k])).toBeLessThan(1e-12);
  });

  it('rejects a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(RangeError);
    expect(nextPowerOfTwo(1000)).toBe(1024);
    expect(nextPowerOfTwo(1024)).toBe(1024);
  });
});

describe('autocovariance by FFT', () => {
  it.each([3, 10, 777, 4096])('equals the direct sum at every lag (n = %i)', (n) => {
    // An AR(1) series, so the autocovariances are far from zero.
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = 0.8 * x[i - 1] + rng.normal() + 3;
    const fast = autocovariance(x);
    const slow = directAutocov(x, n - 1);
    for (let t = 0; t < n; t++) expect(Math.abs(fast[t] - slow[t])).toBeLessThan(1e-10 * slow[0]);
    const rho = autocorrelation(x);
    expect(rho[0]).toBe(1);
    expect(rho[1]).toBeCloseTo(slow[1] / slow[0], 12);
  });

  it('is zero for a constant chain (no division by zero)', () => {
    expect(Array.from(autocorrelation(new Float64Array(20).fill(2)))).toEqual(new Array(20).fill(0));
  });
});
