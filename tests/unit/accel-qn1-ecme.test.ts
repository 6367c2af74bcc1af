/**
 * QN1 (Jamshidian & Jennrich 1997) and ECME (Liu & Rubin 1994) in the race (docs/theory.md §11.2–11.3).
 *  - QN1: several-fold fewer E-steps than EM where λ_max > 0.97; its safeguard (EM step and A = −I
 *    when L would drop) is what makes it work: without it the same iteration lowers L, leaves the
 *    domain or stalls, on the same cases.
 *  - ECME: its observed error ratio never exceeds EM's λ_max, the rate from the spectrum at θ*, and
 *    it needs no more iterations than EM.
 * ACCEL_TEST_REPORT=1 prints the measured numbers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator';
import { qn1Stepper } from '../../src/engine/methods/qn1';
import { raceOnModel } from '../../src/engine/race';
import type { EStep } from '../../src/engine/types';
import { type Case, errors, findCase, last, setup, windowMedian } from './accel-cases';

const report: string[] = [];
afterAll(() => {
  if (process.env.ACCEL_TEST_REPORT) console.info(report.join('\n'));
});

const raceOf = async (c: Case, methods: ('em' | 'qn1' | 'ecme')[], over: { tol?: number; gtol?: number } = {}) => {
  const race = await raceOnModel(c.model, c.init, null, { ...c.state, methods, iters: 50_000, ...over }, { optimum: c.optimum });
  while (race.advance(5000));
  return race;
};

describe('QN1', () => {
  it.each([
    [1, [1, 1.5, 2]],
    [2, [2.5, 2, 1.5]],
  ] as const)('%iD, λ_max > 0.97: at least 3× fewer E-steps than EM', async (dim, seps) => {
    const c = findCase(dim, [...seps], 0.97, 1);
    const race = await raceOf(c, ['em', 'qn1']);
    for (const r of race.runs) expect(r.stop?.code, r.method).toBe('converged-gap');
    const [em, qn1] = race.runs.map((r) => last(r.rows).evaluations);
    const fallbacks = race.runs[1].rows.filter((r) => r.step === 'em').length;
    report.push(
      `${dim}D sep ${c.state.sep} (λ_max ${c.lambdaMax.toFixed(4)}): EM ${em}, QN1 ${qn1} E-steps (${(em / qn1).toFixed(1)}×), ${fallbacks} fallbacks`,
    );
    expect(3 * qn1).toBeLessThanOrEqual(em);
  });

  it('without its fallback L falls in every case, and the iteration fails in most (1D and 2D, seeds 1–3)', () => {
    // Overlapping cases, the ones QN1 is for (the docs' table reports the same comparison).
    let failures = 0;
    for (const dim of [1, 2] as const)
      for (const seed of [1, 2, 3]) {
        const c = setup(dim, dim === 1 ? 1 : 2.5, seed);
        const run = (fallback: boolean) => {
          const ev = new Evaluator(c.model);
          ev.count = 1;
          const step = qn1Stepper(c.model, ev, c.model.estep(c.init), { fallback });
          let e: EStep = c.model.estep(c.init);
          let drops = 0;
          for (let it = 0; it < 2000; it++) {
            if (c.optimum.logLik - e.logLik < 1e-9) return { ok: true, evals: ev.count, drops };
            const out = step();
            if (out.stop) return { ok: false, evals: ev.count, drops, why: out.stop.code };
            if (out.e.logLik < e.logLik) drops++;
            e = out.e;
          }
          return { ok: false, evals: ev.count, drops, why: 'no convergence in 2000 iterations' };
        };
        const [safe, bare] = [run(true), run(false)];
        report.push(
          `${dim}D seed ${seed}: QN1 ${safe.evals} E-steps; without the fallback ${bare.ok ? `${bare.evals} E-steps` : `fails (${bare.why})`}, L fell ${bare.drops} times`,
        );
        expect(safe.ok).toBe(true);
        expect(safe.drops).toBe(0);
        expect(bare.drops).toBeGreaterThan(0);
        if (!bare.ok) failures++;
      }
    expect(failures).toBeGreaterThanOrEqual(4);
  });
});

describe('ECME', () => {
  it.each([
    [1, 1],
    [1, 2.5],
    [1, 4],
    [2, 1],
    [2, 2.5],
    [2, 4],
  ] as const)("%iD sep %s: its rate never exceeds EM's λ_max, and it needs no more iterations", async (dim, sep) => {
    const c = setup(dim, sep);
    const race = await raceOf(c, ['em', 'ecme'], { tol: 1e-13, gtol: 1e-12 });
    const [em, ecme] = race.runs;
    // Median ‖e_{t+1}‖/‖e_t‖ (Euclidean, natural coordinates, labels aligned) in the asymptotic window.
    const ratio = (rows: typeof em.rows) => windowMedian(errors(c, rows).euclid, 1e-8, 1e-4);
    const [rEm, rEcme] = [ratio(em.rows), ratio(ecme.rows)];
    report.push(
      `${dim}D sep ${sep}: λ_max ${c.lambdaMax.toFixed(5)}, EM ratio ${rEm.median.toFixed(5)} (${last(em.rows).iteration} its), ` +
        `ECME ratio ${rEcme.median.toFixed(5)} (${last(ecme.rows).iteration} its, ${last(ecme.rows).evaluations} E-steps)`,
    );
    expect(rEcme.count).toBeGreaterThan(5);
    expect(Math.abs(rEm.median / c.lambdaMax - 1)).toBeLessThan(1e-3); // the window is asymptotic
    expect(rEcme.median).toBeLessThanOrEqual(c.lambdaMax * (1 + 1e-4));
    expect(last(ecme.rows).iteration).toBeLessThanOrEqual(last(em.rows).iteration);
  });
});
