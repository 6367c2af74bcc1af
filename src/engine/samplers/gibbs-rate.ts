/**
 * What the rate tests and the bench compare: DA Gibbs' observed pace against λ_max. For the means-only
 * restriction λ_max is also available at the MLE (the ordinary DM = I_oc⁻¹ I_m of the means), which the
 * Bayesian DM at the posterior mode approaches as the prior weakens.
 */
import { slowestFunctional } from '../mcmc/slowest';
import type { Theta } from '../types';
import { findMode } from './mode';
import { createTarget } from './posterior';
import type { ChainSetup } from './run-chains';

/** λ_max of the means-only DM at the MLE (the likelihood's own mode), or null. */
export function meansLambdaAtMle(setup: ChainSetup, known: Theta): number | null {
  const lik = createTarget(setup.target.model, 'means', null, known);
  const mle = findMode(lik, setup.mode.theta);
  return slowestFunctional(lik, mle.phi, mle.hessian)?.lambdaMax ?? null;
}
