/**
 * What RWM, MALA, HMC and NUTS share: a state u in whitened coordinates with its log density and
 * gradient cached (a rejected proposal costs no re-evaluation), step-size adaptation by dual averaging
 * during burn-in only, and the report in natural coordinates.
 */
import { DualAveraging } from './dual-averaging';
import type { Rng } from './rng';
import type { Chain, SamplerId, StepReport } from './sampler';
import type { Density } from './whiten';
import type { Theta } from '../types';

export interface MarginalOptions {
  readonly density: Density;
  readonly rng: Rng;
  readonly index: number;
  readonly burn: number;
  /** Start, whitened coordinates. */
  readonly start: Float64Array;
  /** Initial step size (whitened units); the sampler's own default when absent. */
  readonly stepSize?: number;
  /** Keep the step size fixed even during burn-in (the SBC tests use a kernel that never adapts). */
  readonly adapt?: boolean;
  /** θ and φ of a whitened point. */
  readonly report: (u: Float64Array) => { theta: Theta; phi: Float64Array };
}

export interface Transition {
  readonly accepted: boolean;
  /** The adaptation statistic (Metropolis acceptance probability, or NUTS's mean over the tree). */
  readonly acceptProb: number;
  readonly passes: number;
}

export abstract class MarginalChain implements Chain {
  abstract readonly sampler: SamplerId;
  readonly index: number;
  readonly burn: number;
  iteration = 0;
  protected readonly p: number;
  protected readonly density: Density;
  protected readonly rng: Rng;
  protected u: Float64Array;
  protected logp: number;
  protected grad: Float64Array;
  protected eps: number;
  private readonly da: DualAveraging | null;
  private pendingPasses = 1; // the start's evaluation, charged to the first iteration
  private readonly report: MarginalOptions['report'];

  constructor(o: MarginalOptions, defaultStep: number, targetAccept: number) {
    this.index = o.index;
    this.burn = o.burn;
    this.density = o.density;
    this.rng = o.rng;
    this.p = o.density.p;
    this.u = Float64Array.from(o.start);
    this.grad = new Float64Array(this.p);
    this.logp = o.density.logDensityGrad(this.u, this.grad);
    this.eps = o.stepSize ?? defaultStep;
    this.da = o.adapt === false ? null : new DualAveraging(this.eps, targetAccept);
    this.report = o.report;
  }

  get stepSize(): number {
    return this.eps;
  }

  /** One iteration with step size eps from the current state; updates u, logp, grad. */
  protected abstract transition(eps: number): Transition;

  step(): StepReport {
    const warmup = this.iteration < this.burn;
    const t = this.transition(this.eps);
    if (warmup && this.da) {
      this.eps = this.da.update(t.acceptProb);
      if (this.iteration + 1 === this.burn) this.eps = this.da.finalStepSize;
    }
    this.iteration++;
    const passes = t.passes + this.pendingPasses;
    this.pendingPasses = 0;
    const { theta, phi } = this.report(this.u);
    return { theta, phi, passes, accepted: t.accepted, acceptProb: t.acceptProb, warmup };
  }
}

export const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
