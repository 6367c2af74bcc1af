/**
 * The run document of a Sampler-mode query (`mode=sample`): what `npm run lab` prints for it and what
 * the app's "Download JSON" saves there, built by this one function so the two cannot drift — the
 * posterior's setup (mode, λ_max, the slowest functional) and a `chains` array, one entry per sampler,
 * with every draw (`--draws`) as the same Params objects as a race's trace rows. Deterministic: no
 * timestamps, no host data. The CSV lists every draw, one row per sampler, chain and draw.
 */
import { paramNames, thetaToParams, type Params } from '../engine/params';
import type { ChainSummary } from '../engine/samplers/chain-summary';
import type { ChainSetup, SamplerResult } from '../engine/samplers/run-chains';
import type { RelabelRule } from '../engine/mcmc/label-switching';
import type { Dim, Theta } from '../engine/types';
import { encodeQuery } from './codec';
import { dataRows } from './document';
import { documentState, type DocumentState } from './document-state';
import { APP_VERSION } from './provenance';
import type { SamplerId } from './sampler-list';
import type { ExperimentState } from './state';

export const CHAINS_SCHEMA = 'em-lab/chains@1';
export const CHAINS_CSV_SCHEMA = 'em-lab/chains-csv@1';

export interface ChainEntry {
  sampler: SamplerId;
  /** Passes over the data after burn-in (all chains), and in the burn-in. */
  passes: number;
  burnPasses: number;
  acceptance: number | null;
  stepSize: number | null;
  summary: ChainSummary;
  /** With --draws: per chain, every kept draw. */
  draws?: Params[][];
}

export interface PosteriorEntry {
  restriction: 'full' | 'means';
  /** Means-only: the known weight and covariances (the truth's), with its means. */
  known: Params | null;
  prior:
    | { a: number; components: { m0: number[]; kappa0: number; nu0: number; psi0: number[] }[] }
    | { means: { m0: number[]; cov: number[] }[] };
  mode: { params: Params; logDensity: number; gradNorm: number; passes: number };
  /** λ_max of the Bayesian DM at the mode; means-only also at the MLE (the ordinary DM). */
  lambdaMax: number | null;
  lambdaMaxMle: number | null;
  predictedGibbs: { lag1: number; essPerPass: number } | null;
  /** The slowest functional wᵀφ (free coordinates) and DM_B's spectrum. */
  functional: { w: number[]; spectrum: number[] } | null;
  setupPasses: number;
  swapSymmetric: boolean;
  relabel: RelabelRule;
}

export interface ChainsDocument {
  schema: typeof CHAINS_SCHEMA;
  app: string;
  query: string;
  seeds: { data: number; chains: number };
  state: DocumentState;
  dim: Dim;
  data?: number[] | [number, number][];
  truth: Params;
  posterior: PosteriorEntry;
  chains: ChainEntry[];
}

const list = (x: ArrayLike<number>): number[] => Array.from(x);

function priorEntry(setup: ChainSetup): PosteriorEntry['prior'] {
  const pr = setup.prior;
  if (setup.target.restriction === 'means') return { means: pr.means.map((m) => ({ m0: list(m.m0), cov: list(m.cov) })) };
  return {
    a: pr.a,
    components: pr.comps.map((c) => ({ m0: list(c.m0), kappa0: c.kappa0, nu0: c.nu0, psi0: list(c.psi0) })),
  };
}

export interface ChainsInput {
  readonly state: ExperimentState;
  readonly data: Float64Array;
  readonly truth: Theta;
  readonly setup: ChainSetup;
  readonly results: readonly SamplerResult[];
  /** λ_max at the means-only MLE (null in the full model). */
  readonly lambdaMle: number | null;
}

export function chainsDocument(r: ChainsInput, { summary = false, draws = false } = {}): ChainsDocument {
  const { state, setup } = r;
  const dim = state.dim;
  const P = setup.target.model.p;
  const means = setup.target.restriction === 'means';
  return {
    schema: CHAINS_SCHEMA,
    app: APP_VERSION,
    query: encodeQuery(state),
    seeds: { data: state.seed, chains: state.cseed },
    state: documentState(state),
    dim,
    ...(summary ? {} : { data: dataRows(dim, r.data) }),
    truth: thetaToParams(dim, r.truth),
    posterior: {
      restriction: setup.target.restriction,
      known: means ? thetaToParams(dim, r.truth) : null,
      prior: priorEntry(setup),
      mode: {
        params: thetaToParams(dim, setup.mode.theta),
        logDensity: setup.mode.logDensity,
        gradNorm: setup.mode.gradNorm,
        passes: setup.mode.passes,
      },
      lambdaMax: setup.lambdaMax,
      lambdaMaxMle: r.lambdaMle,
      predictedGibbs: setup.predictedGibbs ? { ...setup.predictedGibbs } : null,
      functional: setup.functional ? { w: list(setup.functional.w), spectrum: list(setup.functional.spectrum) } : null,
      setupPasses: setup.setupPasses,
      swapSymmetric: setup.swapSymmetric,
      relabel: setup.relabel,
    },
    chains: r.results.map((res) => ({
      sampler: res.sampler,
      passes: res.passes,
      burnPasses: res.burnPasses,
      acceptance: res.acceptance,
      stepSize: res.stepSize,
      summary: res.summary,
      ...(draws && res.draws
        ? {
            draws: res.draws.map((d) => Array.from({ length: d.length / P }, (_, i) => thetaToParams(dim, d.subarray(i * P, (i + 1) * P)))),
          }
        : {}),
    })),
  };
}

/** Every draw as CSV: a provenance comment line, the header, one row per sampler, chain and draw (θ natural). */
export function chainsCsv(r: ChainsInput): string {
  const { state, setup } = r;
  const P = setup.target.model.p;
  const names = paramNames(state.dim);
  const lines = [
    `# schema=${CHAINS_CSV_SCHEMA} app=${APP_VERSION} seed=${state.seed} init=none cseed=${state.cseed} query=${encodeQuery(state)}`,
    ['sampler', 'chain', 'draw', ...names].join(','),
  ];
  for (const res of r.results)
    (res.draws ?? []).forEach((d, c) => {
      for (let i = 0; i < d.length / P; i++) lines.push([res.sampler, c, i, ...d.subarray(i * P, (i + 1) * P)].join(','));
    });
  return lines.join('\n') + '\n';
}
