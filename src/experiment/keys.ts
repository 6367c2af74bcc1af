/**
 * The one table of the experiment's query keys, in canonical order. A key is one row: how it is read
 * and written (kind, bounds, precision, default), which settings group it belongs to (classroom
 * links), which dimensions it applies to, what a change recomputes, and the control that sets it.
 * ExperimentState, DEFAULT_STATE, the zod schema (schema.ts), the codec (codec.ts), the classroom
 * groups, the worker's race and curve keys, the settings panel and the docs' key table
 * (docs/url-keys.md, scripts/keys-table.ts) all derive from it.
 */
import { DEFAULT_METHOD_IDS } from '../engine/methods/registry';
import type { KeyRow, ValueOf } from './key-rows';
import { INT, exp, fixed, sig } from './precision';

export const VERSION = 1 as const;
export const SEED_MAX = 2_147_483_647;

const N_CHOICES = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];
const TOL_CHOICES = [1e-6, 1e-8, 1e-9, 1e-10, 1e-12];
const ITER_CHOICES = [100, 200, 500, 1000, 2000, 5000, 10000];

export const KEYS = {
  v: { kind: 'version', default: VERSION, label: 'Version', doc: 'Version of the query format', group: 'version', effect: 'view' },
  dim: {
    kind: 'enum', values: [1, 2], default: 1, label: 'Dimension', doc: 'Dimension of the data', group: 'mixture', effect: 'data',
    control: { kind: 'segmented', options: [{ value: 1, label: '1D' }, { value: 2, label: '2D' }] }, resets: ['start'], rewinds: true,
  },
  n: {
    kind: 'num', default: 1000, min: 10, max: 1_000_000, precision: INT, label: 'Sample size N', doc: 'Sample size', group: 'mixture', effect: 'data',
    control: { kind: 'select', choices: N_CHOICES, display: { format: 'int' } },
  },
  sep: {
    kind: 'num', default: 2.5, min: 0, max: 12, precision: fixed(2), label: 'Separation', group: 'mixture', effect: 'axis',
    doc: 'Distance between the true means, in pooled standard deviations (Mahalanobis distance in 2D)',
    hint: 'Distance between the true means in pooled standard deviations',
    // The slider covers the range where the story happens; a link may ask for up to `max`.
    control: { kind: 'slider', min: 0, max: 8, step: 0.05, display: { format: 'fixed', digits: 2, unit: ' σ' }, spoken: 'separation' },
  },
  w: {
    kind: 'num', default: 0.5, min: 0.05, max: 0.95, precision: fixed(2), label: 'Weight π₁', doc: 'True weight π of component 1', group: 'mixture', effect: 'data',
    control: { kind: 'slider', step: 0.01, display: { format: 'fixed', digits: 2 }, spoken: 'weight' },
  },
  vr: {
    kind: 'num', default: 1, min: 0.1, max: 10, precision: fixed(2), label: 'Variance ratio', group: 'mixture', effect: 'data',
    labelByDim: { 1: 'Variance ratio σ₂²/σ₁²', 2: 'Scale ratio |Σ₂|½/|Σ₁|½' },
    doc: 'True variance ratio σ₂²/σ₁² (1D), or covariance scale ratio \\|Σ₂\\|^½/\\|Σ₁\\|^½ (2D)',
    control: { kind: 'slider', scale: 'log10', min: -1, max: 1, step: 0.01, display: { format: 'fixed', digits: 2 }, spoken: 'variance ratio' },
  },
  aspect: {
    kind: 'num', default: 0.5, min: 0.05, max: 1, precision: fixed(2), label: 'Aspect (minor/major)', group: 'mixture', effect: 'data', dims: [2],
    doc: 'minor/major axis variance of each true component',
    control: { kind: 'slider', step: 0.01, display: { format: 'fixed', digits: 2 }, spoken: 'aspect' },
  },
  rot: {
    kind: 'num', default: 30, min: -90, max: 90, precision: INT, label: 'Rotation', group: 'mixture', effect: 'data', dims: [2],
    doc: "rotation of component 1's major axis in degrees (component 2 uses −rot)",
    control: { kind: 'slider', step: 1, display: { format: 'int', unit: '°', spokenUnit: ' degrees' }, spoken: 'rotation' },
  },
  seed: {
    kind: 'num', default: 1, min: 0, max: SEED_MAX, precision: INT, label: 'Data seed', group: 'mixture', effect: 'data',
    doc: 'Data seed: the labels and the normal draws (common random numbers)', control: { kind: 'seed' },
  },
  init: {
    kind: 'num', default: 1, min: 0, max: SEED_MAX, precision: INT, label: 'Start seed', group: 'start', effect: 'data',
    doc: 'Seed for the starting point (ignored when `start` is given)', control: { kind: 'seed' }, resets: ['start'],
  },
  start: {
    kind: 'start', default: null, precision: sig(10), label: 'Start', group: 'start', effect: 'data', omitDefault: true,
    doc: 'Explicit start θ: 5 numbers in 1D (`π,μ1,μ2,v1,v2`), 11 in 2D (`π,μ1x,μ1y,μ2x,μ2y,Σ1xx,Σ1xy,Σ1yy,Σ2xx,Σ2xy,Σ2yy`); needs 0 < π < 1, positive variances and positive-definite covariances',
  },
  methods: {
    kind: 'methods', default: DEFAULT_METHOD_IDS, label: 'Methods', doc: 'Methods in the race', group: 'methods', effect: 'race', control: { kind: 'methods' },
  },
  tau: {
    kind: 'num', default: 0.5, min: 0, max: 1, precision: fixed(3), label: 'Hybrid threshold τ', group: 'methods', effect: 'race', forMethod: 'hybrid',
    doc: 'Hybrid: switch from EM to ECG once the normalised posterior entropy reaches `tau`',
    hint: 'Switch from EM to ECG once the normalised entropy H exceeds τ',
    control: { kind: 'slider', step: 0.01, display: { format: 'fixed', digits: 2 }, spoken: 'tau' },
  },
  burn: {
    kind: 'num', default: 5, min: 0, max: 1000, precision: INT, label: 'Hybrid burn-in', group: 'methods', effect: 'race', forMethod: 'hybrid',
    doc: 'Hybrid: EM iterations before the entropy test starts',
    control: { kind: 'slider', min: 0, max: 50, step: 1, display: { format: 'int', unit: ' its', spokenUnit: ' iterations' }, spoken: 'burn-in' },
  },
  iters: {
    kind: 'num', default: 2000, min: 1, max: 100_000, precision: INT, label: 'Max iterations', doc: 'Maximum iterations per method', group: 'stop', effect: 'race',
    control: { kind: 'select', choices: ITER_CHOICES, display: { format: 'int' } },
  },
  gstep: {
    kind: 'num', default: 0, min: 0, max: 10, precision: sig(4), label: 'Gradient step size', group: 'methods', effect: 'race', forMethod: 'grad',
    doc: 'Gradient ascent: fixed step η on the per-point gradient, φ ← φ + (η/N)∇φL in free coordinates; `0` means backtracking line search',
    control: { kind: 'auto-or-slider', autoLabel: 'Gradient: backtracking line search', manual: 0.01, min: -4, max: 0, step: 0.05, display: { format: 'sci', digits: 1 }, spoken: 'gradient step size' },
  },
  lr: {
    kind: 'num', default: 0.05, min: 1e-5, max: 1, precision: sig(4), label: 'Adam learning rate', doc: 'Adam baseline: learning rate', group: 'methods', effect: 'race', forMethod: 'adam',
    control: { kind: 'slider', scale: 'log10', min: -4, max: 0, step: 0.05, display: { format: 'sci', digits: 1 }, spoken: 'learning rate' },
  },
  opt: {
    kind: 'enum', values: ['adam', 'momentum'], default: 'adam', label: 'Adam baseline optimiser', doc: 'Adam baseline: optimiser', group: 'methods', effect: 'race', forMethod: 'adam',
    control: { kind: 'segmented', options: [{ value: 'adam', label: 'Adam' }, { value: 'momentum', label: 'momentum' }] },
  },
  eta: {
    // Convergent for 0 < η < 2/(1 − λ_min) = 2 (λ_min = 0 with two components): at η = 2 the structural-zero
    // directions flip sign for ever, so the maximum stays below it. Added after v=1 links were shared.
    kind: 'num', default: 1.5, min: 0.001, max: 1.999, precision: fixed(3), label: 'Over-relaxation η', group: 'methods', effect: 'race', forMethod: 'relax', omitDefault: true, documentOmitsDefault: true,
    doc: 'Over-relaxed EM: θ ← θ + η(M(θ) − θ) in free coordinates, `0 < eta < 2` (1 is EM); a step that would lower L is replaced by the EM step',
    hint: 'Step η times the EM step; 1 is EM, the best η is 2/(2 − λ_max)',
    control: { kind: 'slider', min: 0.05, max: 1.999, step: 0.001, display: { format: 'fixed', digits: 3 }, spoken: 'eta' },
  },
  tol: {
    kind: 'num', default: 1e-9, min: 1e-14, max: 1e-2, precision: exp(3), label: 'Gap tolerance', doc: 'Stop when the gap L\\* − L falls below this', group: 'stop', effect: 'race',
    control: { kind: 'select', choices: TOL_CHOICES, display: { format: 'sci', digits: 0 } },
  },
  gtol: {
    kind: 'num', default: 1e-6, min: 1e-12, max: 1, precision: exp(3), label: 'Gradient tolerance', doc: 'Stop when the free-coordinate gradient norm falls below this', group: 'stop', effect: 'race',
  },
  floor: {
    kind: 'num', default: 1e-6, min: 1e-12, max: 1e-1, precision: exp(3), label: 'Variance floor', group: 'stop', effect: 'data',
    doc: 'Variance floor, relative to the sample variance (1D) or the smallest sample-covariance eigenvalue (2D)',
  },
  it: {
    kind: 'num', default: 0, min: 0, max: 100_000, precision: INT, label: 'Iteration', doc: 'View: the iteration the panels show (the scrubber)', group: 'view', effect: 'view', omitDefault: true,
  },
} as const satisfies Record<string, KeyRow>;

export type Keys = typeof KEYS;
export type Key = keyof Keys;

/** Everything needed to reproduce a run, and nothing else: one value per row of the table. */
export type ExperimentState = { -readonly [K in Key]: ValueOf<Keys[K]> };

/** The numeric keys. */
export type NumKey = { [K in Key]: Keys[K] extends { readonly kind: 'num' } ? K : never }[Key];

/** Rows in canonical order (the URL's). */
export const KEY_ORDER = Object.keys(KEYS) as Key[];
export const rowOf = <K extends Key>(k: K): Keys[K] => KEYS[k];
