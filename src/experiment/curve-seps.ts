/**
 * The separations of the λ_max-vs-separation curve: every 0.25σ over the separation slider's whole
 * range (the key table's `sep` control, so the range is written once), both ends included. The race
 * worker computes the curve here without importing the slider's track (sep-slider.ts).
 */
import { KEYS } from './keys';

const CURVE_STEP = 0.25;
const { min, max } = KEYS.sep.control;

export const CURVE_SEPS: readonly number[] = Array.from(
  { length: Math.round((max - min) / CURVE_STEP) + 1 },
  (_, i) => min + CURVE_STEP * i,
);
