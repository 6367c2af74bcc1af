/**
 * A Sampler-mode run from a state to its document's inputs: the chains of chains-spec.ts advanced to
 * the end, and what the document reports beside them (the truth, λ_max at the means-only MLE). The
 * CLI runs it in one go; the worker advances its own ChainSet in slices and then calls chainsInput on
 * it, which gives the same results bit for bit (the draws do not depend on the slicing).
 */
import { truthTheta } from '../engine/data';
import { meansLambdaAtMle } from '../engine/samplers/gibbs-rate';
import { ChainSet } from '../engine/samplers/run-chains';
import type { ChainsInput } from './chains-document';
import { chainSetSpec } from './chains-spec';
import type { ExperimentState } from './state';

/** The document's inputs from a ChainSet of this state (all its draws so far: the end, once done). */
export function chainsInput(state: ExperimentState, set: ChainSet): ChainsInput {
  const truth = truthTheta(state);
  const means = state.free === 'means';
  return {
    state,
    data: set.spec.data,
    truth,
    setup: set.setup,
    results: set.results(),
    lambdaMle: means ? meansLambdaAtMle(set.setup, truth) : null,
  };
}

/** The whole run; `onProgress` after every slice of about `slice` passes. */
export function runStateChains(
  state: ExperimentState,
  { keepDraws = false, slice = 200_000, onProgress }: { keepDraws?: boolean; slice?: number; onProgress?: (set: ChainSet) => void } = {},
): ChainsInput {
  const set = new ChainSet(chainSetSpec(state, { keepDraws }));
  while (!set.advancePasses(slice)) onProgress?.(set);
  return chainsInput(state, set);
}
