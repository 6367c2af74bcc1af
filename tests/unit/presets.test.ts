/** Every preset's caption claim, checked against the engine's numbers (a caption must never contradict its figure). */
import { describe, expect, it } from 'vitest';
import { createRace } from '../../src/engine/build';
import type { Race } from '../../src/engine/trace';
import type { MethodId } from '../../src/engine/types';
import { PRESETS, type Preset } from '../../src/experiment/presets';
import { DEFAULT_STATE, isValidState } from '../../src/experiment/schema';

const FAST: MethodId[] = ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'];
const preset = (id: Preset['id']) => PRESETS.find((p) => p.id === id)!;

async function finish(id: Preset['id'], dim: 1 | 2) {
  const state = preset(id).apply({ ...DEFAULT_STATE, dim, methods: FAST });
  expect(isValidState(state)).toBe(true);
  const race = await createRace(state);
  while (race.advance(2000));
  return race;
}
const run = (race: Race, m: MethodId) => race.runs.find((r) => r.method === m)!;
const esteps = (race: Race, m: MethodId) => run(race, m).rows.at(-1)!.evaluations;
const lambda = (race: Race) => race.optimum.eigenvalues[0];

describe.each([1, 2] as const)('presets, %iD', (dim) => {
  it('well separated: λ_max < 0.3 and EM needs fewer E-steps than gradient ascent', async () => {
    const race = await finish('separated', dim);
    expect(lambda(race)).toBeLessThan(0.3);
    expect(run(race, 'em').stop?.code).toBe('converged-gap');
    expect(esteps(race, 'em')).toBeLessThan(esteps(race, 'grad'));
  });

  it('moderate overlap: λ_max ≈ 0.98, EM needs hundreds of iterations, SQUAREM and ECG far fewer E-steps', async () => {
    const race = await finish('default', dim);
    expect(lambda(race)).toBeGreaterThan(0.95);
    expect(lambda(race)).toBeLessThan(0.995);
    expect(run(race, 'em').rows.length).toBeGreaterThan(100);
    expect(3 * esteps(race, 'squarem')).toBeLessThan(esteps(race, 'em'));
    expect(3 * esteps(race, 'ecg')).toBeLessThan(esteps(race, 'em'));
  });

  it('overlapping: λ_max > 0.99 and ECG needs less than a fifth of EM’s E-steps', async () => {
    const race = await finish('overlapping', dim);
    expect(lambda(race)).toBeGreaterThan(0.99);
    expect(run(race, 'em').stop?.code).toBe('converged-gap');
    expect(5 * esteps(race, 'ecg')).toBeLessThan(esteps(race, 'em'));
  });

  it('unequal weights: λ_max > 0.9, EM needs over 100 iterations and SQUAREM less than a third of its E-steps', async () => {
    const race = await finish('weights', dim);
    expect(lambda(race)).toBeGreaterThan(0.9);
    expect(run(race, 'em').stop?.code).toBe('converged-gap');
    expect(run(race, 'em').rows.length - 1).toBeGreaterThan(100);
    expect(3 * esteps(race, 'squarem')).toBeLessThan(esteps(race, 'em'));
  });

  it('unequal variances: λ_max > 0.8 and SQUAREM needs less than half of EM’s E-steps', async () => {
    const race = await finish('variances', dim);
    expect(lambda(race)).toBeGreaterThan(0.8);
    expect(run(race, 'em').stop?.code).toBe('converged-gap');
    expect(2 * esteps(race, 'squarem')).toBeLessThan(esteps(race, 'em'));
  });

  it('2D correlated (from either dimension): λ_max ≈ 0.9 and gradient ascent needs over three times EM’s E-steps', async () => {
    const race = await finish('correlated', dim);
    expect(race.dim).toBe(2);
    expect(lambda(race)).toBeGreaterThan(0.85);
    expect(lambda(race)).toBeLessThan(0.95);
    expect(run(race, 'em').stop?.code).toBe('converged-gap');
    expect(esteps(race, 'grad')).toBeGreaterThan(3 * esteps(race, 'em'));
  });

  it('tiny N: the fit is far from the truth and a run collapses (1D); too few points for 11 parameters (2D)', async () => {
    const race = await finish('tiny', dim);
    expect(race.data.length / dim).toBe(20);
    if (dim === 1) {
      expect(Math.abs(race.optimum.theta[0] - 0.5)).toBeGreaterThan(0.2);
      expect(race.runs.some((r) => r.stop?.code === 'collapse')).toBe(true);
    } else {
      for (const r of race.runs) expect(r.stop?.code).toBe('too-few-points');
    }
  });

  it('leaving tiny N goes back to the default N', () => {
    const tiny = preset('tiny').apply(DEFAULT_STATE);
    expect(preset('separated').apply(tiny).n).toBe(DEFAULT_STATE.n);
  });

  it('symmetric start: no method can separate the components', async () => {
    const race = await finish('symmetric', dim);
    for (const r of race.runs) expect(r.stop?.code).toBe('symmetric-start');
  });

  it('variance collapse: EM shrinks the narrow component and stops with a collapse', async () => {
    const race = await finish('collapse', dim);
    const em = run(race, 'em');
    expect(em.stop?.code).toBe('collapse');
    expect(em.stop?.message).toMatch(/component 1 (collapsed|'s variance hit the floor)/);
  });
});
