/**
 * MALA (Roberts & Tweedie 1996) on the marginal posterior, whitened coordinates: the Langevin proposal
 * u' = u + (ε²/2)∇log p(u) + ε ξ, corrected by Metropolis–Hastings with the asymmetric proposal density
 * q(u | u') / q(u' | u). ε adapts during burn-in towards acceptance 0.574. One pass per iteration: the
 * proposal's E-step gives its log density and gradient together.
 */
import { exp, log } from '../detmath';
import { MarginalChain, type MarginalOptions, type Transition } from './marginal';

export class MalaChain extends MarginalChain {
  readonly sampler = 'mala' as const;

  constructor(o: MarginalOptions) {
    super(o, 1.65 * exp(-log(o.density.p) / 6), 0.574);
  }

  protected transition(eps: number): Transition {
    const p = this.p;
    const h = 0.5 * eps * eps;
    const cand = new Float64Array(p);
    for (let i = 0; i < p; i++) cand[i] = this.u[i] + h * this.grad[i] + eps * this.rng.normal();
    const g = new Float64Array(p);
    const lc = this.density.logDensityGrad(cand, g);
    // log q(x | y) = −|x − y − h∇(y)|² / (2ε²) + const.
    let fwd = 0,
      bwd = 0;
    for (let i = 0; i < p; i++) {
      const a = cand[i] - this.u[i] - h * this.grad[i];
      const b = this.u[i] - cand[i] - h * g[i];
      fwd += a * a;
      bwd += b * b;
    }
    const logRatio = lc - this.logp + (fwd - bwd) / (2 * eps * eps);
    const ok = Number.isFinite(logRatio);
    const acceptProb = !ok ? 0 : logRatio >= 0 ? 1 : exp(logRatio);
    const accepted = ok && log(this.rng.uniformOpen()) < logRatio;
    if (accepted) {
      this.u = cand;
      this.logp = lc;
      this.grad = g;
    }
    return { accepted, acceptProb, passes: 1 };
  }
}
