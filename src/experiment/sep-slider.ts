/**
 * The separation slider's track (its range and step: the key table's `sep` control). The page asks
 * the race worker to precompute the values one step either side of the current one (a nudge of the
 * slider, race-sync.ts), so they must be the values the slider itself produces.
 */
import { KEYS } from './keys';

export const SEP_SLIDER = KEYS.sep.control;

const onTrack = (v: number): number => Number(v.toFixed(2));

/**
 * The slider values one step below and above `sep` (fewer at the ends of the track). Off the track's
 * grid (a URL's sep = 2.53), the grid values either side, which is where the slider's arrow keys go.
 */
export function sepNotches(sep: number): number[] {
  const { min, max, step } = SEP_SLIDER;
  const k = (sep - min) / step;
  const near = Math.round(k);
  const onGrid = Math.abs(k - near) < 1e-6;
  const below = onGrid ? near - 1 : Math.floor(k);
  const above = onGrid ? near + 1 : Math.ceil(k);
  return [below, above].map((i) => onTrack(min + i * step)).filter((v) => v >= min && v <= max);
}
