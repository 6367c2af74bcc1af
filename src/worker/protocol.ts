/**
 * The contract between the UI thread and the race worker (comlink). Types and row layout only:
 * both sides import this file, so it must not pull in the engine (beyond its list of step kinds) or React.
 *
 * Pull model: the UI calls `pull` at most once per animation frame with "how many rows of each
 * method I already have"; the worker answers with the rows since then, packed into one
 * Float64Array per method (transferred, not copied). Every reply carries the epoch of the
 * settings it belongs to; the UI drops replies from older epochs (latest settings win).
 */
import type { PlaneSteps } from '../engine/local-steps';
import { STEP_KINDS } from '../engine/methods/registry';
import type { MethodId, StepKind, StopReason } from '../engine/types';

/** Step kinds as numbers (their index in STEP_KINDS), so a row fits in a Float64Array. */
export const stepCode = (kind: StepKind): number => STEP_KINDS.indexOf(kind);
/** The step kind of a code (undefined for a code no kind has). */
export const stepKindOf = (code: number): StepKind | undefined => STEP_KINDS[code];

/**
 * One trace row, row-major, stride = rowStride(p):
 *   [iteration, evaluations, logLik, entropy, gradNorm, stepCode, θ (p), DM eigenvalues (p, NaN when null)]
 */
export const COL = { iteration: 0, evaluations: 1, logLik: 2, entropy: 3, gradNorm: 4, step: 5, theta: 6 } as const;
export const rowStride = (p: number): number => COL.theta + 2 * p;
export const eigenOffset = (p: number): number => COL.theta + p;

/** What the UI needs once per settings epoch (everything that does not grow with iterations). */
export interface RaceHeader {
  readonly epoch: number;
  /** Canonical query the worker decoded (the settings this epoch belongs to). */
  readonly query: string;
  readonly dim: 1 | 2;
  readonly p: number;
  readonly n: number;
  /** 1D: x_n; 2D: interleaved x, y. */
  readonly data: Float64Array;
  readonly truth: Float64Array;
  readonly init: Float64Array;
  readonly optimum: {
    readonly theta: Float64Array;
    readonly logLik: number;
    readonly eigenvalues: Float64Array;
    readonly emResidual: number;
    readonly gradNorm: number;
  };
  readonly methods: MethodId[];
  /**
   * Methods computed after the others (slow per iteration, e.g. Adam's tfjs pass): the panels may
   * draw the other lanes first and show these as still computing.
   */
  readonly deferred: MethodId[];
  /** Milliseconds the worker spent building data, start and θ*. */
  readonly buildMs: number;
}

export interface MethodBatch {
  readonly method: MethodId;
  /** Index of the first row in `rows` (equals the `since` the UI sent). */
  readonly from: number;
  /** New rows, row-major, `count` × rowStride(p). */
  readonly rows: Float64Array;
  readonly count: number;
  /** Set once the method has stopped. */
  readonly stop: StopReason | null;
}

/**
 * Per-row DM spectra of one method (the one the spectrum panel shows), rows [from, from + count),
 * `count` × p values (NaN where I_oc is not positive definite). The worker computes spectra only
 * for that method; the UI asks for them with `SpectrumRequest` and stores them in its trace rows.
 */
export interface SpectrumBatch {
  readonly method: MethodId;
  readonly from: number;
  readonly count: number;
  readonly values: Float64Array;
}

export interface SpectrumRequest {
  readonly method: MethodId;
  /** Rows whose spectra the UI already has. */
  readonly since: number;
}

