/**
 * Over-relaxed EM (`relax`) and its adaptive form (`adarelax`) against the linear theory
 * (docs/theory.md §10.1): near θ* the error map is I − η(I − DM), so the observed error ratio is
 * ρ(η) = max |1 − η(1 − λ_i)|. Independent derivations on each side:
 *  - relax-rate.ts's ρ(η), η*, ρ* vs the spectral radius of the matrix I − η(I − DM) from the general
 *    eigen-solver, and vs a grid search over η;
 *  - the lane's observed ratio ‖e_{t+1}‖/‖e_t‖ vs ρ(η) from the spectrum at θ*.
 * Errors are θ − θ* in natural coordinates, labels aligned, measured in the I_oc(θ*) norm: DM is
 * self-adjoint there, so so is the error map, and at η* — where the slowest mode and the structural
 * zeros decay at the same |rate|, one of them flipping sign — the norm ratio is exactly ρ* instead of
 * beating around it as the Euclidean one does. ACCEL_TEST_REPORT=1 prints the measured numbers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { raceOnModel } from '../../src/engine/race';
import { optimalEta, optimalRelaxRate, relaxBound, relaxRate } from '../../src/engine/relax-rate';
import { GROWTH } from '../../src/engine/methods/adarelax';
import type { Dim } from '../../src/engine/types';
import { type Case, errors, findCase, last, spectralRadius } from './accel-cases';

const report: string[] = [];
afterAll(() => {
  if (process.env.ACCEL_TEST_REPORT) console.info(report.join('\n'));
});

/** I − η(I − DM), row-major. */
function relaxMatrix(dm: Float64Array, p: number, eta: number): Float64Array {
  return dm.map((x, k) => (k % (p + 1) === 0 ? 1 - eta * (1 - x) : eta * x));
}

/** Overlapping but not glacial: λ_max in [0.9, 0.98], so ρ(η) differs by several % between the η tried. */
const caseFor = (dim: Dim): Case =>
  dim === 1 ? findCase(1, [3, 3.25, 2.75, 3.5], 0.9, 0.98) : findCase(2, [3, 3.25, 2.75, 3.5, 2.5], 0.9, 0.98);

const race = (c: Case, methods: ('relax' | 'adarelax' | 'em')[], eta: number) =>
  raceOnModel(c.model, c.init, null, { ...c.state, methods, eta, tol: 1e-14, gtol: 1e-12, iters: 20_000 }, { optimum: c.optimum });

describe.each([1, 2] as const)('%iD: ρ(η), η* and ρ* from the spectrum', (dim) => {
  it('agree with the spectral radius of I − η(I − DM) and with a grid search over η', () => {
    const c = caseFor(dim);
    const p = c.model.p;
    const spectrum = c.optimum.eigenvalues;
    for (const eta of [0.25, 0.5, 1, 1.5, 1.9, optimalEta(spectrum)]) {
      expect(relaxRate(spectrum, eta)).toBeCloseTo(spectralRadius(relaxMatrix(c.dm, p, eta), p), 7);
    }
    // η* minimises ρ over a fine grid of (0, 2), and ρ(η*) = ρ*.
    let best = { eta: 0, rho: Infinity };
    for (let eta = 0.001; eta < 2; eta += 0.001) {
      const rho = spectralRadius(relaxMatrix(c.dm, p, eta), p);
      if (rho < best.rho) best = { eta, rho };
    }
    expect(Math.abs(best.eta - optimalEta(spectrum))).toBeLessThan(0.002);
    expect(relaxRate(spectrum, optimalEta(spectrum))).toBeCloseTo(optimalRelaxRate(spectrum), 12);
    expect(best.rho).toBeGreaterThanOrEqual(optimalRelaxRate(spectrum) - 1e-7);
    // Convergent iff η < 2/(1 − λ_min) = 2 (λ_min is a structural zero).
    expect(relaxBound(spectrum)).toBeCloseTo(2, 8);
    expect(relaxRate(spectrum, 1.999)).toBeLessThan(1);
    expect(relaxRate(spectrum, 2)).toBeCloseTo(1, 8);
    report.push(
      `${dim}D sep ${c.state.sep} seed ${c.state.seed}: λ_max ${c.lambdaMax.toFixed(5)}, η* ${optimalEta(spectrum).toFixed(4)}, ρ* ${optimalRelaxRate(spectrum).toFixed(5)}`,
    );
  });
});

