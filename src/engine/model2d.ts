/**
 * 2-D two-component Gaussian mixture with full covariances (p = 11); formulas: docs/theory.md §7.
 * θ layout and free (logit π, means, log-Cholesky) coordinates: see types.ts.
 *
 * MixtureEStep.stats (length 10), weighted sums centred at the *current* means μ_k of θ (e_nk = x_n − μ_k):
 *   [0, 1]    b1 = Σ r_n1 e_n1             [2, 3, 4]  vech A1 = Σ r_n1 e_n1 e_n1ᵀ  (xx, xy, yy)
 *   [5, 6]    b2 = Σ r_n2 e_n2             [7, 8, 9]  vech A2
 * R2 is summed directly from r_n2 (not N − R1), so a nearly empty component keeps full relative precision.
 */
import { expNeg as importedExpNeg, exp, hypot, log, log1p, sigmoid } from './detmath';
import { BLOCK as IMPORTED_BLOCK, NeumaierSums } from './summation';
import { mixtureDomainError } from './domain';
import { withMixtureHooks } from './mixture-hooks';
import { completeInfo2D, missingInfo2D } from './model2d-info';
import { component, mul, type M2 } from './model2d-common';
import { addBlocks, createEStepKernel, type EStepKernel, type EStepPath } from './wasm/estep-kernel';

export { component, type Comp } from './model2d-common';
import type { MixtureEStep, MixtureModel, Theta } from './types';

// Module-local copies: under tsx/CJS transforms an imported binding is a getter call on every use,
// which cost ~3× in the hot loops.
const expNeg = importedExpNeg;
const BLOCK = IMPORTED_BLOCK;

