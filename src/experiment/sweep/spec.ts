/**
 * A sweep: the convergence-vs-separation experiment (E-steps to a gap below `tol` for each method, on
 * `reps` replicate data sets at each of `sepCount` separations) and the rate map (λ_max over
 * separation × weight or × variance ratio). Everything else — dim, w, vr, aspect, rot, the data and
 * init seeds, τ, burn-in, step sizes, variance floor — comes from the experiment in the same query.
 *
 * Seeds: replicate r = 0 … reps−1 draws its data with seed (seed + r) mod 2³¹ (the experiment's data
 * seed is replicate 0's), and every replicate uses the experiment's init seed for its start rule.
 * The rate map uses the experiment's data seed for every cell (common random numbers: the map is a
 * smooth function of its axes, not of fresh noise).
 */
import { z } from 'zod';
import { METHOD_IDS } from '../../engine/methods/registry';
import type { MethodId } from '../../engine/types';
import { BOUNDS, SEED_MAX, canonicalMethods, canonicalNumber, roundTo, type NumSpec, type Precision } from '../schema';

export const MAP_AXES = ['w', 'vr'] as const;
export type MapAxis = (typeof MAP_AXES)[number];

export interface SweepSpec {
  /** Separations: `sepCount` points from `sepFrom` to `sepTo` (pooled σ), evenly spaced, 2 decimals. */
  sepFrom: number;
  sepTo: number;
  sepCount: number;
  /** Replicate data sets per separation. */
  reps: number;
  /** Most E-steps a run may use; runs that need more are censored at the cap. */
  cap: number;
  /** Target gap L* − L. */
  tol: number;
  methods: MethodId[];
  /** Sample size of every data set (sweep and rate map). */
  n: number;
  /** Rate map: the second axis (weight π or variance ratio), and the grid size per axis. */
  map: MapAxis;
  mapSize: number;
}

export type SweepNumKey = 'sepFrom' | 'sepTo' | 'sepCount' | 'reps' | 'cap' | 'tol' | 'n' | 'mapSize';

const INT: Precision = { kind: 'int' };

export const SWEEP_BOUNDS: Readonly<Record<SweepNumKey, NumSpec>> = {
  sepFrom: BOUNDS.sep,
  sepTo: BOUNDS.sep,
  sepCount: { min: 1, max: 50, precision: INT },
  reps: { min: 1, max: 1000, precision: INT },
  cap: { min: 10, max: 100_000, precision: INT },
  tol: { min: 1e-14, max: 1e-2, precision: { kind: 'exp', digits: 3 } },
  n: BOUNDS.n,
  mapSize: { min: 2, max: 40, precision: INT },
};

/** The issue's default sweep: 10 separations × 50 replicates × EM, ECG, hybrid, SQUAREM at N = 500. */
export const DEFAULT_SWEEP: Readonly<SweepSpec> = Object.freeze({
  sepFrom: 0.5,
  sepTo: 5,
  sepCount: 10,
  reps: 50,
  cap: 5000,
  tol: 1e-8,
  methods: Object.freeze(['em', 'ecg', 'hybrid', 'squarem']) as MethodId[],
  n: 500,
  map: 'w',
  mapSize: 20,
}) as SweepSpec;

export const copyDefaultSweep = (): SweepSpec => ({ ...DEFAULT_SWEEP, methods: [...DEFAULT_SWEEP.methods] });

/** The rate map's second axis: its range (the experiment slider's) and spacing. */
export const MAP_RANGE: Readonly<Record<MapAxis, { min: number; max: number; log: boolean; label: string }>> = {
  w: { min: 0.05, max: 0.95, log: false, label: 'weight π₁' },
  vr: { min: 0.1, max: 10, log: true, label: 'variance ratio' },
};

const sepPrecision = BOUNDS.sep.precision;

/** The swept separations, ascending, at the sep key's precision (2 decimals), without duplicates. */
export function separations(s: Pick<SweepSpec, 'sepFrom' | 'sepTo' | 'sepCount'>): number[] {
  const { sepFrom: a, sepTo: b, sepCount: k } = s;
  const xs = k === 1 ? [a] : Array.from({ length: k }, (_, i) => roundTo(sepPrecision, a + ((b - a) * i) / (k - 1)));
  return [...new Set(xs)];
}

/** Most separations that stay distinct at 2 decimals between `from` and `to`. */
export const maxSepCount = (from: number, to: number): number => Math.round((to - from) * 100) + 1;

/** The rate map's separations: the sweep's range (0–8 σ when the sweep has a single separation). */
export function mapSeparations(s: Pick<SweepSpec, 'sepFrom' | 'sepTo' | 'mapSize'>): number[] {
  const [a, b] = s.sepTo > s.sepFrom ? [s.sepFrom, s.sepTo] : [0, 8];
  return separations({ sepFrom: a, sepTo: b, sepCount: Math.min(s.mapSize, maxSepCount(a, b)) });
}

/** The rate map's second-axis values, at the experiment key's precision (2 decimals), ascending. */
export function mapValues(s: Pick<SweepSpec, 'map' | 'mapSize'>): number[] {
  const { min, max, log } = MAP_RANGE[s.map];
  const k = s.mapSize;
  const at = (i: number) => (log ? min * (max / min) ** (i / (k - 1)) : min + ((max - min) * i) / (k - 1));
  return [...new Set(Array.from({ length: k }, (_, i) => roundTo(BOUNDS[s.map].precision, at(i))))];
}

/** Data seed of replicate r (0-based). */
export const replicateSeed = (seed: number, r: number): number => (seed + r) % (SEED_MAX + 1);

const numField = (key: SweepNumKey) => canonicalNumber(key, SWEEP_BOUNDS[key]);

/** Strict: a valid (canonical) SweepSpec. The codec repairs anything else into one. */
export const SweepSpecSchema = z
  .strictObject({
    sepFrom: numField('sepFrom'),
    sepTo: numField('sepTo'),
    sepCount: numField('sepCount'),
    reps: numField('reps'),
    cap: numField('cap'),
    tol: numField('tol'),
    methods: z.array(z.enum(METHOD_IDS)).min(1),
    n: numField('n'),
    map: z.enum(MAP_AXES),
    mapSize: numField('mapSize'),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.sepFrom > s.sepTo) issue('sepTo', 'the separation range must be ascending');
    else if (s.sepCount > maxSepCount(s.sepFrom, s.sepTo)) issue('sepCount', 'more separations than fit between from and to at 2 decimals');
    const canon = canonicalMethods(s.methods);
    if (canon.length !== s.methods.length || canon.some((id, i) => id !== s.methods[i]))
      issue('methods', 'methods must be unique and in canonical order');
  });

export const isValidSweep = (x: unknown): x is SweepSpec => SweepSpecSchema.safeParse(x).success;
