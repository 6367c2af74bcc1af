/**
 * The one table of model families: each row is the family's light facts (family-data.ts: θ's shape and
 * names, the plane, the λ curve's axis, the data, the start rule) plus how its experiment is built —
 * the model and the shared start θ⁰. The race, the λ curve, the document and the codec's start check
 * all ask this table, so a third family is one row here, one in family-data.ts, and its model files.
 */
import { truthTheta } from './data';
import { FAMILY_DATA, type FamilyData } from './family-data';
import { hmmTruthTheta } from './hmm/data';
import { hmmInitialTheta } from './hmm/init';
import { createHmmModel } from './hmm/model';
import { initialTheta } from './init';
import { createModel } from './race';
import type { RaceSpec } from './spec';
import type { LatentModel, ModelFamily, Theta } from './types';

/** An experiment ready to race: its data, the true θ, the model and the shared start θ⁰. */
export interface Experiment {
  readonly data: Float64Array;
  readonly truth: Theta;
  readonly model: LatentModel;
  readonly init: Theta;
}

export interface Family extends FamilyData {
  build(spec: RaceSpec): Experiment;
}

export const FAMILIES: Readonly<Record<ModelFamily, Family>> = {
  mixture: {
    ...FAMILY_DATA.mixture,
    build(spec) {
      const { data, floor } = this.dataAndFloor(spec);
      return { data, truth: truthTheta(spec), model: createModel(spec.dim, data, floor), init: initialTheta(spec, data).theta };
    },
  },
  hmm: {
    ...FAMILY_DATA.hmm,
    build(spec) {
      const { data, floor } = this.dataAndFloor(spec);
      return {
        data,
        truth: hmmTruthTheta(spec),
        model: createHmmModel(data, { varianceFloor: floor }),
        init: hmmInitialTheta(spec, data).theta,
      };
    },
  },
};

export const familyOf = (model: ModelFamily): Family => FAMILIES[model];
