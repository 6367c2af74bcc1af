/**
 * The Sampler mode's runner: the chains of every chosen sampler on one data set, advanced in slices (a
 * worker calls advance(k) between frames) or to the end (runChains). Deterministic: the same spec gives
 * the same draws bit for bit, however the iterations are sliced (each chain has its own stream).
 *
 * Setup (once, before any chain): the prior, the posterior mode φ̂ and the curvature H there (MAP-EM +
 * Newton, or Newton from spec.start), the whitening φ = φ̂ + C u (C Cᵀ = H⁻¹) the marginal samplers share,
 * and the slowest functional wᵀφ with λ_max of the Bayesian DM at the mode (mcmc/slowest.ts).
 */
import { createModel1D } from '../model1d';
import { createModel2D } from '../model2d';
import type { SwapGeometry, RelabelRule } from '../mcmc/label-switching';
import { slowestFunctional, type SlowestFunctional } from '../mcmc/slowest';
import type { Dim, MixtureModel, Theta } from '../types';
import { createChain, type ChainRecipe } from './chain-factory';
import { summarizeChains, type ChainSummary } from './chain-summary';
import { findMode, type Mode } from './mode';
import { createTarget, swapIsSymmetry, type Restriction, type Target } from './posterior';
import { exchangeable, resolvePrior, type MixturePrior, type PriorSettings } from './priors';
import type { Chain, SamplerId } from './sampler';
import { whiten, type Whitened } from './whiten';

export interface ChainSetSpec {
  /** 1D: x_n; 2D: interleaved x_n, y_n. */
  readonly data: Float64Array;
  readonly dim: Dim;
  /** 'full' (weight, means, covariances) or 'means' (known weight and covariances: `known`). Default 'full'. */
  readonly restriction?: Restriction;
  readonly samplers: readonly SamplerId[];
  /** Draws kept per chain, after burn-in. */
  readonly draws: number;
  readonly burn: number;
  /** Chains per sampler (≥ 4 for split-R̂). Default 4. */
  readonly chains?: number;
  readonly seed: number;
  /** HMC's leapfrog steps L. Default 10. */
  readonly leap?: number;
  readonly prior?: PriorSettings;
  /** Every hyper-parameter given explicitly (overrides `prior`). */
  readonly priorExact?: MixturePrior;
  /** Means-only: the known θ (natural coordinates; its means are ignored), e.g. the truth. */
  readonly known?: Theta;
  /** Natural θ to start the mode search from (e.g. the race's θ*); default MAP-EM from the quartiles. */
  readonly start?: Theta;
  /** 'mode' (default): relabel to the labelling closer to the mode; 'order': 1D μ₁ < μ₂ as at the mode. */
  readonly relabel?: 'mode' | 'order';
  /** Chain starts: φ̂ + dispersion · (Laplace draw). Default 2 (over-dispersed, for R̂). */
  readonly dispersion?: number;
  /** Keep the draws in natural coordinates for the results. */
  readonly keepDraws?: boolean;
}

export interface ChainSetup {
  readonly prior: MixturePrior;
  readonly target: Target;
  readonly mode: Mode;
  readonly whitened: Whitened;
  /** null when H + I_m is not positive definite at the mode. */
  readonly functional: SlowestFunctional | null;
  readonly lambdaMax: number | null;
  /** What DA Gibbs should show: lag-1 → λ_max, ESS per pass → (1 − λ)/(1 + λ). */
  readonly predictedGibbs: { readonly lag1: number; readonly essPerPass: number } | null;
  /** Passes the setup cost (mode, curvature, I_m). */
  readonly setupPasses: number;
  readonly swapSymmetric: boolean;
  readonly relabel: RelabelRule;
}

export interface SamplerResult {
  readonly sampler: SamplerId;
  /** Passes over the data after burn-in, all chains. */
  readonly passes: number;
  readonly burnPasses: number;
  /** Mean acceptance probability after burn-in. */
  readonly acceptance: number | null;
  /** Step size after burn-in (chain 0), whitened units; null for Gibbs. */
  readonly stepSize: number | null;
  readonly summary: ChainSummary;
  /** Per chain, draws × model.p natural θ (with keepDraws). */
  readonly draws?: Float64Array[];
}

interface Track {
  chain: Chain;
  phi: Float64Array;
  theta: Float64Array | null;
  count: number;
  passes: number;
  burnPasses: number;
  accept: number;
}

export function createMixtureModel(dim: Dim, data: Float64Array): MixtureModel {
  return dim === 1 ? createModel1D(data) : createModel2D(data);
}

export function prepare(spec: ChainSetSpec): ChainSetup {
  const restriction = spec.restriction ?? 'full';
  const model = createMixtureModel(spec.dim, spec.data);
  const prior = spec.priorExact ?? resolvePrior(spec.dim, spec.data, spec.prior);
  const target = createTarget(model, restriction, prior, spec.known ?? null);
  let start = spec.start;
  if (start && restriction === 'means' && spec.known) {
    const t = Float64Array.from(spec.known);
    const idx = spec.dim === 1 ? [1, 2] : [1, 2, 3, 4];
    for (const i of idx) t[i] = start[i];
    start = t;
  }
  let mode = findMode(target, start);
  const swapSymmetric = swapIsSymmetry(target, spec.known ?? null, exchangeable(prior));
  const rule: RelabelRule = !swapSymmetric ? 'none' : spec.relabel === 'order' ? 'order' : 'mode';
  if (rule === 'order' && mode.phi[firstMeans(spec.dim)[0]] > mode.phi[firstMeans(spec.dim)[1]]) {
    // The ordered labelling's mode: the swapped mode, same density (the swap is a symmetry here).
    mode = findMode(target, target.theta(target.swap(mode.phi)), 0);
  }
  const functional = slowestFunctional(target, mode.phi, mode.hessian);
  const lam = functional?.lambdaMax ?? null;
  return {
    prior,
    target,
    mode,
    whitened: whiten(target, mode.phi, mode.hessian),
    functional,
    lambdaMax: lam,
    predictedGibbs: lam === null ? null : { lag1: lam, essPerPass: (1 - lam) / (1 + lam) },
    setupPasses: mode.passes + 1,
    swapSymmetric,
    relabel: rule,
  };
}

