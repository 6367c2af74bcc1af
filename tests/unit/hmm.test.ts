/**
 * The HMM model's contract against independent derivations (hmm-reference.ts): the forward–backward
 * pass against enumeration of all 2^T paths, L against a log-space forward recursion, the gradient
 * and the finite-difference observed information against differences of that L, Baum–Welch against
 * the argmax of Q, and EM's monotonicity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { log } from '../../src/engine/detmath';
import { weightedLogSum } from '../../src/engine/hmm/fast-log';
import { createHmmModel } from '../../src/engine/hmm/model';
import type { Theta } from '../../src/engine/types';
import { bruteForce, logForward, qFunction, relErr, shortSequence } from './hmm-reference';

/** Parameter points: ordinary, persistent, anti-persistent, very persistent, far apart, unequal variances. */
const THETAS: [string, Theta][] = [
  ['ordinary', Float64Array.of(0.7, 0.6, -0.8, 1.1, 1.2, 0.9)],
  ['anti-persistent', Float64Array.of(0.2, 0.35, -1.5, 0.4, 0.6, 1.7)],
  ['very persistent', Float64Array.of(0.999, 0.995, -1, 1, 1, 1)],
  ['far apart', Float64Array.of(0.9, 0.8, -30, 30, 0.5, 0.3)],
  ['narrow state', Float64Array.of(0.6, 0.9, 0.2, 0.5, 0.01, 4)],
];

const binaryEntropyBits = (g: number) => (g <= 0 || g >= 1 ? 0 : -(g * Math.log(g) + (1 - g) * Math.log(1 - g)) / Math.LN2);

describe('one forward–backward pass = enumeration of all 2^T state paths', () => {
  it.each([1, 2, 7, 10])('T = %i: L, γ_t, entropy and every expected count', (T) => {
    for (const seed of [3, 4]) {
      const y = shortSequence(T, seed, 2.5);
      const model = createHmmModel(y);
      for (const [label, theta] of THETAS) {
        const ref = bruteForce(y, theta);
        const e = model.estep(theta);
        const gamma = model.posteriors(theta);
        expect(Math.abs(e.logLik - ref.logLik), label).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref.logLik)));
        expect(relErr(gamma, ref.gamma1, 1), label).toBeLessThan(1e-13);
        expect(relErr(e.stats, ref.stats, 1), label).toBeLessThan(1e-12);
        const H = Array.from(ref.gamma1, binaryEntropyBits).reduce((a, b) => a + b, 0) / T;
        expect(Math.abs(e.entropy - H), label).toBeLessThan(1e-13);
      }
    }
  });

  it('far apart states: tiny posteriors keep their relative accuracy (no 1 − γ cancellation)', () => {
    const y = shortSequence(8, 9, 2.5);
    const theta = Float64Array.of(0.8, 0.7, -4, 4, 0.05, 0.05);
    const ref = bruteForce(y, theta);
    const gamma = createHmmModel(y).posteriors(theta);
    for (let t = 0; t < y.length; t++) {
      const small = Math.min(ref.gamma1[t], 1 - ref.gamma1[t]);
      if (ref.gamma1[t] < 0.5 && small > 1e-250) expect(Math.abs(gamma[t] - ref.gamma1[t]) / small).toBeLessThan(1e-11);
    }
  });
});

describe('L at length T', () => {
  it('matches a log-space forward recursion at T = 3000 to 1e-12 relative', () => {
    const y = shortSequence(3000, 5, 2);
    const model = createHmmModel(y);
    for (const [label, theta] of THETAS) {
      const ref = logForward(y, theta);
      expect(Math.abs(model.estep(theta).logLik - ref) / Math.abs(ref), label).toBeLessThan(1e-12);
    }
  });
});

