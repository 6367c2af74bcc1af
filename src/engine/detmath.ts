/**
 * Deterministic elementary functions: built only from + − × ÷ and √ (IEEE-754 correctly rounded), so
 * every JavaScript engine returns the same bits. Math.exp/log/pow/sin/hypot are not specified to the
 * last bit and do differ between Node 20's V8 and current Chromium's (about 1 argument in 10–20), and
 * one flipped bit in the data or an E-step is enough to send a line search down another branch:
 * the browser and `npm run lab` must give identical numbers for the same query (issue 3).
 * Accuracy: a few ulp, checked against Math.* in tests/unit/detmath.test.ts.
 */

const LN2_HI = 6.9314718036912381649e-1; // fdlibm's split of ln 2: k·LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.90821492927058770002e-10;
const LN2 = LN2_HI + LN2_LO;

/** e^t for 0 ≤ t ≤ 1 by its Taylor series, summed smallest term first (all terms positive). */
function taylorExpSmall(t: number): number {
  const terms: number[] = [1];
  for (let k = 1; k < 30; k++) terms.push((terms[k - 1] * t) / k);
  let s = 0;
  for (let k = terms.length - 1; k >= 0; k--) s += terms[k];
  return s;
}

/**
 * expNeg's constants and its table FRAC[j] = 2^(−j/256). Also copied into the WebAssembly E-step's memory
 * (src/engine/wasm/estep-kernel.ts), which must compute the same bits as expNeg.
 */
export function expNegConstants(): { cHi: number; cLo: number; invC: number; frac: Float64Array } {
  const frac = new Float64Array(256).map((_, j) => 1 / taylorExpSmall((j * LN2) / 256));
  return { cHi: LN2_HI / 256, cLo: LN2_LO / 256, invC: 256 / LN2, frac };
}

/**
 * e^(−a) for a ≥ 0: the E-step's one exponential per point (≈2× faster than Math.exp in V8).
 * exp(−a) = 2^(−n/256) · e^r with n = round(256a/ln2), r = n·ln2/256 − a, |r| ≤ ln2/512, 2^(−n/256)
 * from two tables and e^r from its degree-4 Taylor polynomial (error < 4e-17). Returns 0 past
 * a = 708, where it no longer matters to any sum.
 *
 * The constants and tables are `const`s of a closure, not of the module: bundlers (esbuild, for
 * `npm run bench` and `npm run lab`) turn top-level `const` into `var`, and V8 then reloads and
 * re-checks every table and constant on each call (~9.7 → ~6.4 ns per call as closure constants).
 */
export const expNeg: (a: number) => number = /* @__PURE__ */ (() => {
  const { cHi: C_HI, cLo: C_LO, invC: INV_C, frac: FRAC } = expNegConstants();
  const POW2 = new Float64Array(1100);
  POW2[0] = 1;
  for (let k = 1; k < POW2.length; k++) POW2[k] = POW2[k - 1] * 0.5; // exact powers of two

  return function expNeg(a: number): number {
    if (!(a <= 708)) return 0;
    const n = (a * INV_C + 0.5) | 0;
    const r = n * C_HI - a + n * C_LO;
    const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24))));
    return POW2[n >> 8] * FRAC[n & 255] * p;
  };
})();

/** e^x. */
export function exp(x: number): number {
  if (x <= 0) return expNeg(-x);
  if (x > 708) return x === x ? Infinity : NaN;
  return 1 / expNeg(x);
}

const bits = new DataView(new ArrayBuffer(8));
const TWO108 = 324518553658426726783156020576256; // 2^108: lifts the smallest subnormal (2^−1074) into the normal range

/** Natural logarithm: x = m·2^k with m ∈ [√½, √2), log m = 2 atanh((m−1)/(m+1)) by its series. */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO108; // subnormal: normalise first
    k = -108;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  k += (hi >>> 20) - 1023;
  bits.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // m ∈ [1, 2), exact
  let m = bits.getFloat64(0);
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const f = m - 1; // exact (Sterbenz)
  const s = f / (m + 1);
  const z = s * s;
  // 2·atanh(s) = 2s(1 + z/3 + z²/5 + …); |s| ≤ 0.1716 so 11 terms reach 1e-19.
  let sum = 1 / 23;
  for (let j = 21; j >= 3; j -= 2) sum = 1 / j + z * sum;
  const r = 2 * s + 2 * s * z * sum;
  return k * LN2_HI + (k * LN2_LO + r);
}

/** log(1 + x), accurate for small x (the classic log(u)·x/(u−1) correction). */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Infinity) return Infinity;
  return (log(u) * x) / (u - 1);
}

/** √(a² + b²) without Math.hypot (unspecified rounding), scaled against overflow. */
export function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = Math.max(x, y);
  if (big === 0 || big === Infinity) return big;
  const p = x / big;
  const q = y / big;
  return big * Math.sqrt(p * p + q * q);
}

/** sin and cos of an angle in degrees, |deg| ≤ 360 (Taylor series on a reduced argument). */
export function sinCosDeg(deg: number): [number, number] {
  // Reduce exactly in degrees to [−45, 45] plus a quadrant.
  const q = Math.round(deg / 90);
  const rad = ((deg - 90 * q) * Math.PI) / 180;
  const z = rad * rad;
  let s = 0;
  let c = 0;
  // sin r = r Σ (−z)^k/(2k+1)!, cos r = Σ (−z)^k/(2k)!, Horner from the small end (|r| ≤ π/4).
  for (let k = 12; k >= 1; k--) {
    s = 1 - (z * s) / (2 * k * (2 * k + 1));
    c = 1 - (z * c) / ((2 * k - 1) * (2 * k));
  }
  s *= rad;
  switch (((q % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, -s];
    case 2:
      return [-s, -c];
    default:
      return [-c, s];
  }
}

/** The logistic function 1/(1 + e^−z), without overflow on either side. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + expNeg(z));
  const e = expNeg(-z);
  return e / (1 + e);
}
