/**
 * Data-augmentation Gibbs as a Chain: each step is one sweep (z | θ, then θ | z), one pass over the data.
 * Its pace is the fraction of missing information (em-theory.md §15.2): the lag-1 autocorrelation of the
 * slowest linear functional tends to λ_max of the Bayesian DM at the mode.
 */
import type { Theta } from '../types';
import { drawMeans1D, drawTheta1D, labelStats1D, sweepBuffers } from './gibbs1d';
import { drawMeans2D, drawTheta2D, labelStats2D } from './gibbs2d';
import type { Target } from './posterior';
import type { MixturePrior } from './priors';
import type { Rng } from './rng';
import type { Chain, StepReport } from './sampler';

export interface GibbsOptions {
  readonly target: Target;
  readonly prior: MixturePrior;
  readonly rng: Rng;
  readonly index: number;
  readonly burn: number;
  /** Start, natural coordinates (means-only: with the known weight and covariances). */
  readonly start: Theta;
}

export class GibbsChain implements Chain {
  readonly sampler = 'gibbs' as const;
  readonly stepSize = null;
  readonly index: number;
  readonly burn: number;
  iteration = 0;
  private theta: Theta;
  private readonly buf = sweepBuffers();

  constructor(private readonly o: GibbsOptions) {
    this.index = o.index;
    this.burn = o.burn;
    this.theta = Float64Array.from(o.start);
  }

  /** One sweep from θ: the kernel alone, for tests that start it anywhere. */
  sweep(theta: Theta): Theta {
    const { target, prior, rng } = this.o;
    const data = target.model.data;
    const means = target.restriction === 'means';
    if (target.model.dim === 1) {
      const st = labelStats1D(data, theta, rng, this.buf);
      return means ? drawMeans1D(prior, theta, st, rng) : drawTheta1D(prior, theta, st, rng);
    }
    const st = labelStats2D(data, theta, rng, this.buf);
    return means ? drawMeans2D(prior, theta, st, rng) : drawTheta2D(prior, theta, st, rng);
  }

  step(): StepReport {
    const warmup = this.iteration < this.burn;
    this.theta = this.sweep(this.theta);
    this.iteration++;
    return {
      theta: Float64Array.from(this.theta),
      phi: this.o.target.free(this.theta),
      passes: 1,
      accepted: true,
      acceptProb: 1,
      warmup,
    };
  }
}
