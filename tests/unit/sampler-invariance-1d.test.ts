/** Every sampler against closed-form posteriors, 1D (see sampler-invariance-cases.ts for the method). */
import { describe, expect, it } from 'vitest';
import { check, FUNCTIONALS, KNOWN, P1, X1 } from './sampler-invariance-cases';
import { exactFull1D, exactMeans1D } from './sampler-exact-reference';

describe('samplers against closed-form posteriors (1D, N = 6)', () => {
  it('full model (weight, means, variances)', () => {
    check(1, Float64Array.from(X1), P1, exactFull1D(X1, P1), FUNCTIONALS, 'full');
  });

  it('means-only (known weight 0.4 and unequal variances)', () => {
    check(1, Float64Array.from(X1), P1, exactMeans1D(X1, P1, KNOWN), { mu1: FUNCTIONALS.mu1, mu2: FUNCTIONALS.mu2 }, 'means');
  });

  it('the reference itself: moments are those of a proper posterior (E[f²] ≥ E[f]²)', () => {
    const m = exactFull1D(X1, P1);
    for (const k of Object.keys(m)) expect(m[k].sq).toBeGreaterThan(m[k].mean ** 2);
    expect(m.mu1.mean).toBeLessThan(0);
    expect(m.mu2.mean).toBeGreaterThan(0);
  });
});
