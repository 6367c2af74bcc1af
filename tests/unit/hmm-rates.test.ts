/**
 * The HMM's rate of convergence checked on its own data (em-theory.md §3, §4, §16.3), every claim
 * against an independent derivation: θ* against a log-space forward L written in the test, the SEM
 * spectrum against the ratios observed along a plain EM run, the DM's structure (self-adjoint in the
 * complete-data information), and the reduction to the mixture (a tied chain is the mixture; at
 * p = ½ the free chain's λ_max is the mixture's). HMM_RATES_REPORT=1 prints the measured numbers.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { afterAll, describe, expect, it } from 'vitest';
import { initialTheta } from '../../src/engine/init';
import { createModel1D } from '../../src/engine/model1d';
import { forwardBackward, PassScratch } from '../../src/engine/hmm/forward-backward';
import { semMatrix } from '../../src/engine/hmm/derivatives';
import { buildHmmExperiment, type HmmExperiment } from '../../src/engine/hmm/race';
import { completeInfoDiagFree, loadingShares, slowMode } from '../../src/engine/hmm/slow-mode';
import { computeOptimum } from '../../src/engine/optimum';
import type { Optimum } from '../../src/engine/trace';
import type { Theta } from '../../src/engine/types';
import { logForward } from './hmm-reference';

const report: string[] = [];
const note = (what: string, x: number) => report.push(`${what}: ${x.toPrecision(6)}`);
afterAll(() => {
  if (process.env.HMM_RATES_REPORT) console.info(report.join('\n'));
});

interface Case extends HmmExperiment {
  optimum: Optimum;
}
const cache = new Map<string, Case>();
function setup(p: number, seed = 1, sep = 2, n = 1000): Case {
  const key = `${p}/${seed}/${sep}/${n}`;
  let c = cache.get(key);
  if (!c) {
    const x = buildHmmExperiment({ n, sep, vr: 1, p, seed, init: 1, start: null, floor: 1e-6 });
    c = { ...x, optimum: computeOptimum(x.model, x.init, x.truth) };
    cache.set(key, c);
  }
  return c;
}

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
};
const maxAbs = (v: ArrayLike<number>) => Math.max(...Array.from(v, Math.abs));
const diffInf = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

describe('θ*: the EM fixed point is a stationary point of L', () => {
  it.each([0.5, 0.9, 0.99])('p = %s: M(θ*) = θ*, and central differences of an independent L vanish there', (p) => {
    const { model, optimum, data } = setup(p);
    const t = optimum.theta;
    const residual = diffInf(model.mstep(model.estep(t)), t);
    note(`p ${p}: ‖M(θ*) − θ*‖∞`, residual);
    expect(residual).toBeLessThan(1e-12);
    // ∂L/∂θ_i × the coordinate's unit, by central differences of the log-space forward L.
    const unit = [Math.min(t[0], 1 - t[0]), Math.min(t[1], 1 - t[1]), Math.sqrt(t[4]), Math.sqrt(t[5]), t[4], t[5]];
    const grad = unit.map((u, i) => {
      const a = Float64Array.from(t);
      const b = Float64Array.from(t);
      a[i] += 1e-5 * u;
      b[i] -= 1e-5 * u;
      return ((logForward(data, a) - logForward(data, b)) / (a[i] - b[i])) * u;
    });
    note(`p ${p}: max |∂L/∂θ·unit| (central differences)`, maxAbs(grad));
    // Without a stationary point these are O(T); rounding of L (~1e-13·|L|) over a 2e-5 step leaves ~1e-5.
    expect(maxAbs(grad)).toBeLessThan(1e-4);
  });
});

/** Plain EM from θ⁰ until the step reaches the float64 floor. */
function emTrace(c: Case, maxIter = 20000) {
  const thetas: Theta[] = [c.init];
  const logLiks: number[] = [];
  let e = c.model.estep(c.init);
  logLiks.push(e.logLik);
  for (let k = 0; k < maxIter; k++) {
    const next = c.model.estep(c.model.mstep(e));
    const step = diffInf(next.theta, e.theta);
    e = next;
    thetas.push(e.theta);
    logLiks.push(e.logLik);
    if (step < 1e-15) break;
  }
  return { thetas, logLiks };
}