export function createModel2D(data: Float64Array, options?: { varianceFloor?: number; estepPath?: EStepPath }): MixtureModel {
  if (data.length % 2 !== 0) throw new Error('createModel2D: data must be interleaved x, y pairs');
  const n = data.length / 2;
  const varianceFloor = options?.varianceFloor ?? 0;

  const domainError = (theta: Theta): string | null => mixtureDomainError(2, theta, varianceFloor);

  // Per-block scratch for the E-step's passes (BLOCK doubles each, allocated once per model).
  const dBuf = new Float64Array(BLOCK);
  const eBuf = new Float64Array(BLOCK);
  // The WebAssembly kernel (the same block sums, bit for bit: wasm/estep-kernel.ts), made at the first E-step.
  let kernel: EStepKernel | null | undefined;

  /**
   * One pass over the data in blocks of BLOCK points, each block in four short loops (loop fission, as in
   * model1d): (1) d = a1 − a2 and Σ max(a1, a2); (2) e = exp(−|d|); (3) r1, r2, Σh, R1, R2; (4) the centred
   * sums. Components are picked arithmetically with t = +(d ≥ 0) ∈ {0, 1} (no branch): r1 = t·big + (1−t)·small
   * is exactly big or exactly small, so the result is bit-identical to the single-loop version.
   */
  function estep(theta: Theta): MixtureEStep {
    const c1 = component(theta, 0),
      c2 = component(theta, 1);
    // Locals, not closure variables or object fields, in the loops (kept in registers).
    const X = data;
    const N = n;
    const D = dBuf,
      E = eBuf;
    const m1x = c1.mx,
      m1y = c1.my,
      k1 = c1.c,
      p1a = c1.pa,
      p1b2 = 2 * c1.pb,
      p1c = c1.pc;
    const m2x = c2.mx,
      m2y = c2.my,
      k2 = c2.c,
      p2a = c2.pa,
      p2b2 = 2 * c2.pb,
      p2c = c2.pc;
    // Slots: 0 L, 1 Σh, 2 R1, 3 R2, 4–5 b1, 6–8 vech A1, 9–10 b2, 11–13 vech A2.
    const acc = new NeumaierSums(14);
    if (kernel === undefined) kernel = createEStepKernel(2, data, options?.estepPath);
    if (kernel) {
      const p = Float64Array.of(m1x, m1y, k1, p1a, p1b2, p1c, m2x, m2y, k2, p2a, p2b2, p2c);
      addBlocks(acc, kernel.run(p), kernel.nBlocks, 15);
      return result(theta, acc);
    }
    for (let start = 0; start < N; start += BLOCK) {
      const len = Math.min(N, start + BLOCK) - start;
      // Σ log1p(e) over a block is log Π(1+e), each factor in [1, 2]: one log per block (as in model1d).
      let top = 0,
        prod = 1,
        sH = 0,
        sR1 = 0,
        sR2 = 0;
      let b1x = 0,
        b1y = 0,
        a1xx = 0,
        a1xy = 0,
        a1yy = 0;
      let b2x = 0,
        b2y = 0,
        a2xx = 0,
        a2xy = 0,
        a2yy = 0;
      for (let j = 0; j < len; j++) {
        const x = X[2 * (start + j)],
          y = X[2 * (start + j) + 1];
        const ex1 = x - m1x,
          ey1 = y - m1y,
          ex2 = x - m2x,
          ey2 = y - m2y;
        const a1 = k1 - 0.5 * (p1a * ex1 * ex1 + p1b2 * ex1 * ey1 + p1c * ey1 * ey1);
        const a2 = k2 - 0.5 * (p2a * ex2 * ex2 + p2b2 * ex2 * ey2 + p2c * ey2 * ey2);
        const d = a1 - a2;
        const t = +(d >= 0);
        top += t * a1 + (1 - t) * a2; // max(a1, a2), exactly
        D[j] = d;
      }
      // r = σ(a1 − a2) through e = exp(−|d|) ≤ 1: no density is ever exponentiated.
      for (let j = 0; j < len; j++) E[j] = expNeg(Math.abs(D[j]));
      for (let j = 0; j < len; j++) {
        const d = D[j],
          e = E[j];
        const ope = 1 + e;
        prod *= ope;
        const big = 1 / ope,
          small = e * big; // the smaller responsibility, exact even when it is ~1e-300
        const t = +(d >= 0),
          u = 1 - t;
        const r1 = t * big + u * small,
          r2 = t * small + u * big;
        sH += Math.abs(d) * small; // h = log1p(e) + |d|·e/(1+e); the log1p part is in log(prod)
        sR1 += r1;
        sR2 += r2;
        D[j] = r1;
        E[j] = r2;
      }
      for (let j = 0; j < len; j++) {
        const x = X[2 * (start + j)],
          y = X[2 * (start + j) + 1];
        const ex1 = x - m1x,
          ey1 = y - m1y,
          ex2 = x - m2x,
          ey2 = y - m2y;
        const r1 = D[j],
          r2 = E[j];
        const u1x = r1 * ex1,
          u1y = r1 * ey1,
          u2x = r2 * ex2,
          u2y = r2 * ey2;
        b1x += u1x;
        b1y += u1y;
        a1xx += u1x * ex1;
        a1xy += u1x * ey1;
        a1yy += u1y * ey1;
        b2x += u2x;
        b2y += u2y;
        a2xx += u2x * ex2;
        a2xy += u2x * ey2;
        a2yy += u2y * ey2;
      }
      const logProd = log(prod);
      acc.add(0, top);
      acc.add(0, logProd);
      acc.add(1, sH + logProd);
      acc.add(2, sR1);
      acc.add(3, sR2);
      acc.add(4, b1x);
      acc.add(5, b1y);
      acc.add(6, a1xx);
      acc.add(7, a1xy);
      acc.add(8, a1yy);
      acc.add(9, b2x);
      acc.add(10, b2y);
      acc.add(11, a2xx);
      acc.add(12, a2xy);
      acc.add(13, a2yy);
    }
    return result(theta, acc);
  }

  function result(theta: Theta, acc: NeumaierSums): MixtureEStep {
    const stats = new Float64Array(10);
    for (let j = 0; j < 10; j++) stats[j] = acc.total(4 + j);
    return {
      theta: Float64Array.from(theta),
      logLik: acc.total(0),
      entropy: n > 0 ? acc.total(1) / (n * Math.LN2) : 0,
      R1: acc.total(2),
      R2: acc.total(3),
      stats,
    };
  }

  /**
   * Standard M-step (new means). Σ' = A/R − ΔμΔμᵀ with Δμ = b/R, i.e. Σ r (x−μ')(x−μ')ᵀ/R without raw moments.
   * Floor: each eigenvalue of Σ' below varianceFloor is raised to it, eigenvectors kept (usually only λmin).
   * This clipping is the exact maximiser of Q under the constraint λmin ≥ floor, so floored EM still never
   * decreases L (adding to the diagonal would also inflate λmax and lose that guarantee).
   * An empty component (R_k = 0) keeps its mean and (floored) covariance, as in model1d.
   */
  function mstep(e: MixtureEStep): Theta {
    const th = e.theta,
      s = e.stats;
    const out = new Float64Array(11);
    out[0] = e.R1 / (e.R1 + e.R2);
    for (let k = 0; k < 2; k++) {
      const R = k === 0 ? e.R1 : e.R2;
      const so = 5 * k;
      const empty = !(R > 0);
      const dx = empty ? 0 : s[so] / R,
        dy = empty ? 0 : s[so + 1] / R;
      out[1 + 2 * k] = th[1 + 2 * k] + dx;
      out[2 + 2 * k] = th[2 + 2 * k] + dy;
      let a = empty ? th[5 + 3 * k] : s[so + 2] / R - dx * dx;
      let b = empty ? th[6 + 3 * k] : s[so + 3] / R - dx * dy;
      let c = empty ? th[7 + 3 * k] : s[so + 4] / R - dy * dy;
      if (varianceFloor > 0) {
        const h = 0.5 * (a - c),
          rad = hypot(h, b);
        const lmax = 0.5 * (a + c) + rad;
        if (!(lmax > varianceFloor)) {
          // both eigenvalues clip to the floor
          a = c = varianceFloor;
          b = 0;
        } else {
          const lmin = (a * c - b * b) / lmax;
          if (!(lmin >= varianceFloor)) {
            // Raise λmin along its eigenvector: projector ½(I − (Σ − mI)/rad), m = tr/2 (rad > 0 here).
            const delta = varianceFloor - lmin;
            a += delta * 0.5 * (1 - h / rad);
            b -= (delta * 0.5 * b) / rad;
            c += delta * 0.5 * (1 + h / rad);
          }
        }
      }
      out[5 + 3 * k] = a;
      out[6 + 3 * k] = b;
      out[7 + 3 * k] = c;
    }
    return out;
  }

  /** G_k = ½ Σ⁻¹(A_k − R_kΣ_k)Σ⁻¹ as (G11, G12, G22), and Σ⁻¹b_k. */
  function componentGradient(e: MixtureEStep, k: 0 | 1) {
    const cp = component(e.theta, k);
    const s = e.stats,
      so = 5 * k;
    const R = k === 0 ? e.R1 : e.R2;
    const gmx = cp.pa * s[so] + cp.pb * s[so + 1];
    const gmy = cp.pb * s[so] + cp.pc * s[so + 1];
    // D = A − RΣ, then G = ½ P D P.
    const D: M2 = [s[so + 2] - R * cp.sa, s[so + 3] - R * cp.sb, s[so + 3] - R * cp.sb, s[so + 4] - R * cp.sc];
    const P: M2 = [cp.pa, cp.pb, cp.pb, cp.pc];
    const G = mul(mul(P, D), P);
    return { gmx, gmy, g11: 0.5 * G[0], g12: 0.25 * (G[1] + G[2]), g22: 0.5 * G[3] };
  }

  function gradient(e: MixtureEStep): Float64Array {
    const pi = e.theta[0];
    const g = new Float64Array(11);
    // (R1 − Nπ)/(π(1−π)) written as R1/π − R2/(1−π): no cancellation against N.
    g[0] = e.R1 / pi - e.R2 / (1 - pi);
    for (const k of [0, 1] as const) {
      const c = componentGradient(e, k);
      g[1 + 2 * k] = c.gmx;
      g[2 + 2 * k] = c.gmy;
      g[5 + 3 * k] = c.g11;
      g[6 + 3 * k] = 2 * c.g12;
      g[7 + 3 * k] = c.g22;
    }
    return g;
  }

  function toFree(theta: Theta): Float64Array {
    const phi = new Float64Array(11);
    const pi = theta[0];
    phi[0] = log(pi) - log1p(-pi);
    phi.set(theta.subarray(1, 5), 1);
    for (let k = 0; k < 2; k++) {
      const o = 5 + 3 * k;
      const a = theta[o],
        b = theta[o + 1],
        c = theta[o + 2];
      const l11 = Math.sqrt(a);
      phi[o] = 0.5 * log(a);
      phi[o + 1] = b / l11;
      phi[o + 2] = 0.5 * log((a * c - b * b) / a); // Λ22² = det/Σ11
    }
    return phi;
  }

  function fromFree(phi: Float64Array): Theta {
    const theta = new Float64Array(11);
    const z = phi[0];
    theta[0] = sigmoid(z);
    theta.set(phi.subarray(1, 5), 1);
    for (let k = 0; k < 2; k++) {
      const o = 5 + 3 * k;
      const L11 = exp(phi[o]),
        L21 = phi[o + 1],
        L22 = exp(phi[o + 2]);
      theta[o] = L11 * L11;
      theta[o + 1] = L11 * L21;
      theta[o + 2] = L21 * L21 + L22 * L22;
    }
    return theta;
  }

  /** Chain rule (§7.2): ∂L/∂logit π = R1 − Nπ; ∂L/∂Λ = 2GΛ (lower part), × e^{l} on the diagonal. */
  function gradientFree(e: MixtureEStep): Float64Array {
    const th = e.theta;
    const pi = th[0];
    const g = new Float64Array(11);
    g[0] = e.R1 * (1 - pi) - e.R2 * pi; // = R1 − Nπ when R1 + R2 = N
    for (const k of [0, 1] as const) {
      const c = componentGradient(e, k);
      const o = 5 + 3 * k;
      const a = th[o],
        b = th[o + 1],
        cc = th[o + 2];
      const L11 = Math.sqrt(a),
        L21 = b / L11,
        L22 = Math.sqrt((a * cc - b * b) / a);
      g[1 + 2 * k] = c.gmx;
      g[2 + 2 * k] = c.gmy;
      g[o] = 2 * (c.g11 * L11 + c.g12 * L21) * L11;
      g[o + 1] = 2 * (c.g12 * L11 + c.g22 * L21);
      g[o + 2] = 2 * c.g22 * L22 * L22;
    }
    return g;
  }

  const completeInfo = completeInfo2D;
  const missingInfo = (theta: Theta): Float64Array => missingInfo2D(data, theta);

  function responsibilities(theta: Theta, out?: Float64Array): Float64Array {
    const r = out ?? new Float64Array(n);
    const c1 = component(theta, 0),
      c2 = component(theta, 1);
    for (let i = 0; i < n; i++) {
      const x = data[2 * i],
        y = data[2 * i + 1];
      const ex1 = x - c1.mx,
        ey1 = y - c1.my,
        ex2 = x - c2.mx,
        ey2 = y - c2.my;
      const a1 = c1.c - 0.5 * (c1.pa * ex1 * ex1 + 2 * c1.pb * ex1 * ey1 + c1.pc * ey1 * ey1);
      const a2 = c2.c - 0.5 * (c2.pa * ex2 * ex2 + 2 * c2.pb * ex2 * ey2 + c2.pc * ey2 * ey2);
      r[i] = sigmoid(a1 - a2);
    }
    return r;
  }

  return withMixtureHooks({
    dim: 2,
    p: 11,
    n,
    data,
    varianceFloor,
    domainError,
    estep,
    mstep,
    gradient,
    toFree,
    fromFree,
    gradientFree,
    completeInfo,
    missingInfo,
    responsibilities,
  });
}
