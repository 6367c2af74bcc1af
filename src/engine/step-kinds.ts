/**
 * Every kind of step a trace row can record, in one list: the run document's schema checks against
 * it and the worker protocol numbers rows' steps by their index in it (a row is a Float64Array).
 */
import type { StepKind } from './types';

export const STEP_KINDS = ['start', 'em', 'grad', 'cg', 'squarem', 'newton', 'adam', 'momentum'] as const satisfies readonly StepKind[];

// Compile-time exhaustiveness: adding a StepKind without listing it here is a type error.
const exhaustive = <T extends never>(): T | undefined => undefined;
exhaustive<Exclude<StepKind, (typeof STEP_KINDS)[number]>>();
