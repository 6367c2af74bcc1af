/**
 * Σ w_i ln x_i for the forward–backward pass's one per-step logarithm (the posterior entropy),
 * deterministic like ../detmath.ts log and by the same method — x = m·2^k, m ∈ [√½, √2),
 * ln m = 2 atanh((m−1)/(m+1)) by its series — so every JavaScript engine returns the same bits.
 *
 * Why not call detmath's log per step: it reads the exponent by writing and re-reading one DataView
 * slot, and every call then waits on the previous call's store (~45 ns a call, most of a pass). Here
 * the x_i sit in an array already written, the exponent is read through a Uint32Array view of that
 * array, and m = x·2^−k comes from a table of exact powers of two: loads only, so successive terms
 * overlap.
 */

export const weightedLogSum: (w: Float64Array, x: Float64Array, xWords: Uint32Array, start: number, end: number) => number =
  /* @__PURE__ */ (() => {
    const LN2_HI = 6.9314718036912381649e-1; // fdlibm's split of ln 2, as in detmath.ts
    const LN2_LO = 1.90821492927058770002e-10;
    // The 32-bit word holding sign, exponent and top mantissa bits: the odd one on little-endian machines.
    const probe = new Uint32Array(Float64Array.of(1).buffer);
    const HI = probe[1] === 0x3ff00000 ? 1 : 0;
    // 2^−e for biased exponents e = 0…2046 (exact powers of two; the subnormal range is never used).
    const SCALE = new Float64Array(2047);
    SCALE[1023] = 1;
    for (let e = 1024; e < 2047; e++) SCALE[e] = SCALE[e - 1] * 0.5;
    for (let e = 1022; e >= 1; e--) SCALE[e] = SCALE[e + 1] * 2;
    // 2·atanh(s) = 2s + s·z·(2/3 + z(2/5 + …)), z = s², |s| ≤ 0.1716: 11 terms reach 1e-19.
    const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10] = Float64Array.from({ length: 11 }, (_, i) => 2 / (2 * i + 3));
    const SQRT2 = Math.SQRT2;

    /** x_i must be positive, normal and finite. */
    return function weightedLogSum(w: Float64Array, x: Float64Array, xWords: Uint32Array, start: number, end: number): number {
      let sum = 0;
      for (let i = start; i < end; i++) {
        const xi = x[i];
        const e = xWords[2 * i + HI] >>> 20; // biased exponent (sign bit 0)
        let m = xi * SCALE[e]; // ∈ [1, 2), exact
        const up = +(m > SQRT2);
        m *= 1 - 0.5 * up; // exact: ×1 or ×½
        const k = e - 1023 + up;
        const s = (m - 1) / (m + 1);
        const z = s * s;
        const p = c0 + z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * (c6 + z * (c7 + z * (c8 + z * (c9 + z * c10)))))))));
        sum += w[i] * (k * LN2_HI + (k * LN2_LO + (2 * s + s * z * p)));
      }
      return sum;
    };
  })();
