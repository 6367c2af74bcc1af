/**
 * The validation contract for ExperimentState: per-field bounds, canonical precision and defaults,
 * and a strict zod schema. A state is *valid* iff it passes `ExperimentStateSchema`; the codec
 * (codec.ts) repairs anything else into a valid state and round-trips valid states exactly.
 */
import { z } from 'zod';
import { paramCount } from '../engine/params';
import { METHOD_IDS, type Dim, type MethodId } from '../engine/types';
import type { ExperimentState } from './state';

export const VERSION = 1 as const;
export const SEED_MAX = 2_147_483_647;
export const OPTIMISERS = ['adam', 'momentum'] as const;

/** How a number is rounded and written (see formatValue). */
export type Precision =
  | { readonly kind: 'int' }
  /** Fixed decimals, trailing zeros stripped: sep 2.50 → "2.5". */
  | { readonly kind: 'fixed'; readonly digits: number }
  /** Significant digits, written as JS's shortest form: lr 0.05 → "0.05". */
  | { readonly kind: 'sig'; readonly digits: number }
  /** Significant digits, always in exponent form: tol 1e-9 → "1e-9". */
  | { readonly kind: 'exp'; readonly digits: number };

export interface NumSpec {
  readonly min: number;
  readonly max: number;
  readonly precision: Precision;
}

export type NumKey =
  | 'n' | 'sep' | 'w' | 'vr' | 'aspect' | 'rot' | 'seed' | 'init' | 'tau' | 'burn'
  | 'iters' | 'gstep' | 'lr' | 'tol' | 'gtol' | 'floor' | 'it';

const INT: Precision = { kind: 'int' };
const fixed = (digits: number): Precision => ({ kind: 'fixed', digits });
const sig = (digits: number): Precision => ({ kind: 'sig', digits });
const exp = (digits: number): Precision => ({ kind: 'exp', digits });

/** Range and precision of every numeric key. Every bound is itself at its key's precision. */
export const BOUNDS: Readonly<Record<NumKey, NumSpec>> = {
  n: { min: 10, max: 1_000_000, precision: INT },
  sep: { min: 0, max: 12, precision: fixed(2) },
  w: { min: 0.05, max: 0.95, precision: fixed(2) },
  vr: { min: 0.1, max: 10, precision: fixed(2) },
  aspect: { min: 0.05, max: 1, precision: fixed(2) },
  rot: { min: -90, max: 90, precision: INT },
  seed: { min: 0, max: SEED_MAX, precision: INT },
  init: { min: 0, max: SEED_MAX, precision: INT },
  tau: { min: 0, max: 1, precision: fixed(3) },
  burn: { min: 0, max: 1000, precision: INT },
  iters: { min: 1, max: 100_000, precision: INT },
  gstep: { min: 0, max: 10, precision: sig(4) },
  lr: { min: 1e-5, max: 1, precision: sig(4) },
  tol: { min: 1e-14, max: 1e-2, precision: exp(3) },
  gtol: { min: 1e-12, max: 1, precision: exp(3) },
  floor: { min: 1e-12, max: 1e-1, precision: exp(3) },
  it: { min: 0, max: 100_000, precision: INT },
};

/** Explicit start values keep 10 significant digits: enough to reproduce, short enough to share. */
export const START_PRECISION: Precision = sig(10);

/** Frozen (methods too): copy before changing. */
export const DEFAULT_STATE: ExperimentState = Object.freeze({
  v: VERSION,
  dim: 1,
  n: 1000,
  sep: 2.5,
  w: 0.5,
  vr: 1,
  aspect: 0.5,
  rot: 30,
  seed: 1,
  init: 1,
  start: null,
  methods: Object.freeze([...METHOD_IDS]) as MethodId[],
  tau: 0.5,
  burn: 5,
  iters: 2000,
  gstep: 0,
  lr: 0.05,
  opt: 'adam',
  tol: 1e-9,
  gtol: 1e-6,
  floor: 1e-6,
  it: 0,
}) as ExperimentState;

/** Round x to a precision; −0 becomes 0 so that canonical values compare equal under Object.is. */
export function roundTo(p: Precision, x: number): number {
  if (!Number.isFinite(x)) return x;
  let r: number;
  if (p.kind === 'int') r = Math.round(x);
  else if (p.kind === 'fixed') r = Math.round(x * 10 ** p.digits) / 10 ** p.digits;
  else if (p.kind === 'sig') r = x === 0 ? 0 : Number(x.toPrecision(p.digits));
  else r = x === 0 ? 0 : Number(x.toExponential(p.digits - 1));
  return r + 0;
}

