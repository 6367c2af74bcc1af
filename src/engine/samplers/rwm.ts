/**
 * Random-walk Metropolis on the marginal posterior, whitened coordinates: u' = u + ε ξ, ξ ~ N(0, I),
 * accepted with probability min(1, p(u')/p(u)) (the proposal is symmetric). ε adapts during burn-in
 * towards acceptance 0.234 (Roberts, Gelman & Gilks 1997). One pass per iteration.
 */
import { exp, log } from '../detmath';
import { MarginalChain, type MarginalOptions, type Transition } from './marginal';

export class RwmChain extends MarginalChain {
  readonly sampler = 'rwm' as const;

  constructor(o: MarginalOptions) {
    super(o, 2.38 / Math.sqrt(o.density.p), 0.234);
  }

  protected transition(eps: number): Transition {
    const p = this.p;
    const cand = new Float64Array(p);
    for (let i = 0; i < p; i++) cand[i] = this.u[i] + eps * this.rng.normal();
    const g = new Float64Array(p);
    const lc = this.density.logDensityGrad(cand, g);
    const logRatio = lc - this.logp;
    const acceptProb = logRatio >= 0 ? 1 : Number.isFinite(logRatio) ? exp(logRatio) : 0;
    const accepted = Number.isFinite(lc) && log(this.rng.uniformOpen()) < logRatio;
    if (accepted) {
      this.u = cand;
      this.logp = lc;
      this.grad = g;
    }
    return { accepted, acceptProb, passes: 1 };
  }
}
