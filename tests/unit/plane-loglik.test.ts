/**
 * planeLogLik (src/engine/plane-loglik.ts), the separable contour-grid evaluator, against the
 * naive reference log-likelihood (tests/unit/mixture-reference.ts) cell by cell, in 1D and 2D,
 * including cells far from every point (where both component terms underflow), N not a multiple
 * of the product run, and a row range.
 */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/engine/data';
import { initialTheta } from '../../src/engine/init';
import { planeAxes } from '../../src/engine/params';
import { planeLogLik, planeLogLikOf } from '../../src/engine/plane-loglik';
import type { Dim } from '../../src/engine/types';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { refEStep } from './mixture-reference';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function setup(dim: Dim) {
  const state = { ...DEFAULT_STATE, methods: ['em' as const], dim, sep: 2.5, n: 403, seed: 5 };
  const data = generateData(state);
  return { data, base: initialTheta(state, data).theta };
}

const range = (lo: number, hi: number, k: number) => Array.from({ length: k }, (_, i) => lo + ((i + 0.5) / k) * (hi - lo));

describe('planeLogLik', () => {
  for (const dim of [1, 2] as const) {
    it(`equals the reference L at every cell (${dim}D), far cells included`, () => {
      const { data, base } = setup(dim);
      // The far ends (±400) put every point tens of thousands of log-units from one component.
      const xs = [...range(-6, 6, 7), -400];
      const ys = [...range(-5, 7, 6), 400];
      const grid = planeLogLik(dim, data, { base, xs, ys });
      const [ix1, ix2] = planeAxes(dim);
      let worst = 0;
      ys.forEach((y, b) =>
        xs.forEach((x, a) => {
          const t = Float64Array.from(base);
          t[ix1] = x;
          t[ix2] = y;
          const ref = refEStep(dim, data, t).L;
          expect(Number.isFinite(grid[b * xs.length + a])).toBe(true);
          worst = Math.max(worst, rel(grid[b * xs.length + a], ref));
        }),
      );
      expect(worst).toBeLessThan(1e-11);
    });

    it(`computes a row range as the same rows of the full grid (${dim}D)`, () => {
      const { data, base } = setup(dim);
      const xs = range(-4, 4, 9);
      const ys = range(-4, 4, 8);
      const full = planeLogLik(dim, data, { base, xs, ys });
      const part = planeLogLik(dim, data, { base, xs, ys }, { from: 3, to: 6 });
      expect(part.length).toBe(3 * xs.length);
      for (let k = 0; k < part.length; k++) expect(rel(part[k], full[3 * xs.length + k])).toBeLessThan(1e-13);
    });
  }
});

describe('planeLogLikOf: the HMM (one E-step per cell)', () => {
  it('puts μ₁ on x and μ₂ on y, the rest of θ at the base, and NaN where θ is invalid', async () => {
    const { FAMILIES } = await import('../../src/engine/families');
    const { stateWith } = await import('../query');
    const x = FAMILIES.hmm.build(stateWith({ model: 'hmm', n: 200, sep: 2, p: 0.9 }));
    const base = Float64Array.of(0.9, 0.8, -1, 1, 1.2, 0.9);
    const xs = [-2, 0.5];
    const ys = [-0.5, 1, 2];
    const grid = planeLogLikOf(x.model, { base, xs, ys });
    for (let b = 0; b < ys.length; b++)
      for (let a = 0; a < xs.length; a++) {
        const t = Float64Array.from(base);
        t[2] = xs[a];
        t[3] = ys[b];
        expect(grid[b * xs.length + a]).toBe(x.model.estep(t).logLik);
      }
    expect(planeLogLikOf(x.model, { base: Float64Array.of(0.9, 0.8, -1, 1, -1, 1), xs, ys }).every(Number.isNaN)).toBe(true);
  });
});
