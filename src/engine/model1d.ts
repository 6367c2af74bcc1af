/**
 * One-dimensional two-component Gaussian mixture, θ = [π, μ1, μ2, v1, v2] (see types.ts).
 * All formulas: docs/theory.md §6.
 *
 * MixtureEStep.stats layout (sums centred at the CURRENT means, so no raw-moment cancellation):
 *   [S1 = Σ r(x−μ1), Q1 = Σ r(x−μ1)², S2 = Σ (1−r)(x−μ2), Q2 = Σ (1−r)(x−μ2)²]
 */
import { expNeg, log, log1p, exp, sigmoid } from './detmath';
import { BLOCK, NeumaierSums } from './summation';
import { mixtureDomainError } from './domain';
import { withMixtureHooks } from './mixture-hooks';
import { addBlocks, createEStepKernel, type EStepKernel, type EStepPath } from './wasm/estep-kernel';
import type { MixtureEStep, MixtureModel, Theta } from './types';

const LOG_2PI = log(2 * Math.PI);
const LN2 = Math.LN2;

/** The point-independent part of the log-odds log(π φ₁(x) / (1 − π) φ₂(x)). */
const logOddsOffset = ([pi, , , v1, v2]: Theta): number => log(pi) - log1p(-pi) - 0.5 * (log(v1) - log(v2));

