/**
 * The experiment: everything needed to reproduce a run, and nothing else — one value per row of the
 * key table (keys.ts), which defines it. The zod schema and URL codec (schema.ts, codec.ts) validate
 * and serialise exactly this shape; the engine receives it as a RaceSpec (engine/spec.ts).
 */
export type { ExperimentState } from './keys';
