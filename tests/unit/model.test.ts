/**
 * Generic checks of the MixtureModel contract, run for the 1D and the 2D model.
 * Every analytic quantity is compared with an INDEPENDENT derivation: finite differences of L or of a
 * Q written here, tfjs autodiff of a separately written L, naive reference formulas.
 * Errors are "scaled": parameters are measured in their natural units (s_i: min(π,1−π), sd, variance),
 * so every block of a gradient or Hessian counts equally. MODEL_TEST_REPORT=1 prints the measured errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomLcg, randomNormal } from 'd3-random';
import type { Dim, MixtureModel, Theta } from '../../src/engine/types';
import { swapComponents } from '../../src/engine/params';
import { createModel1D } from '../../src/engine/model1d';
import { createModel2D } from '../../src/engine/model2d';
import { initTf, tfValueAndGradFree } from './tf-loglik';

type Factory = (data: Float64Array, options?: { varianceFloor?: number }) => MixtureModel;
const MODELS: { dim: Dim; create: Factory }[] = [
  { dim: 1, create: createModel1D },
  { dim: 2, create: createModel2D },
];

const N = 403; // 403 = 256 + 147: a partial block whose length is not a multiple of 4
/** Gradient errors are relative to max(‖g‖, 0.01 per point per natural unit); see vecErr. */
const GRAD_MIN = 1e-2 * N;
const report: string[] = [];
const note = (what: string, err: number) => report.push(`${what}: ${err.toExponential(2)}`);
afterAll(() => {
  if (process.env.MODEL_TEST_REPORT) console.info(report.join('\n'));
});

// ---------- data and parameter points ----------

/** π = 0.4; 1D: N(0,1) vs N(sep, 1.3²); 2D: Σ₁ = [[1, .5], [.5, 1]], Σ₂ = [[1, −.3], [−.3, .6]], means (0,0) and (sep,0). */
function makeData(dim: Dim, seed: number, n: number, sep: number): Float64Array {
  const rng = randomLcg(seed);
  const z = randomNormal.source(rng)(0, 1);
  const out = new Float64Array(dim * n);
  for (let i = 0; i < n; i++) {
    const first = rng() < 0.4;
    const z1 = z(),
      z2 = z();
    if (dim === 1) out[i] = first ? z1 : sep + 1.3 * z1;
    else if (first) {
      out[2 * i] = z1;
      out[2 * i + 1] = 0.5 * z1 + Math.sqrt(0.75) * z2;
    } else {
      out[2 * i] = sep + z1;
      out[2 * i + 1] = -0.3 * z1 + Math.sqrt(0.51) * z2;
    }
  }
  return out;
}

/** A deliberately off-optimum θ with every entry distinct (all covariance entries exercised). */
const perturbed = (dim: Dim, sep: number): Theta =>
  dim === 1
    ? Float64Array.of(0.55, 0.3, sep - 0.4, 1.4, 1.1)
    : Float64Array.of(0.55, 0.3, -0.2, sep - 0.4, 0.25, 1.3, 0.2, 0.8, 0.7, 0.1, 0.9);

function runEM(m: MixtureModel, t: Theta, steps: number): Theta {
  for (let i = 0; i < steps; i++) t = m.mstep(m.estep(t));
  return t;
}

/** Natural unit of each parameter: min(π,1−π) for π, sd for means, variance scale for covariances. */
function scales(dim: Dim, t: Theta): Float64Array {
  const s = new Float64Array(t.length);
  s[0] = Math.min(t[0], 1 - t[0]);
  if (dim === 1) {
    s.set([Math.sqrt(t[3]), Math.sqrt(t[4]), t[3], t[4]], 1);
  } else {
    for (let k = 0; k < 2; k++) {
      const a = t[5 + 3 * k],
        c = t[7 + 3 * k];
      s.set([Math.sqrt(a), Math.sqrt(c)], 1 + 2 * k);
      s.set([a, Math.sqrt(a * c), c], 5 + 3 * k);
    }
  }
  return s;
}

