/**
 * Step-size adaptation by dual averaging (Nesterov 2009; Hoffman & Gelman 2014, §3.2.1), during burn-in
 * only: log ε_t = μ − √t/γ · H̄_t, H̄_t the running mean of (δ − acceptance). After burn-in the chain uses
 * the averaged iterate ε̄ and never adapts again, so the draws after burn-in come from one fixed kernel.
 */
import { exp, log } from '../detmath';

export class DualAveraging {
  private t = 0;
  private hBar = 0;
  private logEpsBar = 0;
  private readonly mu: number;
  logEps: number;

  constructor(
    eps0: number,
    private readonly delta: number,
    private readonly gamma = 0.05,
    private readonly t0 = 10,
    private readonly kappa = 0.75,
  ) {
    this.logEps = log(eps0);
    this.mu = log(10 * eps0);
  }

  get stepSize(): number {
    return exp(this.logEps);
  }

  /** The averaged step size ε̄, the one kept after burn-in. */
  get finalStepSize(): number {
    return this.t === 0 ? exp(this.logEps) : exp(this.logEpsBar);
  }

  /** Feeds one iteration's acceptance statistic in [0, 1]; returns the next ε. */
  update(accept: number): number {
    const a = Number.isFinite(accept) ? Math.min(1, Math.max(0, accept)) : 0;
    this.t++;
    const w = 1 / (this.t + this.t0);
    this.hBar = (1 - w) * this.hBar + w * (this.delta - a);
    // Clamped so that a run of rejections can never drive ε to 0 or to overflow.
    this.logEps = Math.min(5, Math.max(-25, this.mu - (Math.sqrt(this.t) / this.gamma) * this.hBar));
    const eta = exp(-this.kappa * log(this.t));
    this.logEpsBar = eta * this.logEps + (1 - eta) * this.logEpsBar;
    return exp(this.logEps);
  }
}
