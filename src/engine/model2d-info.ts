/**
 * The 2-D mixture's information matrices (docs/theory.md §7.3): the complete-data information I_oc at
 * any θ from the E-step's centred sums (O(1)), and the missing information I_m by one pass over the data.
 */
import { expNeg as importedExpNeg } from './detmath';
import { VECH_BASIS, component, mul, tr, type M2 } from './model2d-common';
import { BLOCK as IMPORTED_BLOCK, NeumaierSums } from './summation';
import type { MixtureEStep, Theta } from './types';

// Module-local copies: under tsx/CJS transforms an imported binding is a getter call on every use.
const expNeg = importedExpNeg;
const BLOCK = IMPORTED_BLOCK;

/** I_oc at any θ from the §7.3 bilinear forms (b_k, A_k centred at the current means). */
export function completeInfo2D(e: MixtureEStep): Float64Array {
  const p = 11;
  const I = new Float64Array(p * p);
  const set = (i: number, j: number, v: number) => {
    I[i * p + j] = v;
    I[j * p + i] = v;
  };
  const pi = e.theta[0];
  set(0, 0, e.R1 / (pi * pi) + e.R2 / ((1 - pi) * (1 - pi)));
  for (const k of [0, 1] as const) {
    const cp = component(e.theta, k);
    const R = k === 0 ? e.R1 : e.R2;
    const s = e.stats,
      so = 5 * k;
    const P: M2 = [cp.pa, cp.pb, cp.pb, cp.pc];
    const A: M2 = [s[so + 2], s[so + 3], s[so + 3], s[so + 4]];
    const m = 1 + 2 * k,
      v = 5 + 3 * k;
    // μμ: R Σ⁻¹
    set(m, m, R * cp.pa);
    set(m, m + 1, R * cp.pb);
    set(m + 1, m + 1, R * cp.pc);
    // μΣ: dμᵀ Σ⁻¹ dΣ Σ⁻¹ b  →  row i of (P E_j) applied to w = P b
    const wx = cp.pa * s[so] + cp.pb * s[so + 1],
      wy = cp.pb * s[so] + cp.pc * s[so + 1];
    const PE = VECH_BASIS.map((E) => mul(P, E));
    for (let j = 0; j < 3; j++) {
      const X = mul(PE[j], [wx, 0, wy, 0]); // first column = P E_j w
      set(m, v + j, X[0]);
      set(m + 1, v + j, X[2]);
    }
    // ΣΣ: ½[tr(PE_iPE_jPA) + tr(PE_jPE_iPA)] − (R/2) tr(PE_iPE_j)
    const PA = mul(P, A);
    for (let i = 0; i < 3; i++)
      for (let j = i; j < 3; j++) {
        const PiPj = mul(PE[i], PE[j]),
          PjPi = mul(PE[j], PE[i]);
        set(v + i, v + j, 0.5 * (tr(mul(PiPj, PA)) + tr(mul(PjPi, PA))) - 0.5 * R * tr(PiPj));
      }
  }
  return I;
}

/**
 * I_m = Σ r(1−r) d dᵀ, d = ∇ℓ_n1 − ∇ℓ_n2 (§7.3). Per block, √w·d is stored column-major and the
 * upper triangle is formed by column dot products (fast contiguous loops); block sums enter Neumaier totals.
 */
export function missingInfo2D(data: Float64Array, theta: Theta): Float64Array {
  const n = data.length / 2;
  const p = 11;
  const c1 = component(theta, 0),
    c2 = component(theta, 1);
  const pi = theta[0];
  const dpi = 1 / (pi * (1 - pi));
  const D = new Float64Array(p * BLOCK); // column a of the block at D[a·BLOCK ..]
  const acc = new NeumaierSums((p * (p + 1)) / 2);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const len = end - start;
    for (let i = start, j = 0; i < end; i++, j++) {
      const x = data[2 * i],
        y = data[2 * i + 1];
      const ex1 = x - c1.mx,
        ey1 = y - c1.my,
        ex2 = x - c2.mx,
        ey2 = y - c2.my;
      // u = Σ⁻¹e
      const u1x = c1.pa * ex1 + c1.pb * ey1,
        u1y = c1.pb * ex1 + c1.pc * ey1;
      const u2x = c2.pa * ex2 + c2.pb * ey2,
        u2y = c2.pb * ex2 + c2.pc * ey2;
      const a1 = c1.c - 0.5 * (u1x * ex1 + u1y * ey1);
      const a2 = c2.c - 0.5 * (u2x * ex2 + u2y * ey2);
      const e = expNeg(Math.abs(a1 - a2));
      const sw = Math.sqrt(e) / (1 + e); // √(r(1−r)), symmetric in the sign of a1 − a2
      D[j] = sw * dpi;
      D[BLOCK + j] = sw * u1x;
      D[2 * BLOCK + j] = sw * u1y;
      D[3 * BLOCK + j] = -sw * u2x;
      D[4 * BLOCK + j] = -sw * u2y;
      // vech gradient of ½(uuᵀ − Σ⁻¹): (M11, 2 M12, M22)
      D[5 * BLOCK + j] = sw * 0.5 * (u1x * u1x - c1.pa);
      D[6 * BLOCK + j] = sw * (u1x * u1y - c1.pb);
      D[7 * BLOCK + j] = sw * 0.5 * (u1y * u1y - c1.pc);
      D[8 * BLOCK + j] = -sw * 0.5 * (u2x * u2x - c2.pa);
      D[9 * BLOCK + j] = -sw * (u2x * u2y - c2.pb);
      D[10 * BLOCK + j] = -sw * 0.5 * (u2y * u2y - c2.pc);
    }
    let t = 0;
    for (let a = 0; a < p; a++)
      for (let b = a; b < p; b++) {
        const oa = a * BLOCK,
          ob = b * BLOCK;
        // four independent partial sums: no add-latency chain
        let s0 = 0,
          s1 = 0,
          s2 = 0,
          s3 = 0,
          j = 0;
        for (; j + 3 < len; j += 4) {
          s0 += D[oa + j] * D[ob + j];
          s1 += D[oa + j + 1] * D[ob + j + 1];
          s2 += D[oa + j + 2] * D[ob + j + 2];
          s3 += D[oa + j + 3] * D[ob + j + 3];
        }
        for (; j < len; j++) s0 += D[oa + j] * D[ob + j];
        acc.add(t++, s0 + s1 + (s2 + s3));
      }
  }
  const I = new Float64Array(p * p);
  let t = 0;
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++, t++) {
      const v = acc.total(t);
      I[a * p + b] = v;
      I[b * p + a] = v;
    }
  return I;
}