const firstMeans = (dim: Dim): [number, number] => (dim === 1 ? [1, 2] : [1, 3]);

export class ChainSet {
  readonly setup: ChainSetup;
  private readonly tracks = new Map<SamplerId, Track[]>();
  private readonly total: number;

  constructor(readonly spec: ChainSetSpec) {
    const chains = spec.chains ?? 4;
    if (!(chains >= 1 && Number.isInteger(chains))) throw new RangeError(`chains must be a whole number ≥ 1, got ${chains}`);
    this.setup = prepare(spec);
    this.total = spec.burn + spec.draws;
    const { target } = this.setup;
    const recipe: ChainRecipe = {
      target,
      prior: this.setup.prior,
      whitened: this.setup.whitened,
      seed: spec.seed,
      burn: spec.burn,
      leap: spec.leap ?? 10,
      dispersion: spec.dispersion ?? 2,
    };
    for (const id of spec.samplers) {
      const list: Track[] = [];
      for (let c = 0; c < chains; c++)
        list.push({
          chain: createChain(recipe, id, c),
          phi: new Float64Array(spec.draws * target.p),
          theta: spec.keepDraws ? new Float64Array(spec.draws * target.model.p) : null,
          count: 0,
          passes: 0,
          burnPasses: 0,
          accept: 0,
        });
      this.tracks.set(id, list);
    }
  }

  /** Iterations done per chain (burn-in included), and the total asked for. */
  get progress(): { iteration: number; total: number } {
    const all = [...this.tracks.values()].flat();
    return { iteration: all.length ? Math.min(...all.map((t) => t.chain.iteration)) : this.total, total: this.total };
  }

  get done(): boolean {
    return this.progress.iteration >= this.total;
  }

  /** One iteration of one chain, recorded; its passes. */
  private stepTrack(t: Track): number {
    const r = t.chain.step();
    if (r.warmup) {
      t.burnPasses += r.passes;
      return r.passes;
    }
    t.phi.set(r.phi, t.count * this.setup.target.p);
    t.theta?.set(r.theta, t.count * this.setup.target.model.p);
    t.count++;
    t.passes += r.passes;
    t.accept += r.acceptProb;
    return r.passes;
  }

  /** Up to k more iterations on every chain; true when all chains are done. */
  advance(k: number): boolean {
    for (const list of this.tracks.values())
      for (const t of list) for (let i = 0; i < k && t.chain.iteration < this.total; i++) this.stepTrack(t);
    return this.done;
  }

  /**
   * Iterations round-robin over every chain (the least advanced first) until about `budget` passes are
   * spent: a worker's time slice, as one NUTS iteration can cost up to 1023 passes. The draws do not depend
   * on how the run is sliced. True when all chains are done.
   */
  advancePasses(budget: number): boolean {
    const all = [...this.tracks.values()].flat();
    let spent = 0;
    while (spent < budget) {
      let next: Track | null = null;
      for (const t of all) if (t.chain.iteration < this.total && (!next || t.chain.iteration < next.chain.iteration)) next = t;
      if (!next) break;
      spent += this.stepTrack(next);
    }
    return this.done;
  }

  /** Natural-coordinate draws of one chain so far (a view; keepDraws only), e.g. for streaming from `from`. */
  drawsOf(sampler: SamplerId, chain: number, from = 0): Float64Array | null {
    const t = this.tracks.get(sampler)?.[chain];
    if (!t || !t.theta) return null;
    const P = this.setup.target.model.p;
    return t.theta.subarray(from * P, t.count * P);
  }

  /** The diagnostics of every sampler on the draws so far. */
  results(): SamplerResult[] {
    const { target, functional, mode } = this.setup;
    const p = target.p;
    const geometry: SwapGeometry = {
      p,
      center: mode.phi,
      H: mode.hessian,
      swap: target.swap,
      firstMeans: target.restriction === 'means' ? (this.spec.dim === 1 ? [0, 1] : [0, 2]) : firstMeans(this.spec.dim),
    };
    const out: SamplerResult[] = [];
    for (const [id, list] of this.tracks) {
      const passes = list.reduce((s, t) => s + t.passes, 0);
      const count = list.reduce((s, t) => s + t.count, 0);
      const summary = summarizeChains(
        list.map((t) => t.phi.subarray(0, t.count * p)),
        p,
        functional?.w ?? null,
        geometry,
        this.setup.relabel,
        passes,
      );
      const step = list[0].chain.stepSize;
      out.push({
        sampler: id,
        passes,
        burnPasses: list.reduce((s, t) => s + t.burnPasses, 0),
        acceptance: count > 0 ? list.reduce((s, t) => s + t.accept, 0) / count : null,
        stepSize: step !== null && Number.isFinite(step) ? step : null,
        summary,
        ...(this.spec.keepDraws ? { draws: list.map((t) => (t.theta as Float64Array).slice(0, t.count * target.model.p)) } : {}),
      });
    }
    return out;
  }
}

/** All chains to the end, then the results. */
export function runChains(spec: ChainSetSpec): { setup: ChainSetup; results: SamplerResult[] } {
  const set = new ChainSet(spec);
  set.advance(spec.burn + spec.draws);
  return { setup: set.setup, results: set.results() };
}
