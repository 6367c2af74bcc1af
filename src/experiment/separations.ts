/**
 * The separations the page works with, written once: the range the slider covers (the URL accepts
 * more, up to BOUNDS.sep.max; the story happens here), the slider's step, and the λ_max-vs-separation
 * curve's grid over the same range, so the curve spans the whole track.
 */
export const SEP_SLIDER = { min: 0, max: 8, step: 0.05 } as const;

/** Every 0.25σ from the slider's minimum to its maximum, both ends included (33 points). */
const CURVE_STEP = 0.25;
export const CURVE_SEPS: readonly number[] = Array.from(
  { length: Math.round((SEP_SLIDER.max - SEP_SLIDER.min) / CURVE_STEP) + 1 },
  (_, i) => SEP_SLIDER.min + CURVE_STEP * i,
);