/** Central difference of f along coordinate i with step h. */
const cd = (f: (t: Theta) => number, t: Theta, i: number, h: number) => {
  const a = Float64Array.from(t);
  const b = Float64Array.from(t);
  a[i] += h;
  b[i] -= h;
  return (f(a) - f(b)) / (a[i] - b[i]);
};
/** Steps in each natural coordinate's own unit. */
const unitSteps = (t: Theta, rel: number) =>
  Float64Array.of(
    rel * Math.min(t[0], 1 - t[0]),
    rel * Math.min(t[1], 1 - t[1]),
    rel * Math.sqrt(t[4]),
    rel * Math.sqrt(t[5]),
    rel * t[4],
    rel * t[5],
  );

describe('the gradient (Fisher identity) against central differences of the reference L', () => {
  const y = shortSequence(400, 6, 2);
  const model = createHmmModel(y);
  const L = (t: Theta) => logForward(y, t);

  it.each(THETAS.slice(0, 3))('%s: natural and free coordinates', (_label, theta) => {
    const e = model.estep(theta);
    const h = unitSteps(theta, 1e-5);
    const fdNat = Float64Array.from(theta, (_, i) => cd(L, theta, i, h[i]));
    // In natural units (gradient × the coordinate's unit) every entry weighs the same.
    const s = unitSteps(theta, 1);
    const scaled = (g: ArrayLike<number>) => Float64Array.from(g, (x, i) => x * s[i]);
    expect(relErr(scaled(model.gradient(e)), scaled(fdNat), 1)).toBeLessThan(1e-7);

    const phi = model.toFree(theta);
    const Lf = (f: Theta) => L(model.fromFree(f));
    const fdFree = Float64Array.from(phi, (_, i) => cd(Lf, phi, i, 1e-5));
    expect(relErr(model.gradientFree(e), fdFree, 1)).toBeLessThan(1e-7);
  });

  it('random θ and short random sequences (fast-check): free gradient = differences of the enumerated L', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        (seed, a11, a22, m1, m2, lv1, lv2) => {
          const ys = shortSequence(7, seed, 2);
          const m = createHmmModel(ys);
          const theta = Float64Array.of(a11, a22, m1, m2, Math.exp(lv1), Math.exp(lv2));
          const phi = m.toFree(theta);
          const Lf = (f: Theta) => bruteForce(ys, m.fromFree(f)).logLik;
          const fd = Float64Array.from(phi, (_, i) => cd(Lf, phi, i, 1e-5));
          expect(relErr(m.gradientFree(m.estep(theta)), fd, 1)).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 40, seed: 20 },
    );
  });
});

describe('Newton: the observed information by differences of the exact gradient', () => {
  it('equals −∇²L by second differences of the reference L; the step solves I_o d = ∇L', () => {
    const y = shortSequence(400, 7, 2.5);
    const model = createHmmModel(y);
    let theta: Theta = Float64Array.of(0.6, 0.6, -1, 1, 1.2, 1.2);
    for (let k = 0; k < 200; k++) theta = model.mstep(model.estep(theta)); // near the maximum: I_o ≻ 0
    const L = (t: Theta) => logForward(y, t);
    const h = unitSteps(theta, 1e-4);
    const p = 6;
    const io = new Float64Array(p * p);
    const at = (moves: [number, number][]) => {
      const t = Float64Array.from(theta);
      for (const [i, d] of moves) t[i] += d;
      return L(t);
    };
    const L0 = L(theta);
    for (let i = 0; i < p; i++)
      for (let j = i; j < p; j++) {
        const v =
          i === j
            ? (at([[i, h[i]]]) - 2 * L0 + at([[i, -h[i]]])) / (h[i] * h[i])
            : (at([
                [i, h[i]],
                [j, h[j]],
              ]) -
                at([
                  [i, h[i]],
                  [j, -h[j]],
                ]) -
                at([
                  [i, -h[i]],
                  [j, h[j]],
                ]) +
                at([
                  [i, -h[i]],
                  [j, -h[j]],
                ])) /
              (4 * h[i] * h[j]);
        io[i * p + j] = io[j * p + i] = -v;
      }
    const e = model.estep(theta);
    const dir = model.newtonDirection(e);
    expect(dir).not.toBeNull();
    // I_o(reference) · d = ∇L, in natural units.
    const g = model.gradient(e);
    const s = unitSteps(theta, 1);
    const lhs = Float64Array.from(
      { length: p },
      (_, i) => s[i] * io.subarray(i * p, i * p + p).reduce((acc, x, j) => acc + x * dir![j], 0),
    );
    expect(
      relErr(
        lhs,
        Float64Array.from(g, (x, i) => x * s[i]),
        1e-3 * y.length,
      ),
    ).toBeLessThan(1e-5);
  });

  it('is null where I_o is not positive definite (at the symmetric saddle)', () => {
    const y = shortSequence(300, 8, 2);
    const model = createHmmModel(y);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const v = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
    expect(model.newtonDirection(model.estep(Float64Array.of(0.5, 0.5, mean, mean, v, v)))).toBeNull();
  });
});

