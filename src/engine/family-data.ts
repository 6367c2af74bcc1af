/**
 * The light half of the model-family table (families.ts adds how each family's model is built): the
 * shape of θ, how it is named and written, the trajectory plane, the λ_max curve's axis, the data and
 * their variance floor, and the rule for a valid start. Kept apart from the models so the URL codec and
 * the page can use it without loading the models and their linear algebra (ml-matrix).
 */
import { generateData } from './data';
import { hmmDomainError, mixtureDomainError } from './domain';
import { generateHmmData, hmmTrueStates } from './hmm/data';
import { hmmVarianceFloor } from './hmm/init';
import { varianceFloor } from './init';
import { paramNames, thetaToParams, type Params } from './params';
import type { DataSpec, RaceSpec } from './spec';
import type { Dim, ModelFamily, Theta } from './types';

/** The HMM's θ in the run document. */
export interface ParamsHmm {
  stay: [number, number];
  means: [number, number];
  variances: [number, number];
}

export interface FamilyData {
  readonly id: ModelFamily;
  readonly label: string;
  /** Parameters of θ (natural coordinates) in this dimension. */
  paramCount(dim: Dim): number;
  /** Names of θ's entries, for CSV headers and tables. */
  paramNames(dim: Dim): string[];
  /** θ as the run document writes it. */
  toParams(dim: Dim, theta: Theta): Params | ParamsHmm;
  /** Indices in θ of the trajectory plane's axes (the two means; their first coordinates in 2D). */
  planeAxes(dim: Dim): [number, number];
  /** The key the λ_max curve varies (the other keys stay at the experiment's values). */
  readonly curveAxis: 'sep' | 'p';
  /** The data and their absolute variance floor (`floor` is relative to the data's variance). */
  dataAndFloor(spec: DataSpec & Pick<RaceSpec, 'floor'>): { data: Float64Array; floor: number };
  /** Why θ is not a valid point at this absolute variance floor (0: its shape alone), or null. */
  domainError(dim: Dim, theta: ArrayLike<number>, floor: number): string | null;
  /** What the run document adds to the truth (the HMM's simulated states). */
  truthExtras(spec: DataSpec): Record<string, number[]>;
}

const mixture: FamilyData = {
  id: 'mixture',
  label: 'mixture',
  paramCount: (dim) => (dim === 1 ? 5 : 11),
  paramNames,
  toParams: thetaToParams,
  planeAxes: (dim) => (dim === 1 ? [1, 2] : [1, 3]),
  curveAxis: 'sep',
  dataAndFloor(spec) {
    const data = generateData(spec);
    return { data, floor: varianceFloor(spec, data) };
  },
  domainError: mixtureDomainError,
  truthExtras: () => ({}),
};

const hmm: FamilyData = {
  id: 'hmm',
  label: 'HMM',
  paramCount: () => 6,
  paramNames: () => ['a11', 'a22', 'mu1', 'mu2', 'v1', 'v2'],
  toParams: (_dim, t) => ({ stay: [t[0], t[1]], means: [t[2], t[3]], variances: [t[4], t[5]] }),
  planeAxes: () => [2, 3],
  curveAxis: 'p',
  dataAndFloor(spec) {
    const data = generateHmmData(spec);
    return { data, floor: hmmVarianceFloor(spec.floor, data) };
  },
  domainError: (_dim, t, floor) => hmmDomainError(t, floor),
  truthExtras: (spec) => ({ states: Array.from(hmmTrueStates(spec)) }),
};

export const FAMILY_DATA: Readonly<Record<ModelFamily, FamilyData>> = { mixture, hmm };
export const familyData = (model: ModelFamily): FamilyData => FAMILY_DATA[model];
