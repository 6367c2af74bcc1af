/**
 * The methods between EM and gradient on the second model family, the two-state Gaussian HMM: they
 * use only the LatentModel interface, so the same code races there. Where persistence is low (p = ½,
 * λ_max near 1) the accelerators need several times fewer forward–backward passes than EM; where it
 * is high (p = 0.99, λ_max small) they stay close to EM; and over-relaxation converges at ρ(η) from the
 * HMM's own DM spectrum at θ*. ACCEL_TEST_REPORT=1 prints the counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildHmmExperiment, createHmmRace, type HmmRaceSpec } from '../../src/engine/hmm/race';
import { raceOnModel } from '../../src/engine/race';
import { relaxRate } from '../../src/engine/relax-rate';
import type { MethodId } from '../../src/engine/types';
import { last, windowMedian } from './accel-cases';
import { DEFAULT_STATE } from '../../src/experiment/schema';

const report: string[] = [];
afterAll(() => {
  if (process.env.ACCEL_TEST_REPORT) console.info(report.join('\n'));
});

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
  methods: ['em'],
  iters: 20_000,
  tol: 1e-6,
  gtol: 1e-9,
  ...over,
});

const ACCEL: MethodId[] = ['adarelax', 'jjcg', 'qn1'];

describe('the HMM (T = 1000, means 2σ apart)', () => {
  it.each([
    ['p = 0.5 (λ_max near 1): adarelax, JJ-CG and QN1 need at least 3× fewer passes than EM', 0.5, 3, Infinity],
    ['p = 0.99 (λ_max small): they need at most 1.5× EM’s passes', 0.99, 0, 1.5],
  ] as const)('%s', async (_title, p, fewer, more) => {
    const race = await createHmmRace(spec({ p, methods: ['em', ...ACCEL] }));
    while (race.advance(5000));
    const cost = (m: MethodId) => last(race.runs.find((r) => r.method === m)!.rows).evaluations;
    report.push(
      `p ${p} (λ_max ${race.optimum.eigenvalues[0].toFixed(4)}): ${race.runs.map((r) => `${r.method} ${cost(r.method)}`).join(', ')}`,
    );
    for (const r of race.runs) expect(r.stop?.code, r.method).toBe('converged-gap');
    for (const m of ACCEL) {
      expect(fewer * cost(m), m).toBeLessThanOrEqual(cost('em'));
      expect(cost(m), m).toBeLessThanOrEqual(more * cost('em'));
    }
  });

  // η where the slowest mode is λ_max's, so a short window sees one clean ratio (at η = 1.5 two modes of
  // |rate| 0.5 and 0.4, one flipping sign, beat in the Euclidean norm for longer than the window lasts).
  it.each([0.75, 1.25])('p = 0.9, η = %s: relax converges at ρ(η) of the HMM’s spectrum, within 3 %', async (eta) => {
    const s = spec({ p: 0.9, methods: ['relax'], eta, tol: 1e-14, gtol: 1e-12 });
    const x = buildHmmExperiment(s);
    const race = await raceOnModel(x.model, x.init, x.truth, s);
    while (race.advance(5000));
    const star = race.optimum.theta;
    // θ − θ* with the lane's labels aligned to θ*'s (the likelihood cannot tell the two states apart)
    const dist = (t: ArrayLike<number>) => Math.hypot(...Array.from(t, (v, i) => v - star[i]));
    const err = race.runs[0].rows.map((r) => Math.min(dist(r.theta), dist(x.model.swapLabels(r.theta))));
    const { median, count } = windowMedian(err, 1e-7, 1e-3);
    const predicted = relaxRate(race.optimum.eigenvalues, eta);
    report.push(`HMM p 0.9, η ${eta}: observed ${median.toFixed(5)} over ${count} ratios, ρ(η) ${predicted.toFixed(5)}`);
    expect(count).toBeGreaterThan(5);
    expect(Math.abs(median / predicted - 1)).toBeLessThan(0.03);
  });
});