describe('Baum–Welch', () => {
  it('the M-step maximises Q(·|θ) built from the enumerated posterior', () => {
    const y = shortSequence(10, 11, 2);
    const model = createHmmModel(y);
    for (const [label, theta] of THETAS.slice(0, 3)) {
      const ref = bruteForce(y, theta);
      const next = model.mstep(model.estep(theta));
      const q = (t: Theta) => qFunction(ref.stats, [theta[2], theta[3]], t);
      const q0 = q(next);
      const s = unitSteps(next, 1e-3);
      for (let i = 0; i < 6; i++)
        for (const sign of [-1, 1]) {
          const t = Float64Array.from(next);
          t[i] += sign * s[i];
          expect(q(t), `${label}, coordinate ${i}`).toBeLessThan(q0);
        }
      // and ∇Q = 0 there, by central differences
      const g = Float64Array.from(next, (_, i) => cd(q, next, i, s[i] * 1e-2) * unitSteps(next, 1)[i]);
      expect(Math.max(...g.map(Math.abs)), label).toBeLessThan(1e-6);
    }
  });

  it.each([
    [0.5, 1],
    [0.9, 2],
    [0.99, 3],
  ])('EM never lowers L (stay %s, seed %i, 300 iterations)', (stay, seed) => {
    const y = shortSequence(800, seed, 1.5, stay);
    const model = createHmmModel(y, { varianceFloor: 1e-6 });
    let e = model.estep(Float64Array.of(0.5, 0.5, y[0], y[1] + 0.1, 1.5, 1.5));
    for (let k = 0; k < 300; k++) {
      const next = model.estep(model.mstep(e));
      expect(next.logLik).toBeGreaterThanOrEqual(e.logLik - 1e-12 * Math.abs(e.logLik));
      e = next;
    }
  });
});

describe('the pass’s per-step logarithm', () => {
  it('is bit-identical to detmath’s log on normal x (1e-300 … 1e300) and within 1 ulp-ish of Math.log', () => {
    const n = 20_000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.exp(-690 + (1380 * (i + 0.37)) / n));
    const one = new Float64Array(1);
    const unit = Float64Array.of(1);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      one[0] = x[i];
      const got = weightedLogSum(unit, one, new Uint32Array(one.buffer), 0, 1);
      expect(Object.is(got, log(x[i])), `x = ${x[i]}`).toBe(true);
      worst = Math.max(worst, Math.abs(got - Math.log(x[i])) / Math.max(1, Math.abs(Math.log(x[i]))));
    }
    expect(worst).toBeLessThan(1e-15);
    // and the weighted sum over a range
    const w = Float64Array.from(x, (_, i) => (i % 7) / 7);
    const words = new Uint32Array(x.buffer);
    let ref = 0;
    for (let i = 100; i < 5000; i++) ref += w[i] * log(x[i]);
    expect(weightedLogSum(w, x, words, 100, 5000)).toBe(ref);
  });
});
