/**
 * The iteration scrubber's scale. The iteration grows with the square of the track position, so
 * the first iterations — where the methods part ways — get most of the track: on a race of 2000
 * iterations, iteration 20 sits at 10 % of it instead of 1 %. Arrow keys still move one iteration.
 */

/** Positions on the track (the range input's min 0 … max TRACK). */
export const TRACK = 1000;

/** The iteration at a track position, for a scrubber ending at `max`. */
export function iterationAt(position: number, max: number): number {
  if (!(max > 0) || !(position > 0)) return 0;
  const u = Math.min(1, position / TRACK);
  return Math.min(max, Math.round(max * u * u));
}

/** The track position of an iteration (the inverse of iterationAt at integer iterations). */
export function positionOf(iteration: number, max: number): number {
  if (!(max > 0) || !(iteration > 0)) return 0;
  return TRACK * Math.sqrt(Math.min(1, iteration / max));
}

/** Keys that move the cursor by whole iterations (not by track positions), and by how many. */
export function keyDelta(key: string, it: number, max: number): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return -1;
    case 'ArrowRight':
    case 'ArrowUp':
      return 1;
    case 'PageDown':
      return -10;
    case 'PageUp':
      return 10;
    case 'Home':
      return -it;
    case 'End':
      return max - it;
    default:
      return null;
  }
}
