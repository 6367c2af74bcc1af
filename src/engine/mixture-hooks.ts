/**
 * The family-level parts of the LatentModel interface for the two-component mixture (1D and 2D):
 * Newton with the exact observed information (Louis), the DM spectrum from I_oc and I_m, degenerate
 * fits, and the label swap. model1d.ts and model2d.ts supply the per-point maths; this adds the rest.
 */
import { collapse, symmetricComponents } from './degenerate';
import { fullSpectrum, newtonDirection, spectrumAt } from './diagnostics';
import { swapComponents } from './params';
import type { MixtureEStep, MixtureModel } from './types';

export type MixtureCore = Omit<
  MixtureModel,
  'family' | 'logScaleFree' | 'newtonDirection' | 'spectrum' | 'fullSpectrum' | 'degenerate' | 'swapLabels' | 'symmetric'
>;

/** The E-steps a mixture model hands back are its own (MixtureEStep): the casts below only restore that. */
export function withMixtureHooks(core: MixtureCore): MixtureModel {
  // Methods use `this`, not a captured model, so a wrapper that spreads the model and replaces a
  // pass (memo-model.ts; the tests' pass counters) is the model the hooks compute with.
  return {
    ...core,
    family: 'mixture',
    // log v1, log v2 (1D); the log-Cholesky diagonals l11, l22 of both components (2D).
    logScaleFree: core.dim === 1 ? [3, 4] : [5, 7, 8, 10],
    newtonDirection(e) {
      return newtonDirection(this, e as MixtureEStep);
    },
    spectrum(e) {
      return spectrumAt(this, e);
    },
    fullSpectrum(e) {
      return fullSpectrum(this, e as MixtureEStep);
    },
    degenerate(e) {
      return collapse(this, e as MixtureEStep);
    },
    swapLabels: (theta) => swapComponents(core.dim, theta),
    symmetric: (theta) => symmetricComponents(core.dim, theta),
  };
}
