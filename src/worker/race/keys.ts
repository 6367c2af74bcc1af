/**
 * The race worker's three policy tables, each written here once (a method registry and a key table
 * may later derive them): which lanes come last, and which settings a race and a λ curve depend on.
 */
import type { MethodId } from '../../engine/types';
import { encodeQuery } from '../../experiment/codec';
import type { ExperimentState } from '../../experiment/state';

/** Methods whose rows come after the others' (a tfjs forward/backward pass per iteration). */
export const DEFERRED: readonly MethodId[] = ['adam'];

/** The settings that determine a race: everything but the view cursor (the kept races' key). */
export const raceKey = (state: ExperimentState): string => encodeQuery({ ...state, it: 0 });

/** λ_max(sep) is the same for every setting but sep and the race's own: the λ-curve cache's key. */
export const curveKeyOf = (state: ExperimentState): string =>
  encodeQuery({ ...state, sep: 0, it: 0, methods: ['em'], tau: 0, burn: 0, gstep: 0, lr: 0, iters: 0 });
