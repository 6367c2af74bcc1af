/**
 * The separations of the λ_max-vs-separation curve: every 0.25σ over the separation slider's whole
 * range (the key table's `sep` control, so the range is written once), both ends included. The race
 * worker computes the curve here without importing the slider's track (sep-slider.ts).
 */
import type { ModelFamily } from '../engine/types';
import { KEYS } from './keys';

const CURVE_STEP = 0.25;
const { min, max } = KEYS.sep.control;

export const CURVE_SEPS: readonly number[] = Array.from(
  { length: Math.round((max - min) / CURVE_STEP) + 1 },
  (_, i) => min + CURVE_STEP * i,
);

/** The persistences of the HMM's λ_max curve: even steps in −log₁₀(1 − p) over the slider's track (0.5 … 0.999). */
const { min: q0, max: q1 } = KEYS.p.control;
const P_STEPS = 27;
export const CURVE_PS: readonly number[] = [
  ...new Set(
    Array.from({ length: P_STEPS + 1 }, (_, i) => {
      const p = 1 - 10 ** -(q0 + ((q1 - q0) * i) / P_STEPS);
      return Math.min(KEYS.p.max, Math.max(KEYS.p.min, Number(p.toFixed(3))));
    }),
  ),
];

/** The values the λ_max curve of this model family is computed at (its axis: engine/family-data.ts curveAxis). */
export const curveValues = (model: ModelFamily): readonly number[] => (model === 'hmm' ? CURVE_PS : CURVE_SEPS);
