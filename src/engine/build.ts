/** A race from a spec: the family builds the experiment (families.ts), the shared race runs it (race.ts). */
import { familyOf } from './families';
import { raceOnModel, type RaceOptions } from './race';
import type { RaceSpec } from './spec';
import type { Race } from './trace';

export async function createRace(spec: RaceSpec, options: RaceOptions = {}): Promise<Race> {
  const x = familyOf(spec.model).build(spec);
  options.onPhase?.('data');
  return raceOnModel(x.model, x.init, x.truth, spec, options);
}