/** Log-likelihood on a grid over (μ1, μ2) (1D) or (μ1x, μ2x) (2D), other parameters at θ*. */
export interface ContourGrid {
  readonly nx: number;
  readonly ny: number;
  /** Grid extent in parameter units: x = μ1 (first coordinate), y = μ2 (first coordinate). */
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** nx × ny values, row-major by y (d3-contour's layout). */
  readonly values: Float64Array;
  /** The θ the slice goes through (θ* or its label-swapped twin, whichever the runs head for). */
  readonly base: Float64Array;
  /** Filled levels, lowest first, in grid units (contour-bands.ts). */
  readonly bands: readonly ContourBand[];
}

/** One filled level: SVG path data in grid coordinates (x: 0…nx, y: 0…ny). */
export interface ContourBand {
  readonly value: number;
  readonly path: string;
}

export interface LambdaPoint {
  readonly sep: number;
  readonly lambdaMax: number;
}

export interface PullReply {
  readonly epoch: number;
  readonly batches: MethodBatch[];
  /** New per-row spectra of the requested method (null when none). */
  readonly spectrum: SpectrumBatch | null;
  /** Sent once per epoch, when first available. */
  readonly contours: ContourGrid | null;
  /** Sent whenever it grew; always the whole curve so far (a few dozen points). */
  readonly lambdaCurve: LambdaPoint[] | null;
  /** Number of separations the finished curve will have. */
  readonly lambdaCurveTotal: number;
  /** Every method has stopped. */
  readonly done: boolean;
  /** Nothing left to compute for this epoch (race, contours and curve finished): stop polling. */
  readonly idle: boolean;
  /** The engine threw while advancing this epoch. */
  readonly error: string | null;
  /**
   * ms after configure at which each stage finished: data, optimum, lanes, build (race ready),
   * rowsFast (non-deferred methods up to the cursor), contours (coarse grid), rows (all methods up
   * to the cursor), curve.
   */
  readonly phases: Readonly<Record<string, number>>;
}

export type ConfigureReply =
  /** `initial`: what the first redraw needs (rows up to the cursor, coarse contours…) when it was quick to compute. */
  | { readonly ok: true; readonly header: RaceHeader; readonly initial: PullReply }
  /** A newer configure arrived before this one was built. */
  | { readonly ok: false; readonly superseded: true; readonly epoch: number }
  | { readonly ok: false; readonly superseded: false; readonly epoch: number; readonly error: string };

export interface ExportReply {
  readonly epoch: number;
  /** The file's text, exactly what `npm run lab` prints (JSON) or `--csv` prints (CSV). */
  readonly text: string;
}

/** The worker's API as seen through comlink (every call is async on the UI side). */
export interface RaceWorkerApi {
  /**
   * New settings. Cancels stale work; resolves when this epoch's race is built (or superseded).
   * `cursor`: the iteration the UI shows, computed first. `spectrumFor`: the method whose per-row
   * DM spectra to compute (the spectrum panel's); others get none. `guesses`: separations whose
   * races to precompute up to the cursor once the settings have been still (the UI's likely next
   * values, e.g. the separation slider's neighbouring notches), in that order; they are kept for a
   * `configure` that asks for them.
   */
  configure(query: string, epoch: number, cursor: number, spectrumFor: MethodId, guesses: readonly number[]): Promise<ConfigureReply>;
  /**
   * Rows since `since[i]` for each method of `epoch`, plus contours / λ curve when new.
   * `cursor` tells the worker which iteration the UI wants first (computed with priority).
   * `spectrum`: which method's per-row spectra the UI shows and how many it has (changing the method
   * makes the worker compute that method's spectra, rows up to the cursor first).
   * Returns null when `epoch` is not the worker's current epoch.
   */
  pull(epoch: number, since: number[], cursor: number, sentCurve: number, spectrum: SpectrumRequest): Promise<PullReply | null>;
  /**
   * Resolves once everything the panels need at `cursor` is computed for `epoch` (every lane's rows
   * and the shown method's spectra), or the epoch was replaced: the UI pulls right then instead of
   * polling every frame while a slow lane (Adam) fills in.
   */
  settled(epoch: number, cursor: number): Promise<void>;
  /** Stop computing (settings are about to change, or the page is hidden). */
  cancel(epoch: number): Promise<void>;
  /**
   * The EM step, gradient and Newton step at θ (engine/local-steps.ts), projected on the trajectory
   * plane (params.planeAxes). One E-step and one I_m pass; null when `epoch` is not current or θ is invalid.
   */
  stepsAt(epoch: number, theta: Float64Array): Promise<PlaneSteps | null>;
  /** Runs the race to the end, then returns `runDocument` (JSON) or `traceCsv` (CSV) text. */
  exportRun(epoch: number, format: 'json' | 'csv', query: string): Promise<ExportReply | null>;
}
