/**
 * The sampler worker's contract (comlink): the Sampler mode's chains run in a worker of their own, so
 * the race worker (and the race mode) never waits for them. Every reply is tagged with the epoch of
 * the settings it belongs to; draws stream as packed view rows (engine/samplers/chain-view.ts: wᵀφ,
 * the plane coordinates, switched, passes), one Float64Array per sampler, transferred. Only
 * src/state/ reads this file.
 */
import type { ChainSummary } from '../engine/samplers/chain-summary';
import type { RelabelRule } from '../engine/mcmc/label-switching';
import type { SamplerId } from '../engine/samplers/sampler';
import type { Dim } from '../engine/types';
import type { ContourBand } from './protocol';

export type { ContourBand };

/** The chain plane as the panels need it (engine/samplers/chain-plane.ts), with the shown box. */
export interface PlaneInfo {
  readonly kind: 'means' | 'eigen';
  readonly eigen: readonly { readonly lambda: number; readonly dx: number; readonly dy: number }[];
  readonly mode: readonly [number, number];
  readonly twin: readonly [number, number];
  readonly twinDistance: number;
  readonly box: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number; readonly showsTwin: boolean };
}

export interface SamplerHeader {
  readonly epoch: number;
  readonly dim: Dim;
  readonly restriction: 'full' | 'means';
  readonly samplers: readonly SamplerId[];
  readonly chains: number;
  readonly draws: number;
  readonly warm: number;
  /** Free coordinates per draw. */
  readonly p: number;
  /** λ_max of the Bayesian DM at the mode; means-only also at the MLE. */
  readonly lambdaMax: number | null;
  readonly lambdaMle: number | null;
  readonly predictedGibbs: { readonly lag1: number; readonly essPerPass: number } | null;
  readonly spectrum: readonly number[] | null;
  /** The slowest functional's weights on the free coordinates (null: the first coordinate). */
  readonly w: readonly number[] | null;
  readonly relabel: RelabelRule;
  readonly swapSymmetric: boolean;
  readonly setupPasses: number;
  /** The posterior mode, natural θ (types.ts layout), and the slowest functional's value there. */
  readonly modeTheta: readonly number[];
  readonly modeValue: number;
  readonly plane: PlaneInfo | null;
}

/** New draws [from, from + count) of every chain of one sampler: chains × count × VIEW_FIELDS, chain-major. */
export interface SamplerBatch {
  readonly sampler: SamplerId;
  readonly from: number;
  readonly count: number;
  readonly data: Float64Array;
}

export interface SamplerStat {
  readonly sampler: SamplerId;
  readonly passes: number;
  readonly acceptance: number | null;
  readonly stepSize: number | null;
  readonly summary: ChainSummary;
  /** Autocorrelation of the (relabelled) slowest functional at lags 0 … ACF_LAGS, or null (too few draws). */
  readonly acf: readonly number[] | null;
}

/** The diagnostics on each chain's first `at` draws (the cursor). */
export interface SummaryAt {
  readonly at: number;
  readonly stats: readonly SamplerStat[];
}

/** The log posterior over the plane's box, as filled levels (contour-bands.ts). */
export interface PlaneGrid {
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly bands: readonly ContourBand[];
}

/** One separation of the efficiency curve (short runs, chains-spec.ts). */
export interface CurvePoint {
  readonly sep: number;
  readonly lambdaMax: number | null;
  readonly essPerPass: Readonly<Partial<Record<SamplerId, number | null>>>;
  readonly maxRhat: number | null;
}

export interface SamplerPull {
  readonly epoch: number;
  readonly batches: readonly SamplerBatch[];
  readonly summary: SummaryAt | null;
  readonly contours: PlaneGrid | null;
  /** The whole curve so far, when it grew since `curveSent`. */
  readonly curve: readonly CurvePoint[] | null;
  readonly curveTotal: number;
  /** Every chain has all its draws. */
  readonly done: boolean;
  /** Nothing left to compute for this epoch. */
  readonly idle: boolean;
  readonly error: string | null;
}

export type SamplerConfigureReply =
  | { readonly ok: true; readonly header: SamplerHeader }
  | { readonly ok: false; readonly superseded: boolean; readonly epoch: number; readonly error?: string };

export interface SamplerWorkerApi {
  /** New settings (the canonical query); `cursor`: the draw the page shows (the worker computes up to it first). */
  configure(query: string, epoch: number, cursor: number): Promise<SamplerConfigureReply>;
  /** Draws since `since` (per sampler, in header order), the diagnostics at `summaryAt` when asked, contours and curve once ready. */
  pull(epoch: number, since: readonly number[], cursor: number, summaryAt: number | null, curveSent: number): Promise<SamplerPull | null>;
  /** The run document (or CSV) `npm run lab` prints for this query, once every chain has finished. */
  exportRun(epoch: number, format: 'json' | 'csv', query: string): Promise<string | null>;
  /** Milliseconds for `sweeps` DA Gibbs sweeps at N points in this worker (the benchmark of issue 18). */
  benchGibbs(n: number, sweeps: number): Promise<number>;
}
