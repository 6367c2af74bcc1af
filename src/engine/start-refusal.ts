/**
 * The start rule the URL codec shares with the engine: a start the engine would refuse for this
 * experiment's data (its variance floor is relative to the data's variance) is refused by the link too.
 */
import { familyData } from './family-data';
import type { DataSpec, RaceSpec } from './spec';

/** The absolute variance floor of an experiment's data, for the few experiments decoded last (the codec decodes the same state repeatedly). */
const floors = new Map<string, number>();
function dataFloor(spec: DataSpec & Pick<RaceSpec, 'floor'>): number {
  const key = [spec.model, spec.dim, spec.n, spec.sep, spec.p, spec.w, spec.vr, spec.aspect, spec.rot, spec.seed, spec.floor].join();
  let floor = floors.get(key);
  if (floor === undefined) {
    floor = familyData(spec.model).dataAndFloor(spec).floor;
    if (floors.size >= 8) floors.delete(floors.keys().next().value!);
    floors.set(key, floor);
  }
  return floor;
}

/** Why the engine would refuse `start` for this experiment's data (its floor is relative to their variance), or null. */
export function startRefusal(spec: DataSpec & Pick<RaceSpec, 'floor'>, start: readonly number[]): string | null {
  const family = familyData(spec.model);
  const structural = family.domainError(spec.dim, start, 0);
  if (structural) return structural;
  const err = family.domainError(spec.dim, start, dataFloor(spec));
  return err && `${err} for these data`;
}
