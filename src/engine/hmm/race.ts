/**
 * An HMM experiment end to end: the sequence, the shared start, the model and the race, the HMM's
 * counterpart of ../race.ts createRace. The race itself is the shared raceOnModel.
 */
import { raceOnModel, type RaceOptions } from '../race';
import type { RunSettings } from '../spec';
import type { Race } from '../trace';
import type { Theta } from '../types';
import { generateHmmData, hmmTruthTheta, type HmmDataSpec } from './data';
import { hmmInitialTheta, hmmVarianceFloor, type HmmStartSpec } from './init';
import { createHmmModel, type HmmModel } from './model';

/** What an HMM race needs: the sequence, the start, the variance floor (relative to s²) and the run settings. */
export interface HmmRaceSpec extends HmmDataSpec, HmmStartSpec, RunSettings {
  readonly floor: number;
}

export interface HmmExperiment {
  readonly data: Float64Array;
  readonly truth: Theta;
  readonly model: HmmModel;
  readonly init: Theta;
}

export function buildHmmExperiment(s: HmmDataSpec & HmmStartSpec & { readonly floor: number }): HmmExperiment {
  const data = generateHmmData(s);
  return {
    data,
    truth: hmmTruthTheta(s),
    model: createHmmModel(data, { varianceFloor: hmmVarianceFloor(s.floor, data) }),
    init: hmmInitialTheta(s, data).theta,
  };
}

export async function createHmmRace(s: HmmRaceSpec, options: RaceOptions = {}): Promise<Race> {
  const x = buildHmmExperiment(s);
  options.onPhase?.('data');
  return raceOnModel(x.model, x.init, x.truth, s, options);
}
