/**
 * Experiment queries for the tests, built from DEFAULT_STATE plus the settings a test is about — never
 * written out as literal canonical strings, so adding a key to the key table breaks no test that is
 * not about that key.
 */
import { encodeQuery } from '../src/experiment/codec';
import { DEFAULT_STATE } from '../src/experiment/schema';
import type { ExperimentState } from '../src/experiment/state';

export const stateWith = (overrides: Partial<ExperimentState> = {}): ExperimentState => ({
  ...DEFAULT_STATE,
  methods: [...DEFAULT_STATE.methods],
  ...overrides,
});

/** The canonical query of DEFAULT_STATE with these overrides. */
export const queryWith = (overrides: Partial<ExperimentState> = {}): string => encodeQuery(stateWith(overrides));