describe('the observed rate of EM against λ_max from the SEM spectrum', () => {
  it.each([
    [0.5, 1],
    [0.7, 1],
    [0.7, 3],
  ])('p = %s, seed %i: step ratio → λ_max (1e-3), gap ratio → λ_max² (3 percent)', (p, seed) => {
    const c = setup(p, seed);
    const lam = c.optimum.eigenvalues[0];
    const { thetas, logLiks } = emTrace(c);
    const err = thetas.map((t) => Math.min(diffInf(t, c.optimum.theta), diffInf(c.model.swapLabels(t), c.optimum.theta)));
    const steps = thetas.slice(1).map((t, k) => diffInf(t, thetas[k]));
    const stepRatios: number[] = [];
    for (let k = 1; k < steps.length; k++) if (err[k] < 1e-4 && err[k + 1] > 1e-10) stepRatios.push(steps[k] / steps[k - 1]);
    const gaps = logLiks.map((L) => c.optimum.logLik - L);
    const gapRatios: number[] = [];
    for (let k = 0; k + 1 < gaps.length; k++) if (gaps[k] < 1e-3 && gaps[k + 1] > 1e-9) gapRatios.push(gaps[k + 1] / gaps[k]);
    note(`p ${p} seed ${seed}: λ_max`, lam);
    note(`p ${p} seed ${seed}: median step ratio (${stepRatios.length})`, median(stepRatios));
    note(`p ${p} seed ${seed}: median gap ratio / λ² (${gapRatios.length})`, median(gapRatios) / (lam * lam));
    expect(stepRatios.length).toBeGreaterThan(5);
    expect(gapRatios.length).toBeGreaterThan(3);
    expect(Math.abs(median(stepRatios) / lam - 1)).toBeLessThan(1e-3);
    expect(Math.abs(median(gapRatios) / (lam * lam) - 1)).toBeLessThan(0.03);
  });
});

describe('the structure of DM at θ*', () => {
  it.each([0.5, 0.9, 0.99])('p = %s: real spectrum in [0, 1), the same in natural coordinates, I_oc·DM symmetric', (p) => {
    const { model, optimum } = setup(p);
    const t = optimum.theta;
    const J = semMatrix(model, t)!;
    const evd = new EigenvalueDecomposition(new Matrix(Array.from({ length: 6 }, (_, i) => Array.from(J.subarray(6 * i, 6 * i + 6)))));
    expect(maxAbs(evd.imaginaryEigenvalues)).toBeLessThan(1e-6);
    const ev = optimum.eigenvalues;
    expect(ev.length).toBe(6);
    expect(ev[0]).toBeLessThan(1);
    expect(ev[5]).toBeGreaterThan(-1e-6);

    // Natural coordinates: a different map (θ → M(θ)) and steps; the spectrum is invariant (§3.3).
    const nat = new Float64Array(36);
    const h = [1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6];
    for (let j = 0; j < 6; j++) {
      const a = Float64Array.from(t);
      const b = Float64Array.from(t);
      a[j] += h[j];
      b[j] -= h[j];
      const Ma = model.mstep(model.estep(a));
      const Mb = model.mstep(model.estep(b));
      for (let i = 0; i < 6; i++) nat[6 * i + j] = (Ma[i] - Mb[i]) / (a[j] - b[j]);
    }
    const natEv = new EigenvalueDecomposition(
      new Matrix(Array.from({ length: 6 }, (_, i) => Array.from(nat.subarray(6 * i, 6 * i + 6)))),
    ).realEigenvalues.sort((x, y) => y - x);
    note(`p ${p}: max |λ(free) − λ(natural)|`, diffInf(ev, natEv));
    expect(diffInf(ev, natEv)).toBeLessThan(1e-6);

    // DM = I_oc⁻¹ I_m with I_oc diagonal in free coordinates at a fixed point (§16.2):
    // (N_k1 + N_k2) a_kk (1 − a_kk), G_k / v_k, G_k / 2. So I_oc·DM = I_m is symmetric.
    const s = model.estep(t).stats;
    const ioc = [(s[0] + s[1]) * t[0] * (1 - t[0]), (s[2] + s[3]) * t[1] * (1 - t[1]), s[4] / t[4], s[5] / t[5], s[4] / 2, s[5] / 2];
    let asym = 0;
    let size = 0;
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        asym = Math.max(asym, Math.abs(ioc[i] * J[6 * i + j] - ioc[j] * J[6 * j + i]));
        size = Math.max(size, Math.abs(ioc[i] * J[6 * i + j]));
      }
    note(`p ${p}: max |(I_oc DM) − (I_oc DM)ᵀ| / max |I_oc DM|`, asym / size);
    expect(asym / size).toBeLessThan(1e-6);
  });
});

