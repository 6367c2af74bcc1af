/**
 * The run document's contract (issue 2 §6) as a strict zod schema: what `npm run lab` prints and the
 * app's "Download JSON" saves (built by document.ts). Written from the specification, not derived
 * from the TypeScript interface, so the tests catch drift between the two.
 *
 * Strict: every object rejects unknown keys and requires every key; every number must be finite
 * (JSON turns NaN and ±Infinity into null, which fails here); Params take the 1D or 2D shape of the
 * document's `dim`; cross-field rules (state ⇄ query ⇄ dim, trace order and cost) in superRefine.
 */
import { z } from 'zod';
import { familyData } from '../engine/family-data';
import { METHOD_IDS, STEP_KINDS } from '../engine/methods/registry';
import type { StepKind, StopCode } from '../engine/types';
import { decodeQuery, encodeQuery } from './codec';
import { DOCUMENT_SCHEMA } from './document';
import { DocumentStateSchema } from './document-state';

export const STOP_CODES = [
  'converged-gap',
  'converged-rel-dl',
  'converged-grad',
  'iteration-cap',
  'collapse',
  'symmetric-start',
  'non-finite',
  'line-search-failed',
  'too-few-points',
  'other-stationary-point',
  'not-for-model',
] as const satisfies readonly StopCode[];
// Compile-time exhaustiveness: adding a StopCode without listing it here is a type error. (Step kinds
// and method ids come from the method registry, whose rows are the specification of both.)
const exhaustive = <T extends never>(): T | undefined => undefined;
exhaustive<Exclude<StopCode, (typeof STOP_CODES)[number]>>();

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((x) => x > 0, 'must be positive');
const weight = finite.refine((x) => x > 0 && x < 1, 'must be strictly between 0 and 1');
const count = z.number().int().nonnegative();
const seed = z.number().int().min(0).max(2147483647);

export const Params1DSchema = z.strictObject({
  weight,
  means: z.tuple([finite, finite]),
  variances: z.tuple([positive, positive]),
});

const vec2 = z.tuple([finite, finite]);
/** A 2×2 covariance: symmetric and positive definite. */
const cov2 = z
  .tuple([z.tuple([finite, finite]), z.tuple([finite, finite])])
  .refine(([[, b], [c]]) => b === c, 'covariance must be symmetric')
  .refine(([[a, b], [, d]]) => a > 0 && d > 0 && a * d - b * b > 0, 'covariance must be positive definite');

export const Params2DSchema = z.strictObject({
  weight,
  means: z.tuple([vec2, vec2]),
  covariances: z.tuple([cov2, cov2]),
});

/** The HMM's θ: stay probabilities, means and variances of the two states. */
export const ParamsHmmSchema = z.strictObject({
  stay: z.tuple([weight, weight]),
  means: z.tuple([finite, finite]),
  variances: z.tuple([positive, positive]),
});

/** A document of one shape: the mixture in 1D or 2D, or the HMM (1-D emissions). */
function documentFor<D extends 1 | 2>(model: 'mixture' | 'hmm', dim: D) {
  const params = model === 'hmm' ? ParamsHmmSchema : dim === 1 ? Params1DSchema : Params2DSchema;
  const point = dim === 1 ? finite : vec2;
  // The HMM's truth also lists the simulated state path.
  const truth = model === 'hmm' ? params.extend({ states: z.array(z.union([z.literal(0), z.literal(1)])) }) : params;
  return z.strictObject({
    schema: z.literal(DOCUMENT_SCHEMA),
    app: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, "must be the app's semver version"),
    query: z.string().min(1),
    seeds: z.strictObject({ data: seed, init: seed.nullable() }),
    state: DocumentStateSchema,
    dim: z.literal(dim),
    data: z.array(point).optional(),
    truth,
    init: params,
    optimum: z.strictObject({
      params,
      logLik: finite,
      eigenvalues: z.array(finite),
      emResidual: finite.refine((x) => x >= 0, 'must be ≥ 0'),
      gradNorm: finite.refine((x) => x >= 0, 'must be ≥ 0'),
      degenerate: z.string().nullable(),
    }),
    runs: z.array(
      z.strictObject({
        method: z.enum(METHOD_IDS),
        stopReason: z.string().min(1),
        stopCode: z.enum(STOP_CODES).nullable(),
        observedRates: z
          .strictObject({ paramRatio: finite.nullable(), stepRatio: finite.nullable(), gapRatio: finite.nullable() })
          .optional(),
        trace: z
          .array(
            z.strictObject({
              iteration: count,
              evaluations: count.refine((x) => x >= 1, 'every trace row costs at least the start E-step'),
              logLik: finite,
              params,
              entropy: finite.refine((x) => x >= 0 && x <= 1, 'H must be in [0, 1]'),
              gradNorm: finite.refine((x) => x >= 0, 'must be ≥ 0'),
              step: z.enum(STEP_KINDS as [StepKind, ...StepKind[]]),
              // --diagnostics only:
              gap: finite.optional(),
              eigenvalues: z.array(finite).nullable().optional(),
              extra: z.record(z.string(), finite).optional(),
            }),
          )
          .min(1),
      }),
    ),
  });
}

