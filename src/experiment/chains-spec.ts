/**
 * The Sampler mode's chains as a pure function of the experiment: the engine's ChainSetSpec of a
 * state (the data drawn as the race draws them, the prior from the `p…` keys, the known weight and
 * covariances at the truth in means-only), shared by the worker, the CLI and the tests, so the same
 * query gives the same draws bit for bit everywhere.
 */
import { generateData, truthTheta } from '../engine/data';
import type { ChainSetSpec } from '../engine/samplers/run-chains';
import type { PriorSettings } from '../engine/samplers/priors';
import type { ExperimentState } from './state';

/** Chains per sampler: four, the fewest split-R̂ is defined over in the Stan / ArviZ conventions. */
export const CHAINS = 4;

export function priorSettings(s: ExperimentState): PriorSettings {
  return { a: s.pa, kappa0: s.pk, nu0: s.dim + s.pnu, psiScale: s.ppsi, meanSd: s.psd };
}

export function chainSetSpec(s: ExperimentState, options: { data?: Float64Array; keepDraws?: boolean } = {}): ChainSetSpec {
  const means = s.free === 'means';
  return {
    data: options.data ?? generateData(s),
    dim: s.dim,
    restriction: means ? 'means' : 'full',
    ...(means ? { known: truthTheta(s) } : {}),
    samplers: s.samplers,
    draws: s.draws,
    burn: s.warm,
    chains: CHAINS,
    seed: s.cseed,
    leap: s.leap,
    prior: priorSettings(s),
    relabel: 'mode',
    keepDraws: options.keepDraws ?? false,
  };
}

/**
 * The efficiency curve's runs (ESS per pass against separation): the same settings at another
 * separation, shorter (enough for ESS within about ±15 %, cheap enough to fill in the background).
 */
export const CURVE_DRAWS = 1000;
export const CURVE_WARM = 300;
export const CHAINS_CURVE_SEPS: readonly number[] = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6];

export const curveSpec = (s: ExperimentState, sep: number): ChainSetSpec => ({
  ...chainSetSpec({ ...s, sep }),
  draws: CURVE_DRAWS,
  burn: CURVE_WARM,
});
