/**
 * The validation contract for ExperimentState, derived from the key table (keys.ts): per-key bounds,
 * canonical precision and defaults, and a strict zod schema. A state is *valid* iff it passes
 * `ExperimentStateSchema`; the codec (codec.ts) repairs anything else into a valid state and
 * round-trips valid states exactly.
 */
import { z } from 'zod';
import { familyData } from '../engine/family-data';
import { METHOD_IDS } from '../engine/methods/registry';
import type { Dim, MethodId, ModelFamily } from '../engine/types';
import type { KeyRow } from './key-rows';
import { KEYS, KEY_ORDER, VERSION, type ExperimentState, type Key, type NumKey } from './keys';
import { formatValue, roundTo, type NumSpec } from './precision';
import { SAMPLER_IDS, canonicalSamplers, type SamplerId } from './sampler-list';

export { SEED_MAX, VERSION } from './keys';
export type { NumKey } from './keys';
export { formatValue, roundTo, type NumSpec, type Precision } from './precision';

const rows = KEYS as Readonly<Record<Key, KeyRow>>;

/** Range and precision of every numeric key. Every bound is itself at its key's precision. */
export const BOUNDS = Object.fromEntries(
  KEY_ORDER.flatMap((k) => {
    const r = rows[k];
    return r.kind === 'num' ? [[k, { min: r.min, max: r.max, precision: r.precision }]] : [];
  }),
) as Readonly<Record<NumKey, NumSpec>>;

/** Explicit start values keep 10 significant digits: enough to reproduce, short enough to share. */
export const START_PRECISION = KEYS.start.precision;

export const OPTIMISERS = KEYS.opt.values;

/** Frozen (methods too): copy before changing. */
export const DEFAULT_STATE: ExperimentState = Object.freeze(
  Object.fromEntries(
    KEY_ORDER.map((k) => [k, Array.isArray(rows[k].default) ? Object.freeze([...(rows[k].default as unknown[])]) : rows[k].default]),
  ),
) as ExperimentState;

export const formatKey = (key: NumKey, x: number): string => formatValue(BOUNDS[key].precision, x);

/** Canonical order of METHOD_IDS, duplicates removed. */
export const canonicalMethods = (ids: readonly MethodId[]): MethodId[] => METHOD_IDS.filter((id) => ids.includes(id));

/** Whether a key is read and written for a state of this model and dimension (elsewhere it keeps its default). */
export const appliesTo = (key: Key, s: Pick<ExperimentState, 'dim' | 'model'>): boolean => {
  const { dims, families } = rows[key] as { dims?: readonly Dim[]; families?: readonly ModelFamily[] };
  return (!dims || dims.includes(s.dim)) && (!families || families.includes(s.model));
};

/** Where a key applies, in words ("2D", "the HMM"), for the notice when a link sets it elsewhere. */
export function whereApplies(key: Key): string {
  const { dims, families } = rows[key] as { dims?: readonly Dim[]; families?: readonly ModelFamily[] };
  const parts = [dims ? `${dims.join(' or ')}D` : '', families ? `the ${families.map((f) => familyData(f).label).join(' or ')}` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * null when `start` is a θ of the right shape for `dim` (types.ts layout), else why not (plain words):
 * the engine's own rule (engine/domain.ts) without the variance floor, which depends on the data —
 * the codec adds that check once the whole state is read.
 */
export const startError = (s: Pick<ExperimentState, 'dim' | 'model'>, start: readonly number[]): string | null =>
  familyData(s.model).domainError(s.dim, start, 0);

/** A number in the spec's range and exactly at its canonical precision (also the sweep's fields). */
export const canonicalNumber = (key: string, { min, max, precision }: NumSpec) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((x) => Object.is(roundTo(precision, x), x), `${key} is not at its canonical precision`);

function fieldSchema(key: Key, r: KeyRow): z.ZodType {
  switch (r.kind) {
    case 'version':
      return z.literal(VERSION);
    case 'num':
      return canonicalNumber(key, r);
    case 'enum':
      return z.union(r.values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);
    case 'methods':
      return z.array(z.enum(METHOD_IDS as [MethodId, ...MethodId[]])).min(1);
    case 'samplers':
      return z.array(z.enum(SAMPLER_IDS as [SamplerId, ...SamplerId[]])).min(1);
    case 'start':
      return z.array(z.number()).nullable();
  }
}

const isDefault = (key: Key, value: unknown): boolean => {
  const d = rows[key].default;
  if (Array.isArray(d) && Array.isArray(value)) return d.length === value.length && d.every((x, i) => x === value[i]);
  return Object.is(value, d);
};

/** Strict: one field per key, each validated, plus the cross-field rules. Typed by the key table. */
export const ExperimentStateSchema: z.ZodType<ExperimentState> = z
  .strictObject(Object.fromEntries(KEY_ORDER.map((k) => [k, fieldSchema(k, rows[k])])) as Record<Key, z.ZodType>)
  .superRefine((raw, ctx) => {
    const s = raw as ExperimentState;
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.start) {
      const err = startError(s, s.start);
      if (err) issue('start', err);
      else if (!s.start.every((x) => Object.is(roundTo(START_PRECISION, x), x)))
        issue('start', 'start values are not at 10 significant digits');
    }
    const canon = canonicalMethods(s.methods);
    if (canon.length !== s.methods.length || canon.some((id, i) => id !== s.methods[i]))
      issue('methods', 'methods must be unique and in canonical order');
    const samplers = canonicalSamplers(s.samplers);
    if (samplers.length !== s.samplers.length || samplers.some((id, i) => id !== s.samplers[i]))
      issue('samplers', 'samplers must be unique and in canonical order');
    // The URL omits a key where it does not apply, so a canonical state keeps its default there.
    for (const k of KEY_ORDER) if (!appliesTo(k, s) && !isDefault(k, s[k])) issue(k, `${k} keeps its default outside ${whereApplies(k)}`);
  }) as unknown as z.ZodType<ExperimentState>;

export const isValidState = (x: unknown): x is ExperimentState => ExperimentStateSchema.safeParse(x).success;

/** Parse and type a state; throws a ZodError listing every bad field. */
export const parseState = (x: unknown): ExperimentState => ExperimentStateSchema.parse(x);