/** The canonical text of x at precision p (never contains '+', so it survives form-decoding). */
export function formatValue(p: Precision, x: number): string {
  const r = roundTo(p, x);
  if (p.kind === 'exp' && Number.isFinite(r)) {
    const [m, e] = r.toExponential(p.digits - 1).split('e');
    return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${Number(e)}`;
  }
  return String(r).replace('e+', 'e');
}

export const formatKey = (key: NumKey, x: number): string => formatValue(BOUNDS[key].precision, x);

/** Canonical order of METHOD_IDS, duplicates removed. */
export const canonicalMethods = (ids: readonly MethodId[]): MethodId[] =>
  METHOD_IDS.filter((id) => ids.includes(id));

/** null when `start` is a usable θ for `dim` (types.ts layout), else why not (plain words). */
export function startError(dim: Dim, start: readonly number[]): string | null {
  const p = paramCount(dim);
  if (start.length !== p) return `expected ${p} numbers for ${dim}D, got ${start.length}`;
  const bad = start.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) return `value ${bad + 1} is not a finite number`;
  if (!(start[0] > 0 && start[0] < 1)) return `weight π = ${start[0]} is not strictly between 0 and 1`;
  if (dim === 1) {
    for (const k of [1, 2]) if (!(start[2 + k] > 0)) return `variance v${k} = ${start[2 + k]} is not positive`;
    return null;
  }
  for (const k of [1, 2]) {
    const [xx, xy, yy] = start.slice(2 + 3 * k, 5 + 3 * k);
    if (!(xx > 0 && yy > 0 && xx * yy - xy * xy > 0)) return `covariance Σ${k} is not positive definite`;
  }
  return null;
}

/** A number in the key's range and exactly at its canonical precision. */
/** A number in the spec's range and exactly at its canonical precision (also the sweep's fields). */
export const canonicalNumber = (key: string, { min, max, precision }: NumSpec) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((x) => Object.is(roundTo(precision, x), x), `${key} is not at its canonical precision`);

const numField = (key: NumKey) => canonicalNumber(key, BOUNDS[key]);

/** Strict: the shape of ExperimentState, each field validated, plus the cross-field rules. */
export const ExperimentStateSchema = z
  .strictObject({
    v: z.literal(VERSION),
    dim: z.union([z.literal(1), z.literal(2)]),
    n: numField('n'),
    sep: numField('sep'),
    w: numField('w'),
    vr: numField('vr'),
    aspect: numField('aspect'),
    rot: numField('rot'),
    seed: numField('seed'),
    init: numField('init'),
    start: z.array(z.number()).nullable(),
    methods: z.array(z.enum(METHOD_IDS)).min(1),
    tau: numField('tau'),
    burn: numField('burn'),
    iters: numField('iters'),
    gstep: numField('gstep'),
    lr: numField('lr'),
    opt: z.enum(OPTIMISERS),
    tol: numField('tol'),
    gtol: numField('gtol'),
    floor: numField('floor'),
    it: numField('it'),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.start) {
      const err = startError(s.dim, s.start);
      if (err) issue('start', err);
      else if (!s.start.every((x) => Object.is(roundTo(START_PRECISION, x), x)))
        issue('start', 'start values are not at 10 significant digits');
    }
    const canon = canonicalMethods(s.methods);
    if (canon.length !== s.methods.length || canon.some((id, i) => id !== s.methods[i]))
      issue('methods', 'methods must be unique and in canonical order');
    // The URL omits the 2D-only keys in 1D, so a canonical 1D state keeps their defaults.
    if (s.dim === 1 && (s.aspect !== DEFAULT_STATE.aspect || s.rot !== DEFAULT_STATE.rot))
      issue(s.aspect !== DEFAULT_STATE.aspect ? 'aspect' : 'rot', 'aspect and rot keep their defaults in 1D');
  });

export const isValidState = (x: unknown): x is ExperimentState => ExperimentStateSchema.safeParse(x).success;

/** Parse and type a state; throws a ZodError listing every bad field. */
export const parseState = (x: unknown): ExperimentState => ExperimentStateSchema.parse(x);