const SHAPES = [documentFor('mixture', 1), documentFor('mixture', 2), documentFor('hmm', 1)] as const;

export const RunDocumentSchema = z.union(SHAPES).superRefine((doc, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { state } = doc;
  // A mode=sample query's document is the chains' (chains-document-schema.ts).
  if (state.mode !== 'race') issue(['state', 'mode'], 'a race document is of a mode=race query');
  if (state.dim !== doc.dim) issue(['dim'], `dim ${doc.dim} differs from state.dim ${state.dim}`);
  // The params' shape (weight / stay) and the truth's states said which family the document is: the state must agree.
  const shape = 'stay' in doc.truth ? 'hmm' : 'mixture';
  if (state.model !== shape) issue(['state', 'model'], `state.model ${state.model}, but the params have the ${shape}'s shape`);
  const states = 'states' in doc.truth ? (doc.truth.states as number[]) : null;
  if (states && states.length !== state.n) issue(['truth', 'states'], `${states.length} states, state.n = ${state.n}`);
  if (encodeQuery(state) !== doc.query) issue(['query'], 'query is not the canonical encoding of state');
  if (doc.seeds.data !== state.seed) issue(['seeds', 'data'], `seeds.data ${doc.seeds.data} differs from state.seed ${state.seed}`);
  const initSeed = state.start === null ? state.init : null;
  if (doc.seeds.init !== initSeed) issue(['seeds', 'init'], `seeds.init must be ${initSeed} (state.init, or null with an explicit start)`);
  const decoded = decodeQuery(doc.query);
  if (decoded.repairs.length > 0) issue(['query'], `query needs repairs: ${decoded.repairs.map((r) => r.key).join(', ')}`);
  if (doc.data && doc.data.length !== state.n) issue(['data'], `${doc.data.length} data points, state.n = ${state.n}`);
  const p = familyData(state.model).paramCount(doc.dim);
  const ev = doc.optimum.eigenvalues;
  if (ev.length !== p && ev.length !== 0) issue(['optimum', 'eigenvalues'], `expected ${p} eigenvalues, got ${ev.length}`);
  for (let i = 1; i < ev.length; i++) if (ev[i] > ev[i - 1]) issue(['optimum', 'eigenvalues', i], 'eigenvalues must be descending');
  const methods = doc.runs.map((r) => r.method);
  if (methods.join() !== state.methods.join()) issue(['runs'], `runs ${methods.join()} differ from state.methods ${state.methods.join()}`);
  doc.runs.forEach((run, m) => {
    if ((run.stopCode === null) !== (run.stopReason === 'running')) issue(['runs', m, 'stopCode'], 'stopCode and stopReason disagree');
    const first = run.trace[0];
    if (first.iteration !== 0 || first.step !== 'start' || first.evaluations !== 1)
      issue(['runs', m, 'trace', 0], 'trace[0] must be the start (iteration 0, step "start", 1 evaluation)');
    run.trace.forEach((row, k) => {
      if (k === 0) return;
      if (row.step === 'start') issue(['runs', m, 'trace', k, 'step'], '"start" only at trace[0]');
      if (row.iteration !== k) issue(['runs', m, 'trace', k, 'iteration'], `iteration ${row.iteration} at index ${k}`);
      if (row.evaluations <= run.trace[k - 1].evaluations)
        issue(['runs', m, 'trace', k, 'evaluations'], 'cumulative evaluations must increase');
      if (row.iteration > state.iters) issue(['runs', m, 'trace', k, 'iteration'], `beyond the cap iters = ${state.iters}`);
    });
  });
});

export type RunDocumentParsed = z.infer<typeof RunDocumentSchema>;
