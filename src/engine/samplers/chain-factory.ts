/**
 * Builds one chain of a sampler on a prepared posterior: the seeded stream (seed, sampler, chain index),
 * the start, and the whitening shared by the marginal samplers.
 */
import type { Theta } from '../types';
import { GibbsChain } from './gibbs';
import { HmcChain } from './hmc';
import { MalaChain } from './mala';
import type { MarginalOptions } from './marginal';
import { NutsChain } from './nuts';
import type { Target } from './posterior';
import type { MixturePrior } from './priors';
import { Rng } from './rng';
import { RwmChain } from './rwm';
import { samplerStream, type Chain, type SamplerId } from './sampler';
import type { Whitened } from './whiten';

export interface ChainRecipe {
  readonly target: Target;
  readonly prior: MixturePrior;
  readonly whitened: Whitened;
  readonly seed: number;
  readonly burn: number;
  readonly leap: number;
  /** Start spread in units of the mode's Laplace sd (0: every chain starts at the mode). */
  readonly dispersion: number;
  /** Fixed step size for the marginal samplers (no adaptation), or undefined to adapt during burn-in. */
  readonly fixedStep?: number;
}

/** The start of chain `index`: φ̂ + dispersion · C ξ, ξ from a stream of its own (the same for every sampler). */
export function chainStart(r: ChainRecipe, index: number): Float64Array {
  const rng = new Rng(r.seed, 0, index);
  const u = rng.normals(new Float64Array(r.target.p)).map((x) => r.dispersion * x);
  return u;
}

export function createChain(r: ChainRecipe, id: SamplerId, index: number, startU?: Float64Array): Chain {
  const u0 = startU ?? chainStart(r, index);
  const rng = new Rng(r.seed, samplerStream(id), index);
  if (id === 'gibbs') {
    const start: Theta = r.target.theta(r.whitened.toPhi(u0));
    return new GibbsChain({ target: r.target, prior: r.prior, rng, index, burn: r.burn, start });
  }
  const o: MarginalOptions = {
    density: r.whitened,
    rng,
    index,
    burn: r.burn,
    start: u0,
    stepSize: r.fixedStep,
    adapt: r.fixedStep === undefined,
    report: (u) => {
      const phi = r.whitened.toPhi(u);
      return { theta: r.target.theta(phi), phi };
    },
  };
  switch (id) {
    case 'rwm':
      return new RwmChain(o);
    case 'mala':
      return new MalaChain(o);
    case 'hmc':
      return new HmcChain(o, r.leap);
    case 'nuts':
      return new NutsChain(o);
  }
}
