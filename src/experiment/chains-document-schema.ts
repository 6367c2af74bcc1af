/**
 * The Sampler-mode run document's contract (chains-document.ts) as a strict zod schema, written from
 * the specification (docs/run-document.md), not derived from the TypeScript interface. Strict like
 * the race's (document-schema.ts): unknown keys are rejected, every number is finite (an undefined
 * diagnostic is null, never NaN), Params take the document's dimension; cross-field rules (state ⇄
 * query ⇄ dim, the samplers and their order, draw counts, chains) in superRefine.
 */
import { z } from 'zod';
import { decodeQuery, encodeQuery } from './codec';
import { CHAINS_SCHEMA } from './chains-document';
import { CHAINS } from './chains-spec';
import { DocumentStateSchema } from './document-state';
import { Params1DSchema, Params2DSchema, RunDocumentSchema } from './document-schema';
import { SAMPLER_IDS } from './sampler-list';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNeg = finite.refine((x) => x >= 0, 'must be ≥ 0');
const maybe = finite.nullable();
const seed = z.number().int().min(0).max(2147483647);
const count = z.number().int().nonnegative();
const unit = finite.refine((x) => x >= 0 && x <= 1, 'must be in [0, 1]');

const SummarySchema = z.strictObject({
  chains: count,
  draws: count,
  essBulk: maybe,
  essTail: maybe,
  essPerPass: maybe,
  rhat: maybe,
  lag1: maybe,
  lag1Max: maybe,
  tau: maybe,
  switchedFraction: unit,
  relabel: z.enum(['mode', 'order', 'none']),
  perCoordinate: z.strictObject({
    essBulk: z.array(maybe),
    rhat: z.array(maybe),
    mean: z.array(finite),
    sd: z.array(nonNeg),
  }),
  minEssBulk: maybe,
  maxRhat: maybe,
});

function chainsDocumentFor<D extends 1 | 2>(dim: D) {
  const params = dim === 1 ? Params1DSchema : Params2DSchema;
  const point = dim === 1 ? finite : z.tuple([finite, finite]);
  const vec = z.array(finite).length(dim);
  return z.strictObject({
    schema: z.literal(CHAINS_SCHEMA),
    app: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, "must be the app's semver version"),
    query: z.string().min(1),
    seeds: z.strictObject({ data: seed, chains: seed }),
    state: DocumentStateSchema,
    dim: z.literal(dim),
    data: z.array(point).optional(),
    truth: params,
    posterior: z.strictObject({
      restriction: z.enum(['full', 'means']),
      known: params.nullable(),
      prior: z.union([
        z.strictObject({
          a: finite,
          components: z.array(z.strictObject({ m0: vec, kappa0: finite, nu0: finite, psi0: z.array(finite) })).length(2),
        }),
        z.strictObject({ means: z.array(z.strictObject({ m0: vec, cov: z.array(finite) })).length(2) }),
      ]),
      mode: z.strictObject({ params, logDensity: finite, gradNorm: nonNeg, passes: count }),
      lambdaMax: maybe,
      lambdaMaxMle: maybe,
      predictedGibbs: z.strictObject({ lag1: finite, essPerPass: finite }).nullable(),
      functional: z.strictObject({ w: z.array(finite).min(1), spectrum: z.array(finite).min(1) }).nullable(),
      setupPasses: count,
      swapSymmetric: z.boolean(),
      relabel: z.enum(['mode', 'order', 'none']),
    }),
    chains: z.array(
      z.strictObject({
        sampler: z.enum(SAMPLER_IDS as [string, ...string[]]),
        passes: count,
        burnPasses: count,
        acceptance: unit.nullable(),
        stepSize: finite.refine((x) => x > 0, 'must be positive').nullable(),
        summary: SummarySchema,
        draws: z.array(z.array(params)).optional(),
      }),
    ),
  });
}

export const ChainsDocumentSchema = z.discriminatedUnion('dim', [chainsDocumentFor(1), chainsDocumentFor(2)]).superRefine((doc, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { state } = doc;
  if (state.mode !== 'sample') issue(['state', 'mode'], 'a chains document is of a mode=sample query');
  if (state.dim !== doc.dim) issue(['dim'], `dim ${doc.dim} differs from state.dim ${state.dim}`);
  if (encodeQuery(state) !== doc.query) issue(['query'], 'query is not the canonical encoding of state');
  if (doc.seeds.data !== state.seed) issue(['seeds', 'data'], `seeds.data ${doc.seeds.data} differs from state.seed ${state.seed}`);
  if (doc.seeds.chains !== state.cseed)
    issue(['seeds', 'chains'], `seeds.chains ${doc.seeds.chains} differs from state.cseed ${state.cseed}`);
  const decoded = decodeQuery(doc.query);
  if (decoded.repairs.length > 0) issue(['query'], `query needs repairs: ${decoded.repairs.map((r) => r.key).join(', ')}`);
  if (doc.data && doc.data.length !== state.n) issue(['data'], `${doc.data.length} data points, state.n = ${state.n}`);
  const restriction = state.free === 'means' ? 'means' : 'full';
  if (doc.posterior.restriction !== restriction) issue(['posterior', 'restriction'], `free=${state.free} samples the ${restriction} model`);
  if ((doc.posterior.known === null) !== (restriction === 'full')) issue(['posterior', 'known'], 'known parts exactly in means-only');
  const samplers = doc.chains.map((c) => c.sampler);
  if (samplers.join() !== state.samplers.join())
    issue(['chains'], `chains ${samplers.join()} differ from state.samplers ${state.samplers.join()}`);
  doc.chains.forEach((c, i) => {
    if (c.summary.chains !== CHAINS) issue(['chains', i, 'summary', 'chains'], `${CHAINS} chains per sampler`);
    if (c.summary.draws !== state.draws)
      issue(['chains', i, 'summary', 'draws'], `${c.summary.draws} draws per chain, state.draws = ${state.draws}`);
    if (c.passes < state.draws * CHAINS) issue(['chains', i, 'passes'], 'every draw costs at least one pass');
    if ((c.stepSize === null) !== (c.sampler === 'gibbs'))
      issue(['chains', i, 'stepSize'], 'a step size exactly for the marginal samplers');
    if (c.draws && (c.draws.length !== CHAINS || c.draws.some((d) => d.length !== state.draws)))
      issue(['chains', i, 'draws'], `${CHAINS} chains of ${state.draws} draws`);
  });
});

/** Any document `npm run lab` prints for an experiment: a race's (mode=race), or the chains' (mode=sample). */
export const LabDocumentSchema = z.union([RunDocumentSchema, ChainsDocumentSchema]);