describe('the slow mode', () => {
  it.each([
    [0.5, 1],
    [0.5, 3],
    [0.7, 3],
  ])('p = %s, seed %i: the SEM eigenvector is the direction of EM’s late steps (shares within 1e-4)', (p, seed) => {
    const c = setup(p, seed);
    const { thetas } = emTrace(c);
    // EM's own limit and its labels (θ* is reported with the truth's labels).
    const limit = c.model.estep(thetas[thetas.length - 1]);
    const mode = slowMode(c.model, limit)!;
    expect(Math.abs(mode.lambda - c.optimum.eigenvalues[0])).toBeLessThan(1e-8);
    expect(mode.transitions + mode.means + mode.variances).toBeCloseTo(1, 12);
    // The first step below 1e-7: far into the asymptotic phase, well above rounding.
    const phis = thetas.map((t) => c.model.toFree(t));
    const k = phis.findIndex((f, i) => i > 0 && diffInf(f, phis[i - 1]) < 1e-7);
    const step = phis[k].map((x, i) => x - phis[k - 1][i]);
    const seen = loadingShares(step, completeInfoDiagFree(limit));
    for (const key of ['transitions', 'means', 'variances'] as const) {
      note(`p ${p} seed ${seed}: ${key} share, SEM vs EM step`, mode[key] - seen[key]);
      expect(Math.abs(mode[key] - seen[key])).toBeLessThan(1e-4);
    }
  });
});

describe('the reduction to the mixture', () => {
  /** The tied chain: both rows and the initial distribution (π, 1 − π), through the engine's pass. */
  function tiedEmMap(y: Float64Array, scratch: PassScratch, t: Theta): Theta {
    const [pi, m1, m2, v1, v2] = t;
    const r = forwardBackward(y, { a11: pi, a12: 1 - pi, a21: pi, a22: 1 - pi, p1: pi, p2: 1 - pi, m1, m2, v1, v2 }, scratch);
    const [, , , , G1, G2, S1, S2, Q1, Q2] = r.stats;
    const d1 = S1 / G1;
    const d2 = S2 / G2;
    return Float64Array.of(G1 / (G1 + G2), m1 + d1, m2 + d2, Q1 / G1 - d1 * d1, Q2 / G2 - d2 * d2);
  }

  it.each([1, 2, 3])('tied chain, seed %i: the EM trace is createModel1D’s to 1e-12 relative over 50 iterations', (seed) => {
    const { data } = setup(0.8, seed, 1.5);
    const mix = createModel1D(data);
    const scratch = new PassScratch(data.length);
    let a: Theta = initialTheta({ dim: 1, init: seed, start: null }, data).theta;
    let b: Theta = a;
    let worst = 0;
    for (let k = 0; k < 50; k++) {
      a = tiedEmMap(data, scratch, a);
      b = mix.mstep(mix.estep(b));
      for (let i = 0; i < 5; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
    }
    note(`tied seed ${seed}: worst relative trace difference`, worst);
    expect(worst).toBeLessThan(1e-12);
    // …and it moved: the comparison is not between two copies of the start.
    expect(diffInf(b, initialTheta({ dim: 1, init: seed, start: null }, data).theta)).toBeGreaterThan(0.1);
  });

  it.each([
    [1.5, 1],
    [2, 1],
    [2, 2],
    [3, 3],
  ])('p = ½, sep %s, seed %i: λ_max of the free-transition HMM within 0.01 of the mixture’s', (sep, seed) => {
    const c = setup(0.5, seed, sep);
    const mix = createModel1D(c.data, { varianceFloor: c.model.varianceFloor });
    const mixInit = initialTheta({ dim: 1, init: 1, start: null }, c.data).theta;
    const mixOpt = computeOptimum(mix, mixInit, null);
    note(`p ½ sep ${sep} seed ${seed}: λ_max HMM − mixture`, c.optimum.eigenvalues[0] - mixOpt.eigenvalues[0]);
    expect(Math.abs(c.optimum.logLik - mixOpt.logLik)).toBeLessThan(5); // the same mode, up to the chain's extra freedom
    expect(Math.abs(c.optimum.eigenvalues[0] - mixOpt.eigenvalues[0])).toBeLessThan(0.01);
  });
});
