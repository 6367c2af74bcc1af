/**
 * The sweep document: what `npm run lab -- sweep '<query>'` prints and the app's "Download sweep
 * JSON" saves, built by this one function from the cells' results so the two cannot drift.
 * Deterministic: cells in a fixed order whatever order the workers finished in; no timestamps.
 *
 *   { schema, app, query, experiment, spec, seeds: { data: [per replicate], init }, separations,
 *     cells: [ { sep, method, evaluations: [per replicate, null where censored], lambdaMax: [per
 *                replicate], startGap, spent, outcomes, reasons, stats, predicted? (EM only) } ] }
 */
import type { CellResult, RunOutcome } from '../../engine/sweep-cell';
import type { MethodId } from '../../engine/types';
import { documentState, type DocumentState } from '../document-state';
import type { SweepPlan } from './plan';
import type { SweepSpec } from './spec';
import { predictedEvaluations, summarise, type CensoredSummary } from './stats';

export const SWEEP_SCHEMA = 'em-lab/sweep@1';

export interface SweepCellEntry {
  sep: number;
  method: MethodId;
  /** E-steps to reach the gap, per replicate; null where the run was censored (see outcomes). */
  evaluations: (number | null)[];
  /** λ_max(DM) at θ* of each replicate's data set (null where undefined). */
  lambdaMax: (number | null)[];
  /** L* − L(θ⁰) of each replicate. */
  startGap: (number | null)[];
  /** Why a replicate's θ* is not a regular interior maximum (collapsed or emptied component), else null. */
  degenerate: (string | null)[];
  /** E-steps each run actually spent. */
  spent: number[];
  /** How each run ended: reached, capped, or the stop that ended it short of the gap. */
  outcomes: RunOutcome[];
  /** The stop message where a run ended for another reason than reaching the gap or the cap; else null. */
  reasons: (string | null)[];
  stats: CensoredSummary;
  /** EM only: E-steps predicted from λ_max per replicate (stats.ts; null at a degenerate θ*), and their median. */
  predicted?: { evaluations: (number | null)[]; median: number | null };
}

export interface SweepDocument {
  schema: typeof SWEEP_SCHEMA;
  /** Version of the app that computed it (package.json). */
  app: string;
  query: string;
  /** The experiment, every key but those added later at their default (document-state.ts). */
  experiment: DocumentState;
  spec: SweepSpec;
  /** Data seed of each replicate; the init seed of every start (null when the experiment gives an explicit start). */
  seeds: { data: number[]; init: number | null };
  separations: number[];
  /** Separation-major, then methods in the spec's order. */
  cells: SweepCellEntry[];
}

/** Results laid out [separation index][replicate]. */
export type SweepGrid = (CellResult | undefined)[][];

export const emptyGrid = (plan: Pick<SweepPlan, 'seps' | 'seeds'>): SweepGrid => plan.seps.map(() => plan.seeds.map(() => undefined));

const median = (xs: number[]): number | null => summarise(xs).median;

/** One entry per separation and method, over the replicates finished so far (all of them for the document). */
export function cellEntries(plan: SweepPlan, grid: SweepGrid): SweepCellEntry[] {
  const out: SweepCellEntry[] = [];
  plan.seps.forEach((sep, si) => {
    const done = grid[si].filter((c): c is CellResult => c !== undefined);
    plan.spec.methods.forEach((method, mi) => {
      const runs = done.map((c) => c.runs[mi]);
      const evaluations = runs.map((r) => r.evaluations);
      const entry: SweepCellEntry = {
        sep,
        method,
        evaluations,
        lambdaMax: done.map((c) => c.lambdaMax),
        startGap: done.map((c) => c.startGap),
        degenerate: done.map((c) => c.degenerate),
        spent: runs.map((r) => r.spent),
        outcomes: runs.map((r) => r.outcome),
        reasons: runs.map((r) => (r.outcome === 'reached' || r.outcome === 'capped' ? null : r.reason)),
        stats: summarise(evaluations),
      };
      if (method === 'em') {
        // No prediction at a degenerate θ*: λ_max there is not a convergence rate.
        const pred = done.map((c) => (c.degenerate ? null : predictedEvaluations(c.lambdaMax, c.startGap, plan.spec.tol)));
        entry.predicted = { evaluations: pred, median: median(pred.filter((p): p is number => p !== null)) };
      }
      out.push(entry);
    });
  });
  return out;
}

export function sweepDocument(plan: SweepPlan, grid: SweepGrid, app: string): SweepDocument {
  if (grid.some((row) => row.some((c) => c === undefined))) throw new Error('the sweep has not finished');
  return {
    schema: SWEEP_SCHEMA,
    app,
    query: plan.query,
    experiment: documentState(plan.experiment),
    spec: plan.spec,
    seeds: { data: plan.seeds, init: plan.experiment.start ? null : plan.experiment.init },
    separations: plan.seps,
    cells: cellEntries(plan, grid),
  };
}

/** JSON text, exactly as the CLI prints it (2-space indent, trailing newline). */
export const sweepJson = (doc: SweepDocument): string => JSON.stringify(doc, null, 2) + '\n';

/**
 * One row per separation, replicate and method (empty fields where a value is null), after a first
 * comment line with the provenance: schema, app version, the replicates' data seeds, the init seed and the query (read with e.g.
 * pandas.read_csv(f, comment='#')). Each row carries its replicate's data seed.
 */
export function sweepCsv(doc: SweepDocument): string {
  const head = ['sep', 'replicate', 'seed', 'method', 'evaluations', 'spent', 'outcome', 'lambdaMax', 'startGap', 'predicted'];
  // The same key=value form as the traces CSV (provenance.ts); `seed` is the replicates' range.
  const seeds = doc.seeds.data.length ? `${doc.seeds.data[0]}-${doc.seeds.data[doc.seeds.data.length - 1]}` : 'none';
  const lines = [`# schema=${doc.schema} app=${doc.app} seed=${seeds} init=${doc.seeds.init ?? 'none'} query=${doc.query}`, head.join(',')];
  const cell = (x: number | string | null | undefined) => (x === null || x === undefined ? '' : String(x));
  for (const c of doc.cells) {
    c.evaluations.forEach((ev, r) => {
      lines.push(
        [c.sep, r, doc.seeds.data[r], c.method, ev, c.spent[r], c.outcomes[r], c.lambdaMax[r], c.startGap[r], c.predicted?.evaluations[r]]
          .map(cell)
          .join(','),
      );
    });
  }
  return lines.join('\n') + '\n';
}
