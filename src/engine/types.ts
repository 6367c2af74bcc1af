/**
 * The engine's shared vocabulary. Pure numerics: no DOM, no React, float64 throughout.
 *
 * Natural parameters θ are one flat Float64Array (layout in params.ts):
 *   1D (p = 5):  [π, μ1, μ2, v1, v2]
 *   2D (p = 11): [π, μ1x, μ1y, μ2x, μ2y, Σ1xx, Σ1xy, Σ1yy, Σ2xx, Σ2xy, Σ2yy]   (vech Σ)
 * Free (unconstrained) coordinates φ, same length:
 *   1D: [logit π, μ1, μ2, log v1, log v2]
 *   2D: [logit π, μ1x, μ1y, μ2x, μ2y, l1_11, l1_21, l1_22, l2_11, l2_21, l2_22]
 *       with Σk = Λ Λᵀ, Λ = [[exp l11, 0], [l21, exp l22]] (log-Cholesky)
 */
export type Dim = 1 | 2;
export type Theta = Float64Array;

export type ModelFamily = 'mixture' | 'hmm';

/** What one E-step (one pass over the data) yields at θ, for any latent-variable model. */
export interface EStep {
  readonly theta: Theta;
  /** L(θ), summed with compensation. */
  readonly logLik: number;
  /** Normalised posterior entropy H ∈ [0, 1] of the hidden labels (the hybrid's switching signal). */
  readonly entropy: number;
  /**
   * Model-specific expected sufficient statistics (mixture: sums centred at the *current* means, so
   * the M-step and the gradients need no cancellation-prone raw moments). Layout in each model file.
   */
  readonly stats: Float64Array;
}

/** The mixture's E-step also carries the expected counts of each component. */
export interface MixtureEStep extends EStep {
  /** R1 = Σ r_n1; R2 = N − R1. */
  readonly R1: number;
  readonly R2: number;
}

/**
 * What every latent-variable model offers the methods, the race and the diagnostics: the mixture
 * (model1d.ts, model2d.ts) and, by the same interface, other families (the HMM). A method sees only
 * this, so it runs on any family. An `e` passed back to a model must come from that model's estep.
 */
export interface LatentModel {
  readonly family: ModelFamily;
  /** Dimension of one observation (the HMM's are 1-D). */
  readonly dim: Dim;
  /** Number of free parameters. */
  readonly p: number;
  /** Number of observations (points, or the sequence length T). */
  readonly n: number;
  /** 1D: x_n. 2D: interleaved x_n, y_n (length 2n). */
  readonly data: Float64Array;
  /** Smallest variance (1D) / smallest covariance eigenvalue (2D) the M-step may return. */
  readonly varianceFloor: number;
  /** Free coordinates that are logs of scales: a line search caps how far one step moves them (a collapse). */
  readonly logScaleFree: readonly number[];

  /** null when θ is a valid point (finite, probabilities inside (0,1), scales above the floor), else why not. */
  domainError(theta: Theta): string | null;
  /** One E-step: one pass over the data. */
  estep(theta: Theta): EStep;
  /** The M-step (EM's map is θ → mstep(estep(θ))), floored at varianceFloor. */
  mstep(e: EStep): Theta;
  /** ∇_θ L in natural coordinates. */
  gradient(e: EStep): Float64Array;
  toFree(theta: Theta): Float64Array;
  fromFree(phi: Float64Array): Theta;
  /** ∇_φ L in free coordinates. */
  gradientFree(e: EStep): Float64Array;
  /** The Newton step d (θ + d) with the observed information I_o, or null where I_o is not positive definite. */
  newtonDirection(e: EStep): Float64Array | null;
  /** Passes over the data one newtonDirection costs, charged by the Newton method; absent = 1 (the mixture's I_m pass). */
  readonly newtonPasses?: number;
  /** Eigenvalues of DM(θ), descending, or null where they are undefined (I_oc not positive definite). */
  spectrum(e: EStep): Float64Array | null;
  /** The DM spectrum for reports: `spectrum`, else the real parts of the general eigenproblem (p values at most). */
  fullSpectrum(e: EStep): Float64Array;
  /** Why the fit at e is degenerate (a component emptied or collapsed onto the variance floor), or null. */
  degenerate(e: EStep): StopReason | null;
  /** θ with the two hidden labels exchanged (the same likelihood). */
  swapLabels(theta: Theta): Theta;
  /** Both labels describe the same component: the posterior never tells them apart. */
  symmetric(theta: Theta): boolean;
}

export interface MixtureModel extends LatentModel {
  readonly family: 'mixture';
  estep(theta: Theta): MixtureEStep;
  mstep(e: MixtureEStep): Theta;
  /** ∇_θ L in natural coordinates (vech for 2D covariances: (G11, 2·G12, G22)). */
  gradient(e: MixtureEStep): Float64Array;
  gradientFree(e: MixtureEStep): Float64Array;
  /** I_oc(θ) = −∇²_θ' Q(θ'|θ) at θ' = θ, p×p row-major, valid at any θ (no extra pass). */
  completeInfo(e: MixtureEStep): Float64Array;
  /** I_m(θ) = Σ r(1−r) d dᵀ, p×p row-major (one extra pass). */
  missingInfo(theta: Theta): Float64Array;
  /** r_n1 for every point. */
  responsibilities(theta: Theta, out?: Float64Array): Float64Array;
}

export type { MethodId, StepKind } from './methods/registry';

export type StopCode =
  | 'converged-gap'
  | 'converged-rel-dl'
  | 'converged-grad'
  | 'iteration-cap'
  | 'collapse'
  | 'symmetric-start'
  | 'non-finite'
  | 'line-search-failed'
  | 'too-few-points'
  | 'other-stationary-point'
  /** The method is not written for this model family (Adam's tfjs likelihood is the mixture's). */
  | 'not-for-model';

export interface StopReason {
  readonly code: StopCode;
  /** Human-readable, starts with the code's plain-words form, e.g. "converged: gap L* − L < 1e-10". */
  readonly message: string;
}
