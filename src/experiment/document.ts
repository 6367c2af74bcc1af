/**
 * The run document: what `npm run lab` prints and what the app's "Download JSON" saves, built by
 * this one function so the two cannot drift. Deterministic: no timestamps, no host data.
 */
import { familyData, type ParamsHmm } from '../engine/family-data';
import type { Params } from '../engine/params';
import { observedRates, type ObservedRates } from '../engine/rates';
import type { Race } from '../engine/trace';
import type { MethodId, StepKind, StopCode } from '../engine/types';
import { encodeQuery } from './codec';
import { APP_VERSION, provenance, provenanceComment, seedsOf, type Seeds } from './provenance';
import { documentState, type DocumentState } from './document-state';
import type { ExperimentState } from './state';

/** @2: adds `app` and `seeds` (a strict reader of @1 rejects them). The HMM's documents (state.model) have their own params shape. */
export const DOCUMENT_SCHEMA = 'em-lab/run@2';
/** The traces CSV: its columns, and the provenance comment line above the header. */
export const TRACE_CSV_SCHEMA = 'em-lab/traces-csv@1';

export interface TraceEntry {
  iteration: number;
  evaluations: number;
  logLik: number;
  params: Params | ParamsHmm;
  entropy: number;
  gradNorm: number;
  step: StepKind;
  /** With --diagnostics: L* − L and the DM spectrum at this θ (null where I_oc(θ) is not PD). */
  gap?: number;
  eigenvalues?: number[] | null;
  /** With --diagnostics, for methods that report them: per-step numbers (JJ-CG: beta, alpha; adaptive over-relaxation: eta). */
  extra?: Record<string, number>;
}

export interface RunEntry {
  method: MethodId;
  stopReason: string;
  stopCode: StopCode | null;
  /** With --diagnostics: observed linear rates in the asymptotic window (engine/rates.ts). */
  observedRates?: ObservedRates;
  trace: TraceEntry[];
}

export interface RunDocument {
  schema: typeof DOCUMENT_SCHEMA;
  /** package.json version of the app or CLI that wrote it. */
  app: string;
  query: string;
  seeds: Seeds;
  /** The experiment, every key but those added later at their default (document-state.ts). */
  state: DocumentState;
  dim: 1 | 2;
  data?: number[] | [number, number][];
  /** The HMM's truth also lists the simulated states (0 = state 1, 1 = state 2). */
  truth: (Params | ParamsHmm) & { states?: number[] };
  init: Params | ParamsHmm;
  optimum: {
    params: Params | ParamsHmm;
    logLik: number;
    eigenvalues: number[];
    emResidual: number;
    gradNorm: number;
    degenerate: string | null;
  };
  runs: RunEntry[];
}

export function dataRows(dim: 1 | 2, data: Float64Array): number[] | [number, number][] {
  if (dim === 1) return Array.from(data);
  const rows: [number, number][] = [];
  for (let i = 0; i < data.length; i += 2) rows.push([data[i], data[i + 1]]);
  return rows;
}

export function runDocument(race: Race, state: ExperimentState, { summary = false, diagnostics = false } = {}): RunDocument {
  const { dim } = race;
  const family = familyData(state.model);
  const thetaToParams = family.toParams;
  return {
    schema: DOCUMENT_SCHEMA,
    app: APP_VERSION,
    query: encodeQuery(state),
    seeds: seedsOf(state),
    state: documentState(state),
    dim,
    ...(summary ? {} : { data: dataRows(dim, race.data) }),
    truth: { ...thetaToParams(dim, race.truth), ...family.truthExtras(state) },
    init: thetaToParams(dim, race.init),
    optimum: {
      params: thetaToParams(dim, race.optimum.theta),
      logLik: race.optimum.logLik,
      eigenvalues: Array.from(race.optimum.eigenvalues),
      emResidual: race.optimum.emResidual,
      gradNorm: race.optimum.gradNorm,
      degenerate: race.optimum.degenerate,
    },
    runs: race.runs.map((run) => ({
      method: run.method,
      stopReason: run.stop?.message ?? 'running',
      stopCode: run.stop?.code ?? null,
      ...(diagnostics ? { observedRates: observedRates(race.model, run.rows, race.optimum) } : {}),
      trace: run.rows.map((r) => ({
        iteration: r.iteration,
        evaluations: r.evaluations,
        logLik: r.logLik,
        params: thetaToParams(dim, r.theta),
        entropy: r.entropy,
        gradNorm: r.gradNorm,
        step: r.step,
        ...(diagnostics
          ? {
              gap: race.optimum.logLik - r.logLik,
              eigenvalues: r.eigenvalues ? Array.from(r.eigenvalues) : null,
              ...(r.extra ? { extra: { ...r.extra } } : {}),
            }
          : {}),
      })),
    })),
  };
}

/** JSON text of the document, exactly as the CLI prints it (2-space indent, trailing newline). */
export const documentJson = (doc: RunDocument): string => JSON.stringify(doc, null, 2) + '\n';

/**
 * The traces as CSV: a `#` provenance comment line (provenance.ts), then the header and one row per
 * method and iteration, θ in natural coordinates.
 */
export function traceCsv(race: Race, state: ExperimentState): string {
  const names = familyData(state.model).paramNames(race.dim);
  const head = ['method', 'iteration', 'evaluations', 'step', 'logLik', 'gap', 'entropy', 'gradNorm', ...names];
  const lines = [provenanceComment(provenance(TRACE_CSV_SCHEMA, state)), head.join(',')];
  for (const run of race.runs) {
    for (const r of run.rows) {
      lines.push(
        [run.method, r.iteration, r.evaluations, r.step, r.logLik, race.optimum.logLik - r.logLik, r.entropy, r.gradNorm, ...r.theta].join(
          ',',
        ),
      );
    }
  }
  return lines.join('\n') + '\n';
}
