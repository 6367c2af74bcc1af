/** The one small interface every method implements. */
import type { Evaluator } from '../evaluator';
import type { MethodSettings } from '../spec';
import type { EStep, LatentModel, StepKind, StopReason } from '../types';

/** The methods' settings (spec.ts), as the race hands them over. */
export type MethodOptions = MethodSettings;

/**
 * Numbers a method reports about one step, beyond what every trace row has (JJ-CG: the conjugacy
 * factor `beta` and the accepted step `alpha`; adaptive over-relaxation: the `eta` it tried). Finite.
 */
export type StepExtra = Readonly<Record<string, number>>;

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
  /** Per-step numbers of this method's own (recorded on the trace row, written under --diagnostics). */
  readonly extra?: StepExtra;
}

export interface Optimizer {
  /** One iteration from the current point. */
  step(): StepOutcome;
  /** Frees held resources (tfjs tensors). */
  dispose?(): void;
}

export type OptimizerFactory = (ctx: MethodContext) => Optimizer | Promise<Optimizer>;
