/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011) with L leapfrog steps, identity mass in whitened
 * coordinates. Each iteration draws its step size uniformly in [0.9ε, 1.1ε] so that a fixed εL cannot
 * resonate with the target's periods (Neal 2011, §5.4.2.2); ε adapts during burn-in towards acceptance
 * 0.65. Cost: one pass per leapfrog step (the start's gradient is cached), so L passes an iteration.
 */
import { exp, log } from '../detmath';
import { dot, MarginalChain, type MarginalOptions, type Transition } from './marginal';

export class HmcChain extends MarginalChain {
  readonly sampler = 'hmc' as const;
  readonly leap: number;

  constructor(o: MarginalOptions, leap: number) {
    super(o, exp(-log(o.density.p) / 4), 0.65);
    if (!(leap >= 1 && Number.isInteger(leap))) throw new RangeError(`HMC needs a whole number of leapfrog steps ≥ 1, got ${leap}`);
    this.leap = leap;
  }

  protected transition(eps0: number): Transition {
    const p = this.p;
    const eps = eps0 * (0.9 + 0.2 * this.rng.uniform());
    const r = new Float64Array(p);
    this.rng.normals(r);
    const h0 = -this.logp + 0.5 * dot(r, r);
    let q = Float64Array.from(this.u);
    let g = Float64Array.from(this.grad);
    let lp = this.logp;
    let passes = 0;
    for (let s = 0; s < this.leap; s++) {
      for (let i = 0; i < p; i++) r[i] += 0.5 * eps * g[i];
      const next = new Float64Array(p);
      for (let i = 0; i < p; i++) next[i] = q[i] + eps * r[i];
      q = next;
      g = new Float64Array(p);
      lp = this.density.logDensityGrad(q, g);
      passes++;
      if (!Number.isFinite(lp)) break; // left the support: the proposal is rejected
      for (let i = 0; i < p; i++) r[i] += 0.5 * eps * g[i];
    }
    const h1 = -lp + 0.5 * dot(r, r);
    const logRatio = h0 - h1;
    const ok = Number.isFinite(logRatio);
    const acceptProb = !ok ? 0 : logRatio >= 0 ? 1 : exp(logRatio);
    const accepted = ok && log(this.rng.uniformOpen()) < logRatio;
    if (accepted) {
      this.u = q;
      this.logp = lp;
      this.grad = g;
    }
    return { accepted, acceptProb, passes };
  }
}
