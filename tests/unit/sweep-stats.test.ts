/**
 * Sweep statistics with right-censored runs (src/experiment/sweep/stats.ts), checked against
 * hand-computed cases, against d3.quantile (an independent type-7 implementation) on uncensored
 * samples, against a substitution argument on censored ones, and EM's prediction against a direct
 * simulation of a gap that shrinks by λ² per iteration.
 */
import { quantile } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { censoredQuantile, predictedEvaluations, summarise } from '../../src/experiment/sweep/stats';

describe('censored quantiles', () => {
  it('hand-computed: no censoring', () => {
    expect(summarise([40, 10, 30, 20])).toEqual({ n: 4, reached: 4, censored: 0, q1: 17.5, median: 25, q3: 32.5, min: 10, max: 40 });
    expect(summarise([7])).toMatchObject({ q1: 7, median: 7, q3: 7 });
  });

  it('hand-computed: censored runs take the top ranks and are never dropped', () => {
    // 10 20 30 [>cap]: median at rank 1.5 (between 20 and 30); Q3 at rank 2.25 needs the censored one.
    expect(summarise([30, null, 10, 20])).toEqual({ n: 4, reached: 3, censored: 1, q1: 17.5, median: 25, q3: null, min: 10, max: 30 });
    // 10 [>cap] [>cap]: median at rank 1 is censored: "> cap".
    expect(summarise([null, 10, null])).toMatchObject({ median: null, q1: null, censored: 2 });
    // 5 of 5 censored.
    expect(summarise([null, null, null, null, null])).toEqual({
      n: 5,
      reached: 0,
      censored: 5,
      q1: null,
      median: null,
      q3: null,
      min: null,
      max: null,
    });
    // An odd sample whose median is exactly the last uncensored value: known, not censored.
    expect(summarise([1, 2, 3, null, null])).toMatchObject({ median: 3, q3: null });
    expect(censoredQuantile([], 0, 0.5)).toBeNull();
  });

  const sample = fc.array(fc.option(fc.integer({ min: 2, max: 5000 }), { nil: null, freq: 3 }), { minLength: 1, maxLength: 40 });
  const qs = [0, 0.25, 0.5, 0.75, 1];

  it('equals d3.quantile when nothing is censored', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 5000 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        for (const q of qs) expect(censoredQuantile(sorted, 0, q)).toBeCloseTo(quantile(xs, q)!, 9);
      }),
    );
  });

  it('is null exactly when the quantile depends on the censored values (substituting two different values above the cap)', () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const s = summarise(xs);
        const sub = (big: number) => xs.map((x) => x ?? big);
        for (const [q, got] of [
          [0.25, s.q1],
          [0.5, s.median],
          [0.75, s.q3],
        ] as const) {
          const a = quantile(sub(5001), q)!;
          const b = quantile(sub(1e9), q)!;
          if (a === b) expect(got).toBeCloseTo(a, 9);
          else expect(got).toBeNull();
        }
        expect(s.reached + s.censored).toBe(xs.length);
      }),
    );
  });
});

describe('EM’s predicted E-steps from λ_max', () => {
  /** Iterations until gap₀·λ^{2k} < tol, by simulation. */
  const simulate = (lambda: number, gap0: number, tol: number) => {
    let gap = gap0;
    let k = 0;
    while (!(gap < tol)) {
      gap *= lambda * lambda;
      k++;
    }
    return k;
  };

  it('matches a gap that shrinks by λ_max² per iteration (+1 for the start’s E-step)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }).map((e) => 10 ** e),
        fc.constantFrom(1e-6, 1e-8, 1e-10),
        (lambda, gap0, tol) => {
          const k = Math.max(1, simulate(lambda, gap0, tol));
          const p = predictedEvaluations(lambda, gap0, tol)!;
          // Rounding in the logarithms may move a boundary case by one iteration.
          expect(Math.abs(p - (1 + k))).toBeLessThanOrEqual(1);
        },
      ),
    );
    // λ = 0.9 from a gap of 1 to 1e-8: ln(1e-8) / (2 ln 0.9) = 87.4 → 88 iterations, 89 E-steps.
    expect(predictedEvaluations(0.9, 1, 1e-8)).toBe(89);
  });

  it('is undefined without linear convergence, and one step when already below tol', () => {
    expect(predictedEvaluations(null, 1, 1e-8)).toBeNull();
    expect(predictedEvaluations(1, 1, 1e-8)).toBeNull();
    expect(predictedEvaluations(0.5, null, 1e-8)).toBeNull();
    expect(predictedEvaluations(0.5, 1e-9, 1e-8)).toBe(2);
    expect(predictedEvaluations(0, 10, 1e-8)).toBe(2);
  });
});