interface Point {
  label: string;
  data: Float64Array;
  theta: Theta;
}
/** Separated (sep 4) and overlapping (sep 1) data, each at a perturbed θ and near the optimum. */
function points(dim: Dim, create: Factory): Point[] {
  const out: Point[] = [];
  for (const [name, sep, seed] of [
    ['separated', 4, 11],
    ['overlapping', 1, 12],
  ] as const) {
    const data = makeData(dim, seed, N, sep);
    const t0 = perturbed(dim, sep);
    out.push({ label: `${name}, perturbed`, data, theta: t0 });
    out.push({ label: `${name}, near optimum`, data, theta: runEM(create(data), t0, 300) });
  }
  return out;
}

// ---------- independent reference formulas ----------

function logJoint(dim: Dim, t: Theta, data: Float64Array, i: number): [number, number] {
  if (dim === 1) {
    const x = data[i];
    const ln = (m: number, v: number) => -0.5 * Math.log(2 * Math.PI * v) - ((x - m) * (x - m)) / (2 * v);
    return [Math.log(t[0]) + ln(t[1], t[3]), Math.log(1 - t[0]) + ln(t[2], t[4])];
  }
  const x = data[2 * i],
    y = data[2 * i + 1];
  const ln = (mx: number, my: number, a: number, b: number, c: number) => {
    const det = a * c - b * b,
      dx = x - mx,
      dy = y - my;
    return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / (2 * det);
  };
  return [Math.log(t[0]) + ln(t[1], t[2], t[5], t[6], t[7]), Math.log(1 - t[0]) + ln(t[3], t[4], t[8], t[9], t[10])];
}

/** Neumaier sum of f(0..n−1). */
function csum(n: number, f: (i: number) => number): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < n; i++) {
    const v = f(i),
      t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

const npts = (dim: Dim, data: Float64Array) => data.length / dim;
function refLogLik(dim: Dim, t: Theta, data: Float64Array): number {
  return csum(npts(dim, data), (i) => {
    const [a, b] = logJoint(dim, t, data, i);
    const m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  });
}
function refResp(dim: Dim, t: Theta, data: Float64Array): Float64Array {
  return Float64Array.from({ length: npts(dim, data) }, (_, i) => {
    const [a, b] = logJoint(dim, t, data, i);
    return 1 / (1 + Math.exp(b - a));
  });
}
/** Q(θ'|θ) = Σ r_n ℓ_n1(θ') + (1 − r_n) ℓ_n2(θ'), with r from θ. */
function refQ(dim: Dim, tPrime: Theta, r: Float64Array, data: Float64Array): number {
  return csum(r.length, (i) => {
    const [a, b] = logJoint(dim, tPrime, data, i);
    return r[i] * a + (1 - r[i]) * b;
  });
}

// ---------- finite differences and error measures ----------

function shifted(t: Theta, moves: [number, number][]): Theta {
  const u = Float64Array.from(t);
  for (const [i, h] of moves) u[i] += h;
  return u;
}
function gradFD(f: (t: Theta) => number, t: Theta, h: Float64Array): Float64Array {
  return Float64Array.from(t, (_, i) => (f(shifted(t, [[i, h[i]]])) - f(shifted(t, [[i, -h[i]]]))) / (2 * h[i]));
}
function hessFD(f: (t: Theta) => number, t: Theta, h: Float64Array): Float64Array {
  const p = t.length,
    H = new Float64Array(p * p),
    f0 = f(t);
  for (let i = 0; i < p; i++) {
    H[i * p + i] = (f(shifted(t, [[i, h[i]]])) - 2 * f0 + f(shifted(t, [[i, -h[i]]]))) / (h[i] * h[i]);
    for (let j = i + 1; j < p; j++) {
      const v =
        (f(
          shifted(t, [
            [i, h[i]],
            [j, h[j]],
          ]),
        ) -
          f(
            shifted(t, [
              [i, h[i]],
              [j, -h[j]],
            ]),
          ) -
          f(
            shifted(t, [
              [i, -h[i]],
              [j, h[j]],
            ]),
          ) +
          f(
            shifted(t, [
              [i, -h[i]],
              [j, -h[j]],
            ]),
          )) /
        (4 * h[i] * h[j]);
      H[i * p + j] = H[j * p + i] = v;
    }
  }
  return H;
}
/**
 * max_i |a_i − b_i|·s_i / max(max_i |b_i|·s_i, minDen). Gradients: s_i multiplies (change per natural unit).
 * minDen keeps the measure meaningful where b → 0 (near the optimum): N·1e-2 for gradients.
 */
function vecErr(a: ArrayLike<number>, b: ArrayLike<number>, s: ArrayLike<number>, minDen = 0): number {
  let num = 0,
    den = minDen;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]) * s[i]);
    den = Math.max(den, Math.abs(b[i]) * s[i]);
  }
  return num / den;
}
/** Same for p×p matrices, entry (i,j) scaled by s_i s_j. */
function matErr(A: Float64Array, B: Float64Array, s: ArrayLike<number>): number {
  const p = s.length;
  let num = 0,
    den = 0;
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      const w = s[i] * s[j];
      num = Math.max(num, Math.abs(A[i * p + j] - B[i * p + j]) * w);
      den = Math.max(den, Math.abs(B[i * p + j]) * w);
    }
  return num / den;
}
const allFinite = (v: ArrayLike<number>) => Array.from(v).every(Number.isFinite);