describe.each([1, 2] as const)('%iD: the relax lane converges at the predicted rate', (dim) => {
  it.each(['0.5', '1', '1.5', 'η*'])('η = %s: median ‖e_{t+1}‖/‖e_t‖ late in the run is ρ(η) within 3 %', async (label) => {
    const c = caseFor(dim);
    const spectrum = c.optimum.eigenvalues;
    const eta = label === 'η*' ? optimalEta(spectrum) : Number(label);
    const r = await race(c, ['relax'], eta);
    while (r.advance(5000));
    const rows = r.runs[0].rows;
    const err = errors(c, rows);
    // The asymptotic window: far enough in for second-order terms to be negligible (‖e‖ < 1e-4), far
    // enough above the float64 floor of L for the ascent test to see every step (‖e‖ > 1e-6).
    const ratios: number[] = [];
    for (let k = 0; k + 1 < rows.length; k++) {
      if (err.euclid[k] < 1e-4 && err.euclid[k + 1] > 1e-6) {
        ratios.push(err.ioc[k + 1] / err.ioc[k]);
        expect(rows[k + 1].step, `iteration ${k + 1}: a step η < 2 near θ* never lowers L`).toBe('relax');
      }
    }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(20);
    const observed = ratios[ratios.length >> 1];
    const predicted = relaxRate(spectrum, eta);
    report.push(
      `${dim}D η = ${eta.toFixed(4)}: observed ${observed.toFixed(6)}, ρ(η) ${predicted.toFixed(6)} over ${ratios.length} ratios; ${last(rows).iteration} its`,
    );
    expect(Math.abs(observed / predicted - 1)).toBeLessThan(0.03);
    // Stronger, since ρ is near 1: iterations per decade, ln ρ, within 3 % too.
    expect(Math.abs(Math.log(observed) / Math.log(predicted) - 1)).toBeLessThan(0.03);
  });

  it('η = 1 is EM, row for row and bit for bit', async () => {
    const c = caseFor(dim);
    const r = await raceOnModel(
      c.model,
      c.init,
      null,
      { ...c.state, methods: ['em', 'relax'], eta: 1, iters: 3000 },
      { optimum: c.optimum },
    );
    while (r.advance(5000));
    const [em, relax] = r.runs;
    expect(relax.rows.length).toBe(em.rows.length);
    relax.rows.forEach((row, k) => {
      expect([row.evaluations, row.logLik]).toEqual([em.rows[k].evaluations, em.rows[k].logLik]);
      expect(Array.from(row.theta)).toEqual(Array.from(em.rows[k].theta));
    });
  });
});

describe('adaptive over-relaxation (Salakhutdinov & Roweis 2003)', () => {
  it.each([1, 2] as const)(
    '%iD: η starts at 1, grows ×GROWTH after an ascent, falls back to 1 with an EM step, and beats EM',
    async (dim) => {
      const c = caseFor(dim);
      const r = await race(c, ['em', 'adarelax'], 1.5);
      while (r.advance(5000));
      const [em, ada] = r.runs;
      const rows = ada.rows;
      expect(rows[1].extra?.eta).toBe(1);
      let rejections = 0;
      for (let k = 1; k + 1 < rows.length; k++) {
        const eta = rows[k].extra!.eta;
        const next = rows[k + 1].extra!.eta;
        if (rows[k].step === 'em') {
          rejections++;
          expect(next, `iteration ${k + 1}`).toBe(1);
          expect(rows[k].evaluations - rows[k - 1].evaluations, 'a rejected trial costs its E-step').toBe(eta === 1 ? 1 : 2);
        } else if (rows[k].logLik > rows[k - 1].logLik) expect(next).toBe(Math.min(1e8, eta * GROWTH));
        else expect(next).toBe(eta);
      }
      expect(rejections, 'the case exercises the fallback').toBeGreaterThan(2);
      const [emCost, adaCost] = [last(em.rows).evaluations, last(ada.rows).evaluations];
      report.push(`${dim}D adarelax: ${adaCost} E-steps to the float64 floor (EM ${emCost}), ${rejections} fallbacks`);
      expect(adaCost).toBeLessThan(emCost);
    },
  );
});
