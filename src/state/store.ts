/**
 * The app's main store (zustand), one of the page's four: the sweep (sweep-store.ts), the article's
 * reading preferences (article-prefs.ts) and the trajectory panel's step arrows (local-steps-store.ts)
 * keep stores of their own. Its three main slices:
 *   config — the ExperimentState, mirrored in the URL (url-sync.ts); includes the cursor `it`;
 *   view   — how it is shown (x-axis, playing, speed, focus method); x-axis and speed are
 *            remembered locally as preferences, never the experiment (the URL wins);
 *   run    — what the worker computed for the current settings: runtime only, never persisted;
 * beside them the URL's repair notes, the classroom settings, the last scenario, the worker error
 * and the toast (AppState below).
 * Actions live in actions.ts; frame-rate consumers read with getState() inside the frame loop.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { MethodId, StopReason } from '../engine/types';
import { DEFAULT_STATE } from '../experiment/schema';
import { NO_CLASSROOM, type Classroom } from '../experiment/classroom';
import type { Preset } from '../experiment/presets';
import type { ExperimentState } from '../experiment/state';
import type { ContourGrid, LambdaPoint, RaceHeader } from '../worker/protocol';

// What the UI reads of the worker's answers, so that no component needs the protocol itself.
export type { ContourBand, ContourGrid, LambdaPoint, RaceHeader } from '../worker/protocol';

export type XAxis = 'iterations' | 'evaluations';
export type PresetId = Preset['id'];

export interface ViewState {
  xAxis: XAxis;
  playing: boolean;
  /** Iterations per second while playing. */
  speed: number;
  /** The method whose spectrum (and responsibilities in the 2D data panel) is shown. */
  focus: MethodId;
  helpOpen: boolean;
}

/** One method's rows, row-major (protocol.ts layout, read through rows.ts), in a buffer that grows by doubling. */
export interface MethodTrace {
  readonly method: MethodId;
  /** Parameters per row (the header's p): the rows' layout depends on it. */
  readonly p: number;
  buf: Float64Array;
  count: number;
  /** Leading rows whose DM spectrum (the eigenvalue columns) has arrived; the worker computes only the focus method's. */
  eigenCount: number;
  stop: StopReason | null;
}

export interface RunState {
  /** Epoch of the settings now requested; `header.epoch` lags behind while the worker builds. */
  epoch: number;
  /** The race-relevant query (cursor removed) that `epoch` stands for. */
  raceQuery: string;
  /** Possibly from an older epoch: shown (stale, aria-busy) until the new one arrives. */
  header: RaceHeader | null;
  traces: MethodTrace[];
  contours: ContourGrid | null;
  contoursEpoch: number;
  lambdaCurve: LambdaPoint[];
  /** Epoch the shown curve was received for (it may be the previous settings' until the new one comes). */
  lambdaCurveEpoch: number;
  lambdaCurveTotal: number;
  /** Every method of `header` has stopped. */
  done: boolean;
  /** The worker has nothing left to compute for `header` (stop polling). */
  idle: boolean;
  error: string | null;
  /** Worker stage timings for `epoch` (see PullReply.phases). */
  phases: Readonly<Record<string, number>>;
  /** Bumped on every change of the run data (traces grow in place). */
  version: number;
}

export interface Repair {
  key: string;
  message: string;
}

export interface AppState {
  config: ExperimentState;
  view: ViewState;
  run: RunState;
  /** Keys the URL decoder repaired (shown in a dismissible notice). */
  repairs: Repair[];
  /** The worker could not load or crashed. */
  workerError: string | null;
  /** Short-lived confirmation ("Copied", "Downloaded"). */
  toast: string | null;
  /**
   * The scenario last chosen and the race query it produced: its caption is shown while the
   * settings still equal that query (any later change of settings hides it; Back/Forward to it shows it again).
   */
  preset: { id: PresetId; raceQuery: string } | null;
  /** Controls hidden or locked by a classroom link (classroom.ts); in the URL beside the experiment. */
  classroom: Classroom;
}

const copyDefault = (): ExperimentState => ({ ...DEFAULT_STATE, methods: [...DEFAULT_STATE.methods] });

export const emptyRun = (): RunState => ({
  epoch: 0,
  raceQuery: '',
  header: null,
  traces: [],
  contours: null,
  contoursEpoch: -1,
  lambdaCurve: [],
  lambdaCurveEpoch: -1,
  lambdaCurveTotal: 0,
  done: false,
  idle: false,
  error: null,
  phases: {},
  version: 0,
});

export const useStore = create<AppState>()(() => ({
  config: copyDefault(),
  view: { xAxis: 'iterations', playing: false, speed: 10, focus: 'em', helpOpen: false },
  run: emptyRun(),
  repairs: [],
  workerError: null,
  toast: null,
  preset: null,
  classroom: NO_CLASSROOM,
}));

export const SPEEDS: readonly number[] = [1, 3, 10, 30, 100, 300];

/**
 * The settings without the cursor, for components that show settings: they must not re-render
 * every frame while playing (the cursor lives in `config.it`).
 */
export const useSettings = (): Omit<ExperimentState, 'it'> =>
  useStore(
    useShallow((s) => {
      const { it: _cursor, ...rest } = s.config;
      void _cursor;
      return rest;
    }),
  );
