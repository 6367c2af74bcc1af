/**
 * A sweep turned into independent tasks for a worker pool: one per (separation, replicate) cell —
 * its data set, θ*, λ_max and every method's run — and one per rate-map point. Task order is
 * replicate-major (every separation's first replicate, then every second one, …) so that results
 * streaming in fill every separation's box at once instead of one separation after another.
 */
import type { CellTask, MapTask } from '../../engine/sweep-cell';
export type { MapTask };
import { encodeQuery } from '../codec';
import { DEFAULT_STATE } from '../schema';
import type { ExperimentState } from '../state';
import { encodeSweep } from './codec';
import { mapSeparations, mapValues, replicateSeed, separations, type MapAxis, type SweepSpec } from './spec';

/**
 * The experiment's settings a sweep does not use — it has its own separations (swsep), N (swn),
 * methods (swm), cap (swcap) and gap (swtol), stops on the gap alone, and has no cursor — set to
 * their defaults, so that a sweep's query and document depend only on what decides its results.
 */
export const sweepExperiment = (e: ExperimentState): ExperimentState => ({
  ...e,
  n: DEFAULT_STATE.n,
  sep: DEFAULT_STATE.sep,
  methods: [...DEFAULT_STATE.methods],
  iters: DEFAULT_STATE.iters,
  tol: DEFAULT_STATE.tol,
  gtol: DEFAULT_STATE.gtol,
  it: 0,
});

/** The canonical query of a sweep: the experiment's keys (those it uses; the rest at their defaults), then every sweep key. */
export const sweepQuery = (experiment: ExperimentState, spec: SweepSpec): string =>
  `${encodeQuery(sweepExperiment(experiment))}&${encodeSweep(spec)}`;

export interface SweepPlan {
  readonly experiment: ExperimentState;
  readonly spec: SweepSpec;
  readonly query: string;
  readonly seps: number[];
  /** Data seed of each replicate. */
  readonly seeds: number[];
}

export function planSweep(experiment: ExperimentState, spec: SweepSpec): SweepPlan {
  const exp = sweepExperiment(experiment);
  return {
    experiment: exp,
    spec,
    query: sweepQuery(exp, spec),
    seps: separations(spec),
    seeds: Array.from({ length: spec.reps }, (_, r) => replicateSeed(experiment.seed, r)),
  };
}

export interface PlacedCellTask {
  readonly sepIndex: number;
  readonly rep: number;
  readonly task: CellTask;
}

/**
 * The same tasks, slowest expected first: small separations (λ_max → 1, EM capped, θ* far away) cost
 * tens of times more than large ones, and starting them first keeps every worker busy to the end.
 * For a pool that does not stream results to a reader (the CLI).
 */
export const slowestFirst = (tasks: readonly PlacedCellTask[]): PlacedCellTask[] =>
  [...tasks].sort((a, b) => a.sepIndex - b.sepIndex || a.rep - b.rep);

export function cellTasks(plan: SweepPlan): PlacedCellTask[] {
  const { spec, experiment } = plan;
  const out: PlacedCellTask[] = [];
  for (let rep = 0; rep < plan.seeds.length; rep++)
    for (let sepIndex = 0; sepIndex < plan.seps.length; sepIndex++)
      out.push({
        sepIndex,
        rep,
        task: {
          experiment,
          sep: plan.seps[sepIndex],
          n: spec.n,
          seed: plan.seeds[rep],
          methods: spec.methods,
          tol: spec.tol,
          cap: spec.cap,
        },
      });
  return out;
}

export interface RateMapPlan {
  /** The experiment and sweep settings the map was computed for (its query). */
  readonly query: string;
  readonly axis: MapAxis;
  readonly seps: number[];
  readonly values: number[];
}

export function planRateMap(plan: SweepPlan): RateMapPlan {
  return { query: plan.query, axis: plan.spec.map, seps: mapSeparations(plan.spec), values: mapValues(plan.spec) };
}

/** Row-major by value (j), separation (i) fastest: index = j · seps.length + i. */
export function mapTasks(plan: SweepPlan, map: RateMapPlan): MapTask[] {
  const out: MapTask[] = [];
  for (const value of map.values)
    for (const sep of map.seps) out.push({ experiment: plan.experiment, n: plan.spec.n, sep, axis: map.axis, value });
  return out;
}
