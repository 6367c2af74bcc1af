/**
 * Guesses: once the settings have been still (background priority), the races of the separations
 * the UI named (the slider's notches either side) are computed up to the cursor and kept: the usual
 * next move — a nudge of the slider, an arrow key — then finds every lane, Adam's included, already
 * there. Only as far as that costs a fraction of a second.
 */
import { createRace } from '../../engine/build';
import { raceKey } from '../../experiment/codec';
import type { ExperimentState } from '../../experiment/state';
import { behind, currentJob, kept, type Job } from './job';

const GUESS_MAX_N = 20_000;
/** Iterations guessed at most: 200, and N × iterations ≤ 200,000 (~0.2 s per guess at N = 2000 with Adam). */
const guessIterations = (n: number): number => Math.min(200, Math.floor(200_000 / n));

/** The task while a guess's race is being built: nothing to do in this slice, but not idle either. */
export const AWAIT_BUILD = (): void => {};

/** The next unit of guessing work, or null when there is none; `wake` restarts the slices once a build is done. */
export function guessTask(j: Job, wake: () => void): (() => void) | null {
  if (j.state.n > GUESS_MAX_N) return null;
  if (j.guessBuilding) return AWAIT_BUILD;
  const g = j.guess;
  if (g) {
    const lanes = behind(
      g.race,
      g.race.runs.map((_, i) => i),
      g.upTo,
    );
    if (lanes.length) return () => g.race.advance(1, lanes);
    kept.keep(g.key, { race: g.race, grid: null });
    j.guess = null;
    j.phases.guessed = (j.phases.guessed ?? 0) + 1; // for the tests and the benchmark
  }
  // nextTask is also called only to look (is there work? what priority?): a guess leaves the list
  // when its task runs, not when it is returned.
  while (j.guesses.length > 0) {
    const state: ExperimentState = { ...j.state, sep: j.guesses[0] };
    const key = raceKey(state);
    if (key === j.key || kept.has(key)) {
      j.guesses.shift(); // already there
      continue;
    }
    const upTo = Math.min(j.cursor, guessIterations(j.state.n)); // beyond it, a hit computes the rest
    return () => {
      j.guesses.shift();
      // Building is asynchronous (Adam's lane awaits its module): the slices wait for it (AWAIT_BUILD), a task or two.
      j.guessBuilding = true;
      createRace(state, { spectrum: [j.spectrumFor] }).then(
        (race) => {
          j.guessBuilding = false;
          if (currentJob() === j) j.guess = { key, race, upTo };
          else kept.keep(key, { race, grid: null });
          wake();
        },
        () => {
          j.guessBuilding = false; // a neighbour that cannot be built is simply not guessed
          wake();
        },
      );
    };
  }
  return null;
}
