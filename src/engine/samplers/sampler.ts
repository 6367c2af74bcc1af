/**
 * One interface for every sampler of the Sampler mode: a seeded chain whose step() advances one iteration.
 * Cost is counted in passes over the data: one pass = one E-step's work (L and ∇L together count one).
 * DA Gibbs: one sweep = one pass. RWM and MALA: one pass. HMC: L passes (one gradient per leapfrog step).
 * NUTS: its leapfrog steps.
 */
import type { Theta } from '../types';

export type SamplerId = 'gibbs' | 'rwm' | 'mala' | 'hmc' | 'nuts';
export const SAMPLER_IDS: readonly SamplerId[] = ['gibbs', 'rwm', 'mala', 'hmc', 'nuts'];

export interface StepReport {
  /** θ after the iteration, natural coordinates (types.ts layout; means-only: the known parts filled in). */
  readonly theta: Theta;
  /** φ, the restriction's free coordinates (full: logit π, means, log-scales; means: the means). */
  readonly phi: Float64Array;
  /** Passes over the data this iteration cost. */
  readonly passes: number;
  /** Whether the chain moved (Gibbs: always). */
  readonly accepted: boolean;
  /** Metropolis acceptance probability (Gibbs 1; NUTS: the mean over its trajectory). */
  readonly acceptProb: number;
  /** The iteration was in the burn-in (adaptation on). */
  readonly warmup: boolean;
}

export interface Chain {
  readonly sampler: SamplerId;
  /** Chain index (its random stream). */
  readonly index: number;
  /** Iterations done so far, burn-in included. */
  readonly iteration: number;
  /** Burn-in length: the step size adapts during these iterations only, then stays fixed. */
  readonly burn: number;
  /** The current step size (whitened units), null for Gibbs. */
  readonly stepSize: number | null;
  step(): StepReport;
}

/** The random stream of a sampler: each sampler id gets its own, so adding a sampler changes no other's draws. */
export const samplerStream = (id: SamplerId): number => 1 + SAMPLER_IDS.indexOf(id);