export function createModel1D(data: Float64Array, options: { varianceFloor?: number; estepPath?: EStepPath } = {}): MixtureModel {
  const n = data.length;
  const varianceFloor = options.varianceFloor ?? 0;

  const domainError = (t: Theta): string | null => mixtureDomainError(1, t, varianceFloor);

  // Per-block scratch for the E-step's three passes (BLOCK doubles each, allocated once per model).
  const dBuf = new Float64Array(BLOCK);
  const eBuf = new Float64Array(BLOCK);
  // The WebAssembly kernel (the same block sums, bit for bit: wasm/estep-kernel.ts), made at the first E-step.
  let kernel: EStepKernel | null | undefined;

  /**
   * One pass over the data in blocks of BLOCK points, each block in three short loops (loop fission):
   * (1) the log-odds d = a − b and Σ max(a, b); (2) e = exp(−|d|); (3) the responsibilities and sums.
   * In one long loop body the chain x → d → exp → 1/(1+e) → sums is too long for the CPU to overlap
   * enough iterations, and the branch on the sign of d is mispredicted on about half of the points;
   * the short loops overlap freely (bench/engine.ts: ~22 → ~17 ns/point per EM iteration).
   * The component is picked arithmetically with t = +(d ≥ 0) ∈ {0, 1} (a setcc, no branch):
   * r = t·inv + (1−t)·q is exactly inv or exactly q, so for finite a, b every per-point term is the one a
   * branch would pick, summed in the same order: the result is bit-identical to the single-loop version.
   */
  function estep(theta: Theta): MixtureEStep {
    const [pi, m1, m2, v1, v2] = theta;
    const c1 = log(pi) - 0.5 * (LOG_2PI + log(v1));
    const c2 = log1p(-pi) - 0.5 * (LOG_2PI + log(v2));
    const h1 = 0.5 / v1;
    const h2 = 0.5 / v2;
    // Locals, not closure variables, in the loops: V8 then keeps them in registers (measured ~2 ns/point).
    const X = data;
    const N = X.length;
    const D = dBuf;
    const E = eBuf;
    // Slots: 0 L, 1 H, 2 R1, 3 R2, 4 S1, 5 Q1, 6 S2, 7 Q2.
    const acc = new NeumaierSums(8);
    if (kernel === undefined) kernel = createEStepKernel(1, data, options.estepPath);
    if (kernel) {
      addBlocks(acc, kernel.run(Float64Array.of(m1, m2, c1, c2, h1, h2)), kernel.nBlocks, 9);
      return result(theta, acc);
    }
    for (let start = 0; start < N; start += BLOCK) {
      const len = Math.min(N, start + BLOCK) - start;
      // Σ log1p(e) over a block is log Π(1+e): each factor is in [1, 2], so 256 of them cannot
      // overflow, and one log per block replaces one log1p per point.
      let top = 0,
        prod = 1,
        H = 0,
        R1 = 0,
        R2 = 0,
        S1 = 0,
        Q1 = 0,
        S2 = 0,
        Q2 = 0;
      for (let j = 0; j < len; j++) {
        const x = X[start + j];
        const d1 = x - m1;
        const d2 = x - m2;
        const a = c1 - d1 * d1 * h1;
        const b = c2 - d2 * d2 * h2;
        const d = a - b;
        const t = +(d >= 0);
        top += t * a + (1 - t) * b; // max(a, b), exactly
        D[j] = d;
      }
      for (let j = 0; j < len; j++) E[j] = expNeg(Math.abs(D[j])); // ≤ 1: never overflows
      for (let j = 0; j < len; j++) {
        const x = X[start + j];
        const d1 = x - m1;
        const d2 = x - m2;
        const d = D[j];
        const e = E[j];
        const ope = 1 + e;
        prod *= ope;
        const inv = 1 / ope;
        const q = e * inv; // the smaller responsibility, exact even when it is ~1e-300
        const t = +(d >= 0);
        const u = 1 - t;
        const r = t * inv + u * q;
        const s = t * q + u * inv;
        H += Math.abs(d) * q;
        R1 += r;
        R2 += s;
        const rd1 = r * d1;
        const sd2 = s * d2;
        S1 += rd1;
        Q1 += rd1 * d1;
        S2 += sd2;
        Q2 += sd2 * d2;
      }
      const logProd = log(prod);
      acc.add(0, top);
      acc.add(0, logProd);
      acc.add(1, H + logProd);
      acc.add(2, R1);
      acc.add(3, R2);
      acc.add(4, S1);
      acc.add(5, Q1);
      acc.add(6, S2);
      acc.add(7, Q2);
    }
    return result(theta, acc);
  }

  const result = (theta: Theta, acc: NeumaierSums): MixtureEStep => ({
    theta,
    logLik: acc.total(0),
    entropy: n > 0 ? acc.total(1) / (n * LN2) : 0,
    R1: acc.total(2),
    R2: acc.total(3),
    stats: Float64Array.of(acc.total(4), acc.total(5), acc.total(6), acc.total(7)),
  });

  /** Standard M-step: v' = Q/R − (S/R)² is Σ r (x − μ')² / R written without cancellation. */
  function mstep(e: MixtureEStep): Theta {
    const t = e.theta;
    const [S1, Q1, S2, Q2] = e.stats;
    const out = new Float64Array(5);
    out[0] = e.R1 / (e.R1 + e.R2);
    const comp = (R: number, S: number, Q: number, mu: number, v: number): [number, number] => {
      if (!(R > 0)) return [mu, Math.max(v, varianceFloor)]; // empty component: keep it where it is
      const dm = S / R;
      return [mu + dm, Math.max(Q / R - dm * dm, varianceFloor)];
    };
    [out[1], out[3]] = comp(e.R1, S1, Q1, t[1], t[3]);
    [out[2], out[4]] = comp(e.R2, S2, Q2, t[2], t[4]);
    return out;
  }

  function gradient(e: MixtureEStep): Float64Array {
    const [pi, , , v1, v2] = e.theta;
    const [S1, Q1, S2, Q2] = e.stats;
    return Float64Array.of(
      (e.R1 - n * pi) / (pi * (1 - pi)),
      S1 / v1,
      S2 / v2,
      (Q1 - e.R1 * v1) / (2 * v1 * v1),
      (Q2 - e.R2 * v2) / (2 * v2 * v2),
    );
  }

  const toFree = (t: Theta): Float64Array => Float64Array.of(log(t[0]) - log1p(-t[0]), t[1], t[2], log(t[3]), log(t[4]));

  const fromFree = (f: Float64Array): Theta => Float64Array.of(sigmoid(f[0]), f[1], f[2], exp(f[3]), exp(f[4]));

  function gradientFree(e: MixtureEStep): Float64Array {
    const [pi, , , v1, v2] = e.theta;
    const [S1, Q1, S2, Q2] = e.stats;
    return Float64Array.of(e.R1 - n * pi, S1 / v1, S2 / v2, 0.5 * (Q1 / v1 - e.R1), 0.5 * (Q2 / v2 - e.R2));
  }

  /** I_oc(θ) at any θ (§6.4): block diagonal in (π), (μ1, v1), (μ2, v2). */
  function completeInfo(e: MixtureEStep): Float64Array {
    const pi = e.theta[0];
    const [S1, Q1, S2, Q2] = e.stats;
    const I = new Float64Array(25);
    I[0] = e.R1 / (pi * pi) + e.R2 / ((1 - pi) * (1 - pi));
    const block = (mu: number, vi: number, R: number, S: number, Q: number) => {
      const v = e.theta[vi];
      I[mu * 5 + mu] = R / v;
      I[mu * 5 + vi] = I[vi * 5 + mu] = S / (v * v);
      I[vi * 5 + vi] = Q / (v * v * v) - R / (2 * v * v);
    };
    block(1, 3, e.R1, S1, Q1);
    block(2, 4, e.R2, S2, Q2);
    return I;
  }

  /**
   * I_m(θ) = Σ r(1−r) d dᵀ with d = ∇ℓ1 − ∇ℓ2 (§6.5). r(1−r) = e/(1+e)² with e = exp(−|z|), z the
   * log-odds (no separate responsibilities pass). The 15 distinct entries are scalar accumulators:
   * through a 5×5 array the loop cost 3–4 E-steps.
   */
  function missingInfo(theta: Theta): Float64Array {
    const [pi, m1, m2, v1, v2] = theta;
    const c = logOddsOffset(theta);
    const dpi = 1 / (pi * (1 - pi));
    const iv1 = 1 / v1,
      iv2 = 1 / v2;
    const h1 = 0.5 * iv1 * iv1,
      h2 = 0.5 * iv2 * iv2;
    let s00 = 0,
      s01 = 0,
      s02 = 0,
      s03 = 0,
      s04 = 0;
    let s11 = 0,
      s12 = 0,
      s13 = 0,
      s14 = 0;
    let s22 = 0,
      s23 = 0,
      s24 = 0;
    let s33 = 0,
      s34 = 0;
    let s44 = 0;
    for (let i = 0; i < n; i++) {
      const e1 = data[i] - m1;
      const e2 = data[i] - m2;
      const q1 = e1 * e1,
        q2 = e2 * e2;
      const z = c - 0.5 * q1 * iv1 + 0.5 * q2 * iv2;
      const e = expNeg(z < 0 ? -z : z);
      const w = e / ((1 + e) * (1 + e));
      const d1 = e1 * iv1,
        d2 = -e2 * iv2,
        d3 = (q1 - v1) * h1,
        d4 = -(q2 - v2) * h2;
      const w0 = w * dpi,
        w1 = w * d1,
        w2 = w * d2,
        w3 = w * d3;
      s00 += w0 * dpi;
      s01 += w0 * d1;
      s02 += w0 * d2;
      s03 += w0 * d3;
      s04 += w0 * d4;
      s11 += w1 * d1;
      s12 += w1 * d2;
      s13 += w1 * d3;
      s14 += w1 * d4;
      s22 += w2 * d2;
      s23 += w2 * d3;
      s24 += w2 * d4;
      s33 += w3 * d3;
      s34 += w3 * d4;
      s44 += w * d4 * d4;
    }
    // prettier-ignore
    return Float64Array.of(
      s00, s01, s02, s03, s04,
      s01, s11, s12, s13, s14,
      s02, s12, s22, s23, s24,
      s03, s13, s23, s33, s34,
      s04, s14, s24, s34, s44,
    );
  }

  function responsibilities(theta: Theta, out = new Float64Array(n)): Float64Array {
    const [, m1, m2, v1, v2] = theta;
    const c = logOddsOffset(theta);
    for (let i = 0; i < n; i++) {
      const d1 = data[i] - m1;
      const d2 = data[i] - m2;
      const d = c - (d1 * d1) / (2 * v1) + (d2 * d2) / (2 * v2);
      out[i] = sigmoid(d);
    }
    return out;
  }

  return withMixtureHooks({
    dim: 1,
    p: 5,
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
