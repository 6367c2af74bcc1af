/**
 * The shape of one row of the key table (keys.ts): what a query key is, how it is read and written,
 * what it recomputes, who may change it and which control sets it. Rows are plain data (no functions),
 * so the table can type the experiment state (ExperimentState is derived from it) without a cycle.
 */
import type { Dim, ModelFamily } from '../engine/types';
import type { MethodId } from '../engine/methods/registry';
import type { SamplerId } from '../engine/samplers/sampler';
import type { Precision } from './precision';

/** The settings group of a key: what a classroom link hides or locks together (classroom.ts). */
export type KeyGroup = 'mixture' | 'start' | 'methods' | 'stop' | 'sampler' | 'view' | 'version';

/**
 * What a change of the key recomputes:
 *  - 'data': the race and the λ_max curve (the data, the start, the variance floor) — except for the
 *    key the curve runs along (the family's curve axis, engine/family-data.ts: sep, or the HMM's p);
 *  - 'race': the race only (the methods, their settings, the stop rules);
 *  - 'sample': the Sampler mode's chains only (the samplers, their settings, the prior);
 *  - 'view': nothing (what the panels show).
 */
export type Effect = 'data' | 'race' | 'sample' | 'view';

/** How a control shows a value. */
export interface Display {
  readonly format: 'fixed' | 'sci' | 'int';
  readonly digits?: number;
  readonly unit?: string;
  /** The unit as read aloud, when it differs ("°" → " degrees"). */
  readonly spokenUnit?: string;
}

export type Control =
  | {
      readonly kind: 'slider';
      /** The track's range in the key's own units (log10 units with scale 'log10'); defaults to the key's bounds. */
      readonly min?: number;
      readonly max?: number;
      readonly step: number;
      /** 'log10': the track is log₁₀ v; 'log10-complement': −log₁₀(1 − v) (probabilities near 1). */
      readonly scale?: 'log10' | 'log10-complement';
      readonly display: Display;
      /** Spoken before the value: "separation 2.50 σ". */
      readonly spoken: string;
    }
  | { readonly kind: 'select'; readonly choices: readonly number[]; readonly display: Display }
  | { readonly kind: 'seed' }
  | { readonly kind: 'segmented'; readonly options: readonly { readonly value: string | number; readonly label: string }[] }
  | { readonly kind: 'methods' }
  | { readonly kind: 'samplers' }
  /** A checkbox for the key's default (0 = automatic), else a log slider: the gradient's step. */
  | {
      readonly kind: 'auto-or-slider';
      readonly autoLabel: string;
      /** Value set when the box is unchecked. */
      readonly manual: number;
      readonly min: number;
      readonly max: number;
      readonly step: number;
      readonly display: Display;
      readonly spoken: string;
    };

interface RowBase {
  /** Short label (controls, notices). */
  readonly label: string;
  /** A label of its own per dimension, where the key means different things (vr). */
  readonly labelByDim?: Readonly<Record<Dim, string>>;
  /** A label of its own for a model family (n is the HMM's sequence length). */
  readonly labelByFamily?: Readonly<Partial<Record<ModelFamily, string>>>;
  /** The docs' "Meaning" column. */
  readonly doc: string;
  readonly group: KeyGroup;
  readonly effect: Effect;
  /** Read and written only in these dimensions; elsewhere the key keeps its default (aspect, rot: 2D). */
  readonly dims?: readonly Dim[];
  /** Read and written only for these model families; elsewhere the key keeps its default (w: the mixture's). */
  readonly families?: readonly ModelFamily[];
  /** Written only when it differs from its default (keys added after v=1 links were shared, the cursor). */
  readonly omitDefault?: boolean;
  /**
   * Left out of the run and sweep documents' `state` while at its default (a key added after those
   * formats were fixed), so the document of a query that does not set it stays byte-identical.
   */
  readonly documentOmitsDefault?: boolean;
  readonly control?: Control;
  /** Its control is shown only while this method races (the method's own settings). */
  readonly forMethod?: MethodId;
  /** Hover hint of the control. */
  readonly hint?: string;
  /** Keys set back to their defaults when this one is changed by its control (a dimension change drops the start). */
  readonly resets?: readonly string[];
  /** A control change also puts the cursor back at iteration 0 (a new data set or dimension). */
  readonly rewinds?: boolean;
}

export interface NumRow extends RowBase {
  readonly kind: 'num';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly precision: Precision;
}

export interface EnumRow extends RowBase {
  readonly kind: 'enum';
  readonly values: readonly (string | number)[];
  readonly default: string | number;
}

export interface MethodsRow extends RowBase {
  readonly kind: 'methods';
  readonly default: readonly MethodId[];
}

export interface SamplersRow extends RowBase {
  readonly kind: 'samplers';
  readonly default: readonly SamplerId[];
}

export interface StartRow extends RowBase {
  readonly kind: 'start';
  readonly default: null;
  readonly precision: Precision;
}

export interface VersionRow extends RowBase {
  readonly kind: 'version';
  readonly default: 1;
}

export type KeyRow = NumRow | EnumRow | MethodsRow | SamplersRow | StartRow | VersionRow;

/** The value type a row gives its key in the experiment state. */
export type ValueOf<R> = R extends { readonly kind: 'num' }
  ? number
  : R extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
    ? V
    : R extends { readonly kind: 'methods' }
      ? MethodId[]
      : R extends { readonly kind: 'samplers' }
        ? SamplerId[]
        : R extends { readonly kind: 'start' }
          ? number[] | null
          : R extends { readonly kind: 'version' }
            ? 1
            : never;
