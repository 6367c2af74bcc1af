/**
 * The experiment: everything needed to reproduce a run, and nothing else.
 * One source of truth for the app, the worker and the CLI; the zod schema and URL codec
 * (schema.ts, codec.ts) validate and serialise exactly this shape.
 */
import type { Dim, MethodId } from '../engine/types';

export interface ExperimentState {
  /** Schema version of the query string (1). */
  v: 1;
  dim: Dim;
  /** Sample size. */
  n: number;
  /** Distance between the true means in units of the pooled standard deviation (Mahalanobis in 2D). */
  sep: number;
  /** True weight π of component 1. */
  w: number;
  /** True variance ratio σ2²/σ1² (1D) or covariance scale ratio |Σ2|^(1/2)/|Σ1|^(1/2) (2D). */
  vr: number;
  /** 2D only: ratio of minor to major axis variance of each true component, (0, 1]. */
  aspect: number;
  /** 2D only: rotation of component 1's major axis in degrees; component 2 is rotated by −rot. */
  rot: number;
  /** Data seed (labels and standard-normal draws: common random numbers). */
  seed: number;
  /** Initialisation seed (ignored when `start` is given). */
  init: number;
  /** Explicit start θ in natural coordinates (types.ts layout), or null to draw it from `init`. */
  start: number[] | null;
  /** Methods in the race, in canonical order. */
  methods: MethodId[];
  /** Hybrid: switch EM → ECG once the normalised posterior entropy exceeds tau. */
  tau: number;
  /** Hybrid: EM iterations before the entropy test starts. */
  burn: number;
  /** Max iterations per method. */
  iters: number;
  /** Gradient ascent: fixed step size in free coordinates; 0 means backtracking line search. */
  gstep: number;
  /** Adam baseline: learning rate, and which tfjs optimiser ('adam' or 'momentum'). */
  lr: number;
  opt: 'adam' | 'momentum';
  /** Convergence tolerance on the gap L* − L. */
  tol: number;
  /** Convergence tolerance on the free-coordinate gradient norm ‖∇φ L‖. */
  gtol: number;
  /** Variance floor, relative to the sample variance (1D) / smallest eigenvalue of the sample covariance (2D). */
  floor: number;
  /** View: the iteration the panels show (the scrubber). Not used by the CLI. */
  it: number;
}