/** The Xu–Jordan step P∇L (§6.6, §7.3) minus the new-mean correction, written from the gradient alone. */
function pGradStep(dim: Dim, t: Theta, g: Float64Array, R1: number, R2: number, n: number): Float64Array {
  const d = new Float64Array(t.length);
  d[0] = ((t[0] * (1 - t[0])) / n) * g[0];
  for (let k = 0; k < 2; k++) {
    const R = k === 0 ? R1 : R2;
    if (dim === 1) {
      const v = t[3 + k];
      const dm = (v / R) * g[1 + k];
      d[1 + k] = dm;
      d[3 + k] = ((2 * v * v) / R) * g[3 + k] - dm * dm;
    } else {
      const o = 5 + 3 * k,
        m = 1 + 2 * k;
      const S = [
        [t[o], t[o + 1]],
        [t[o + 1], t[o + 2]],
      ];
      const G = [
        [g[o], g[o + 1] / 2],
        [g[o + 1] / 2, g[o + 2]],
      ];
      const dm = [0, 1].map((i) => (S[i][0] * g[m] + S[i][1] * g[m + 1]) / R);
      // (2/R) Σ G Σ − Δμ Δμᵀ
      const SGS = (i: number, j: number) => {
        let s = 0;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) s += S[i][a] * G[a][b] * S[b][j];
        return s;
      };
      d[m] = dm[0];
      d[m + 1] = dm[1];
      d[o] = (2 / R) * SGS(0, 0) - dm[0] * dm[0];
      d[o + 1] = (2 / R) * SGS(0, 1) - dm[0] * dm[1];
      d[o + 2] = (2 / R) * SGS(1, 1) - dm[1] * dm[1];
    }
  }
  return d;
}

// ---------- the suite ----------

beforeAll(async () => {
  await initTf();
});

