/** Every sampler against closed-form posteriors, 2D (see sampler-invariance-cases.ts for the method). */
import { describe, it } from 'vitest';
import { check, FUNCTIONALS_2D, KNOWN_2D, P2, X2 } from './sampler-invariance-cases';
import { exactFull2D, exactMeans2D } from './sampler-exact-reference';

describe('samplers against closed-form posteriors (2D, N = 6)', () => {
  it('full model (log-Cholesky coordinates, inverse-Wishart)', () => {
    check(2, Float64Array.from(X2.flat()), P2, exactFull2D(X2, P2), FUNCTIONALS_2D, 'full', 4000);
  });

  it('means-only (known weight and covariances)', () => {
    const { mu1x, mu1y, mu2x, mu2y } = FUNCTIONALS_2D;
    check(2, Float64Array.from(X2.flat()), P2, exactMeans2D(X2, P2, KNOWN_2D), { mu1x, mu1y, mu2x, mu2y }, 'means', 3000);
  });
});
