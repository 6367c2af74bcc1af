/**
 * The shared methods and the shared race on the HMM: every recorded evaluation is a pass over the
 * data, and the flip — with little persistence (p = ½, λ_max → 1) ECG beats EM by far, with strong
 * persistence (p = 0.99, λ_max small) EM needs no more passes than ECG. HMM_RACE_REPORT=1 prints the counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHmmRace, buildHmmExperiment, type HmmRaceSpec } from '../../src/engine/hmm/race';
import type { HmmModel } from '../../src/engine/hmm/model';
import { raceOnModel } from '../../src/engine/race';
import type { MethodRun, Race } from '../../src/engine/trace';
import type { MethodId } from '../../src/engine/types';
import { DEFAULT_STATE } from '../../src/experiment/schema';

const report: string[] = [];
afterAll(() => {
  if (process.env.HMM_RACE_REPORT) console.info(report.join('\n'));
});

const METHODS: MethodId[] = ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'];
// The methods' own settings (τ, burn-in, step sizes, …) at the experiment's defaults: a new key needs no edit here.
const spec = (over: Partial<HmmRaceSpec>): HmmRaceSpec => ({
  ...DEFAULT_STATE,
  n: 1000,
  sep: 2,
  vr: 1,
  p: 0.5,
  seed: 1,
  init: 1,
  start: null,
  floor: 1e-6,
  methods: METHODS,
  iters: 20000,
  tol: 1e-6,
  gtol: 1e-9,
  ...over,
});

const finish = (race: Race) => {
  while (race.advance(1000));
  return race;
};
/** E-steps until the gap L* − L first fell below `gap`, or null if it never did. */
function passesToGap(run: MethodRun, logLikStar: number, gap: number): number | null {
  return run.rows.find((r) => logLikStar - r.logLik < gap)?.evaluations ?? null;
}

describe('the flip: persistence makes EM fast (Δ = 2, T = 1000)', () => {
  it.each([1, 2, 3])('seed %i: ECG ≤ EM/5 passes at p = ½; EM ≤ ECG at p = 0.99', async (seed) => {
    const counts: Record<string, Record<string, number | null>> = {};
    for (const p of [0.5, 0.99]) {
      const race = finish(await createHmmRace(spec({ p, seed })));
      counts[p] = {};
      for (const run of race.runs) {
        counts[p][run.method] = passesToGap(run, race.optimum.logLik, 1e-6);
        expect(run.stop?.code.startsWith('converged'), `${run.method} at p = ${p}: ${run.stop?.message}`).toBe(true);
      }
      report.push(`seed ${seed} p ${p} λ_max ${race.optimum.eigenvalues[0].toFixed(4)}: ${JSON.stringify(counts[p])}`);
    }
    const [half, persistent] = [counts[0.5], counts[0.99]];
    expect(half.ecg! * 5).toBeLessThanOrEqual(half.em!);
    expect(persistent.em!).toBeLessThanOrEqual(persistent.ecg!);
  });
});

describe('evaluation accounting on the HMM', () => {
  /** Counts the passes over the data a model makes (and, as methods.test.ts does, trials refused by the domain). */
  function counting(model: HmmModel) {
    let n = 0;
    const wrapped: HmmModel = {
      ...model,
      estep: (t) => {
        n++;
        return model.estep(t);
      },
      domainError: (t) => {
        const err = model.domainError(t);
        if (err !== null) n++;
        return err;
      },
    };
    return { model: wrapped, passes: () => n };
  }

  it('newtonDirection and spectrum make exactly newtonPasses and spectrumPasses passes', () => {
    const x = buildHmmExperiment({ n: 500, sep: 2, vr: 1, p: 0.9, seed: 4, init: 1, start: null, floor: 1e-6 });
    const c = counting(x.model);
    let e = c.model.estep(x.init);
    for (let k = 0; k < 100; k++) e = c.model.estep(c.model.mstep(e));
    for (const [what, call, charge] of [
      ['newtonDirection', () => c.model.newtonDirection(e), x.model.newtonPasses],
      ['spectrum', () => c.model.spectrum(e), x.model.spectrumPasses],
    ] as const) {
      const before = c.passes();
      expect(call(), what).not.toBeNull();
      expect(c.passes() - before, what).toBe(charge);
    }
  });

  it.each(METHODS)('%s: the recorded evaluations equal the passes over the data, iteration by iteration', async (method) => {
    const x = buildHmmExperiment({ n: 400, sep: 2, vr: 1, p: 0.8, seed: 5, init: 2, start: null, floor: 1e-6 });
    const c = counting(x.model);
    const race = await raceOnModel(c.model, x.init, x.truth, spec({ methods: [method], iters: 300 }));
    const rows = race.runs[0].rows;
    while (!race.done) {
      const before = c.passes();
      const n = rows.length;
      race.advance(1);
      if (rows.length > n) expect(rows[n].evaluations - rows[n - 1].evaluations, `iteration ${n}`).toBe(c.passes() - before);
    }
    expect(race.runs[0].stop?.code.startsWith('converged'), race.runs[0].stop?.message).toBe(true);
  });
});
