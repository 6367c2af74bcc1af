/** The records a race produces: one TraceRow per method and iteration. */
import type { StepExtra } from './methods/optimizer';
import type { LatentModel, MethodId, StepKind, StopReason, Theta } from './types';

export interface TraceRow {
  /** 0 is the start. */
  readonly iteration: number;
  /** Cumulative E-steps (likelihood/gradient evaluations, the paper's cost unit). */
  readonly evaluations: number;
  readonly logLik: number;
  readonly theta: Theta;
  /** Normalised posterior entropy H ∈ [0,1]. */
  readonly entropy: number;
  /** ‖∇_φ L‖₂ in free coordinates. */
  readonly gradNorm: number;
  readonly step: StepKind;
  /**
   * Spectrum of DM(θ) = I_oc(θ)⁻¹ I_m(θ) at this θ, descending; null where I_oc(θ) is not positive
   * definite; undefined when the race was not asked for per-row spectra (it costs a pass over the data).
   */
  eigenvalues?: Float64Array | null;
  /** Numbers the method reported about this step (JJ-CG: beta, alpha; adaptive over-relaxation: eta), when it reports any. */
  readonly extra?: StepExtra;
}

export interface MethodRun {
  readonly method: MethodId;
  readonly rows: TraceRow[];
  /** null while the method is still running. */
  stop: StopReason | null;
}

export interface Optimum {
  /** θ*: EM's limit from the shared start, Newton-polished; components aligned to the truth. */
  readonly theta: Theta;
  readonly logLik: number;
  /** Full DM spectrum at θ* (p values, descending; the smallest (p−1)/2 are structural zeros). */
  readonly eigenvalues: Float64Array;
  /** ‖M(θ*) − θ*‖∞, the EM fixed-point residual reached. */
  readonly emResidual: number;
  /** ‖∇_φ L(θ*)‖. */
  readonly gradNorm: number;
  /** Why θ* is not a regular interior maximum (collapsed or emptied component, identical components), or null. */
  readonly degenerate: string | null;
}

/** A race of several methods from one start on one data set; advanced incrementally (worker) or to the end (CLI). */
export interface Race {
  /** The model the race runs on (its family, its E-step): the worker's spectra and steps use it too. */
  readonly model: LatentModel;
  readonly dim: 1 | 2;
  readonly data: Float64Array;
  readonly truth: Theta;
  readonly init: Theta;
  readonly optimum: Optimum;
  /** In the experiment's canonical method order. */
  readonly runs: MethodRun[];
  /**
   * Runs up to `maxIterations` more iterations of every method still running (or only of the runs
   * whose indices are in `only`); returns true while any is running.
   */
  advance(maxIterations: number, only?: readonly number[]): boolean;
  readonly done: boolean;
  /** Frees what the methods hold (Adam's tfjs tensors); call when the race is superseded. */
  dispose(): void;
}