for (const { dim, create } of MODELS) {
  describe(`${dim}D mixture model`, () => {
    const pts = points(dim, create);

    it('E-step L, R1, entropy and responsibilities match naive formulas', () => {
      for (const { data, theta } of pts) {
        const m = create(data);
        const e = m.estep(theta);
        const r = refResp(dim, theta, data);
        const L = refLogLik(dim, theta, data);
        const R1 = csum(r.length, (i) => r[i]);
        const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);
        const H = csum(r.length, (i) => -(xlogx(r[i]) + xlogx(1 - r[i]))) / (N * Math.LN2);
        const errL = Math.abs(e.logLik - L) / Math.abs(L);
        const errR = Math.max(Math.abs(e.R1 - R1), Math.abs(e.R2 - (N - R1))) / N;
        const resp = m.responsibilities(theta);
        const errResp = Math.max(...resp.map((v, i) => Math.abs(v - r[i])));
        note(`${dim}D estep L rel`, errL);
        expect(errL).toBeLessThan(1e-13);
        expect(errR).toBeLessThan(1e-13);
        expect(Math.abs(e.entropy - H)).toBeLessThan(1e-12);
        expect(errResp).toBeLessThan(1e-13);
      }
    });

    it('natural gradient = central differences of L', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const s = scales(dim, theta);
        const fd = gradFD(
          (t) => m.estep(t).logLik,
          theta,
          s.map((v) => 1e-5 * v),
        );
        const err = vecErr(m.gradient(m.estep(theta)), fd, s, GRAD_MIN);
        note(`${dim}D natural gradient vs FD (${label})`, err);
        expect(err).toBeLessThan(1e-6);
      }
    });

    it('free-coordinate gradient = central differences of L(fromFree(φ))', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const phi = m.toFree(theta);
        const ones = new Float64Array(phi.length).fill(1);
        const fd = gradFD(
          (f) => m.estep(m.fromFree(f)).logLik,
          phi,
          ones.map(() => 1e-5),
        );
        const err = vecErr(m.gradientFree(m.estep(theta)), fd, ones, GRAD_MIN);
        note(`${dim}D free gradient vs FD (${label})`, err);
        expect(err).toBeLessThan(1e-6);
      }
    });

    it('free-coordinate gradient = tfjs autodiff of an independently written L (float32)', () => {
      for (const { label, data, theta } of pts.filter((p) => p.label.includes('perturbed'))) {
        const m = create(data);
        const e = m.estep(theta);
        const tfr = tfValueAndGradFree(dim, data, m.toFree(theta));
        const ones = new Float64Array(m.p).fill(1);
        const err = vecErr(tfr.grad, m.gradientFree(e), ones);
        note(`${dim}D free gradient vs tfjs (${label})`, err);
        expect(err).toBeLessThan(1e-3);
        expect(Math.abs(tfr.value - e.logLik) / Math.abs(e.logLik)).toBeLessThan(1e-5);
      }
    });

    it('Louis identity: completeInfo − missingInfo = −(finite-difference Hessian of L), off the optimum', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const e = m.estep(theta);
        const Ioc = m.completeInfo(e),
          Im = m.missingInfo(theta);
        const Io = Ioc.map((v, i) => v - Im[i]);
        const s = scales(dim, theta);
        const H = hessFD(
          (t) => m.estep(t).logLik,
          theta,
          s.map((v) => 3e-4 * v),
        );
        const err = matErr(
          H.map((v) => -v),
          Io,
          s,
        );
        note(`${dim}D Louis I_oc − I_m vs FD Hessian of L (${label})`, err);
        expect(err).toBeLessThan(1e-5);
        expect(allFinite(Io)).toBe(true);
        // symmetry, and I_m is a sum of outer products (PSD diagonal)
        const p = m.p;
        for (let i = 0; i < p; i++) {
          expect(Im[i * p + i]).toBeGreaterThanOrEqual(0);
          for (let j = 0; j < p; j++) {
            expect(Ioc[i * p + j]).toBe(Ioc[j * p + i]);
            expect(Im[i * p + j]).toBe(Im[j * p + i]);
          }
        }
      }
    });

    it('Louis identity, tight: I_oc − I_m = −(central differences of the FD-validated gradient)', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const s = scales(dim, theta);
        const p = m.p;
        const H = new Float64Array(p * p);
        for (let j = 0; j < p; j++) {
          const h = 1e-5 * s[j];
          const gp = m.gradient(m.estep(shifted(theta, [[j, h]])));
          const gm = m.gradient(m.estep(shifted(theta, [[j, -h]])));
          for (let i = 0; i < p; i++) H[i * p + j] = -(gp[i] - gm[i]) / (2 * h);
        }
        const Ioc = m.completeInfo(m.estep(theta)),
          Im = m.missingInfo(theta);
        const err = matErr(
          H,
          Ioc.map((v, i) => v - Im[i]),
          s,
        );
        note(`${dim}D Louis vs FD of gradient (${label})`, err);
        expect(err).toBeLessThan(1e-8);
      }
    });

    it('completeInfo = −(finite-difference Hessian of Q(θ′|θ)) at θ′ = θ, off the optimum', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const r = refResp(dim, theta, data);
        const s = scales(dim, theta);
        const H = hessFD(
          (t) => refQ(dim, t, r, data),
          theta,
          s.map((v) => 3e-4 * v),
        );
        const err = matErr(
          H.map((v) => -v),
          m.completeInfo(m.estep(theta)),
          s,
        );
        note(`${dim}D I_oc vs FD Hessian of Q (${label})`, err);
        expect(err).toBeLessThan(1e-5);
      }
    });

    it('standard M-step = Xu–Jordan P∇L − new-mean correction', () => {
      for (const { label, data, theta } of pts) {
        const m = create(data);
        const e = m.estep(theta);
        const step = m.mstep(e).map((v, i) => v - theta[i]);
        const want = pGradStep(dim, theta, m.gradient(e), e.R1, e.R2, N);
        // steps are in parameter units: divide by the natural unit
        const err = vecErr(
          step,
          want,
          scales(dim, theta).map((v) => 1 / v),
          1e-3,
        );
        note(`${dim}D M-step vs P∇L (${label})`, err);
        expect(err).toBeLessThan(1e-12);
      }
    });

    it('the EM fixed point has zero gradient', () => {
      const { data, theta } = pts[0];
      const m = create(data);
      const g0 = m.gradientFree(m.estep(theta));
      let t = theta;
      for (let i = 0; i < 2000; i++) {
        const next = m.mstep(m.estep(t));
        const moved = Math.max(...next.map((v, j) => Math.abs(v - t[j])));
        t = next;
        if (moved < 1e-14) break;
      }
      const g = m.gradientFree(m.estep(t));
      const rel = Math.max(...g.map(Math.abs)) / Math.max(...g0.map(Math.abs));
      note(`${dim}D ‖∇φL‖∞ at EM fixed point / at start`, rel);
      expect(rel).toBeLessThan(1e-9);
    });

    it('EM never decreases L (random data, random starts, with and without a floor)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.double({ min: 0, max: 5, noNaN: true }),
          fc.boolean(),
          (dataSeed, startSeed, sep, floored) => {
            const data = makeData(dim, dataSeed, 300, sep);
            const rng = randomLcg(startSeed);
            const n = npts(dim, data);
            // overall first-coordinate variance sets the scale of starts and floor
            const xs = Float64Array.from({ length: n }, (_, i) => data[i * dim]);
            const mean = xs.reduce((a, b) => a + b, 0) / n;
            const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
            const m = create(data, { varianceFloor: floored ? 0.3 * v : 0 });
            const pick = () => Math.floor(rng() * n) * dim;
            const i1 = pick(),
              i2 = pick();
            const t = new Float64Array(m.p);
            t[0] = 0.2 + 0.6 * rng();
            if (dim === 1) t.set([data[i1], data[i2], v * (0.5 + 1.5 * rng()), v * (0.5 + 1.5 * rng())], 1);
            else {
              t.set([data[i1], data[i1 + 1], data[i2], data[i2 + 1]], 1);
              for (let k = 0; k < 2; k++) {
                const a = v * (0.5 + 1.5 * rng()),
                  c = v * (0.5 + 1.5 * rng()),
                  rho = 0.6 * (2 * rng() - 1);
                t.set([a, rho * Math.sqrt(a * c), c], 5 + 3 * k);
              }
            }
            if (m.domainError(t) !== null) return; // start must satisfy the floor
            let L = m.estep(t).logLik;
            let th: Theta = t;
            for (let it = 0; it < 20; it++) {
              th = m.mstep(m.estep(th));
              expect(m.domainError(th)).toBeNull();
              const L2 = m.estep(th).logLik;
              expect(L2).toBeGreaterThanOrEqual(L - 1e-9 * Math.abs(L));
              L = L2;
            }
          },
        ),
        { numRuns: 50, seed: 20240 + dim },
      );
    });

    it('fromFree(toFree(θ)) = θ', () => {
      for (const { theta } of pts) {
        const m = create(pts[0].data);
        const back = m.fromFree(m.toFree(theta));
        expect(
          vecErr(
            back,
            theta,
            scales(dim, theta).map((v) => 1 / v),
          ),
        ).toBeLessThan(1e-14);
      }
    });

    it('swapping the labels leaves L unchanged and swaps R1, R2', () => {
      for (const { data, theta } of pts) {
        const m = create(data);
        const e = m.estep(theta),
          es = m.estep(swapComponents(dim, theta));
        expect(Math.abs(es.logLik - e.logLik)).toBeLessThan(1e-12 * Math.abs(e.logLik));
        expect(es.R1).toBeCloseTo(e.R2, 9);
      }
    });

    it('domainError accepts valid θ and names invalid ones', () => {
      const { data, theta } = pts[0];
      const m = create(data);
      expect(m.domainError(theta)).toBeNull();
      const bad = (i: number, v: number) => shifted(theta, [[i, v - theta[i]]]);
      expect(m.domainError(bad(0, 1))).toMatch(/π|weight/i);
      expect(m.domainError(bad(1, NaN))).toMatch(/finite/);
      expect(m.domainError(bad(dim === 1 ? 3 : 5, -1))).toBeTypeOf('string');
      if (dim === 2) expect(m.domainError(bad(6, 1.2))).toBeTypeOf('string'); // Σ1 = [[1.3,1.2],[1.2,.8]] not PD
      expect(create(data, { varianceFloor: 10 }).domainError(theta)).toMatch(/floor/);
    });

    it('the floored M-step lands on the floor and stays in the domain', () => {
      const { data, theta } = pts[0];
      const floor = 2; // above the true variances (≈ 0.5–1.7), so it binds
      const m = create(data, { varianceFloor: floor });
      const t = m.mstep(m.estep(theta));
      expect(m.domainError(t)).toBeNull();
      for (let k = 0; k < 2; k++) {
        const lmin =
          dim === 1
            ? t[3 + k]
            : (() => {
                const [a, b, c] = t.subarray(5 + 3 * k, 8 + 3 * k);
                return 0.5 * (a + c) - Math.hypot(0.5 * (a - c), b);
              })();
        expect(Math.abs(lmin - floor)).toBeLessThan(1e-12);
      }
    });

    it('no NaN: a point 1e3 sd away, and a component far from all data', () => {
      const base = pts[0];
      const data = Float64Array.from(base.data);
      data[0] = 1e3; // sds are O(1)
      const m = create(data);
      const far = Float64Array.from(base.theta);
      far[dim === 1 ? 2 : 3] = -1e3;
      for (const [mm, t] of [
        [m, base.theta],
        [create(base.data), far],
      ] as const) {
        const e = mm.estep(t);
        expect(Number.isFinite(e.logLik)).toBe(true);
        expect(Number.isFinite(e.entropy)).toBe(true);
        expect(allFinite(mm.gradient(e))).toBe(true);
        expect(allFinite(mm.gradientFree(e))).toBe(true);
        expect(allFinite(mm.completeInfo(e))).toBe(true);
        expect(allFinite(mm.missingInfo(t))).toBe(true);
        expect(allFinite(mm.responsibilities(t))).toBe(true);
        expect(Math.abs(e.logLik - refLogLik(dim, t, mm.data))).toBeLessThan(1e-12 * Math.abs(e.logLik));
      }
    });
  });
}
