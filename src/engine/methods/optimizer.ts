/** The one small interface every method implements. */
import type { Evaluator } from '../evaluator';
import type { EStep, LatentModel, StepKind, StopReason } from '../types';

export interface MethodOptions {
  /** Hybrid: entropy threshold and EM burn-in. */
  tau: number;
  burn: number;
  /** Gradient ascent: fixed step on the per-point gradient ∇φL / N; 0 selects the backtracking line search. */
  gstep: number;
  /** Adam / momentum learning rate and which tfjs optimiser. */
  lr: number;
  opt: 'adam' | 'momentum';
}

export interface MethodContext {
  readonly model: LatentModel;
  /** Counts every E-step the method asks for. */
  readonly ev: Evaluator;
  /** E-step at the shared start (already counted). */
  readonly start: EStep;
  readonly options: MethodOptions;
}

export interface StepOutcome {
  /** E-step at the new point: L, H and ∇L there. */
  readonly e: EStep;
  readonly kind: StepKind;
  /** Set when the method cannot continue (e.g. its line search failed); e is then the last good point. */
  readonly stop?: StopReason;
}

export interface Optimizer {
  /** One iteration from the current point. */
  step(): StepOutcome;
  /** Frees held resources (tfjs tensors). */
  dispose?(): void;
}

export type OptimizerFactory = (ctx: MethodContext) => Optimizer | Promise<Optimizer>;
