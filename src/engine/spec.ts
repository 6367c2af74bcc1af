/**
 * What the engine needs to know of an experiment, declared here so the engine imports nothing above
 * it. The experiment layer's ExperimentState (src/experiment/) is a superset of RaceSpec: the
 * compiler checks that wherever a state is handed to the engine.
 */
import type { Dim, MethodId, ModelFamily } from './types';

/** The true mixture and the sample drawn from it (data.ts). */
export interface MixtureDataSpec {
  readonly dim: Dim;
  readonly n: number;
  /** Distance between the true means in pooled standard deviations (Mahalanobis in 2D). */
  readonly sep: number;
  /** True weight π of component 1. */
  readonly w: number;
  /** True variance ratio (1D) or covariance scale ratio (2D). */
  readonly vr: number;
  /** 2D: minor/major axis variance ratio, and the rotation of component 1 in degrees. */
  readonly aspect: number;
  readonly rot: number;
  /** Data seed (common random numbers). */
  readonly seed: number;
}

/** The model family and the data drawn from its truth (families.ts; the HMM's in hmm/data.ts). */
export interface DataSpec extends MixtureDataSpec {
  /** Which latent-variable model. */
  readonly model: ModelFamily;
  /** HMM: both true stay probabilities (the persistence); ignored by the mixture. */
  readonly p: number;
}

/** The shared start θ⁰ (init.ts). */
export interface StartSpec {
  readonly dim: Dim;
  readonly init: number;
  /** Explicit θ⁰ in natural coordinates, or null to draw it from `init`. */
  readonly start: readonly number[] | null;
}

/**
 * The methods' own settings, handed to every method as its options (methods/optimizer.ts): the race
 * passes its settings through whole, so a new setting needs a key row and a field here, nothing in race.ts.
 */
export interface MethodSettings {
  /** Hybrid: entropy threshold and EM burn-in. */
  readonly tau: number;
  readonly burn: number;
  /** Gradient ascent: fixed step on the per-point gradient ∇φL / N; 0 selects the backtracking line search. */
  readonly gstep: number;
  /** Adam / momentum learning rate and which tfjs optimiser. */
  readonly lr: number;
  readonly opt: 'adam' | 'momentum';
  /** Over-relaxed EM: θ ← θ + η(M(θ) − θ) in free coordinates, 0 < η < 2. */
  readonly eta: number;
}

/** Which methods race and when a run stops (race.ts). */
export interface RunSettings extends MethodSettings {
  readonly methods: readonly MethodId[];
  readonly iters: number;
  readonly tol: number;
  readonly gtol: number;
}

/** A whole race: data, start, methods, stop rules, and the variance floor relative to the data's scale. */
export interface RaceSpec extends DataSpec, StartSpec, RunSettings {
  readonly floor: number;
}
