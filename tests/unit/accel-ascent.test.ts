/**
 * The methods between EM and gradient ascend: with their safeguards no step lowers L, down into the
 * float64 floor of L, and nothing they record is NaN or ±Infinity. (Their E-step accounting, pass by
 * pass, is checked with the other methods' in methods.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createRace } from '../../src/engine/build';
import { stateWith } from '../query';

const METHODS = ['relax', 'adarelax', 'jjcg', 'qn1', 'ecme'] as const;

/** Every number a trace row holds, finite. */
const finiteRow = (row: object): boolean =>
  Object.values(row).every((v) =>
    typeof v === 'number'
      ? Number.isFinite(v)
      : ArrayBuffer.isView(v)
        ? Array.from(v as Float64Array).every(Number.isFinite)
        : v && typeof v === 'object'
          ? finiteRow(v)
          : true,
  );

describe('ascent: the methods between EM and gradient never lower L', () => {
  it.each([
    [1, 1],
    [1, 3],
    [2, 1.5],
    [2, 4],
  ] as const)('%iD sep %s, run into the float64 floor of L', async (dim, sep) => {
    const race = await createRace(stateWith({ dim, sep, n: 500, methods: [...METHODS], eta: 1.8, iters: 5000, tol: 1e-14, gtol: 1e-12 }));
    while (race.advance(5000));
    for (const r of race.runs) {
      const rows = r.rows;
      // It ends at a maximum: EM's, or a higher one (relax jumps to one at 2D sep 4), or on the float64
      // floor where no line-search trial can raise L any more.
      expect(r.stop?.code, r.method).toMatch(/^converged|^other-stationary-point$|^line-search-failed$/);
      expect(r.stop?.message).not.toMatch(/NaN|Infinity/);
      for (let k = 1; k < rows.length; k++) {
        expect(finiteRow(rows[k]), `${r.method} row ${k}`).toBe(true);
        const drop = rows[k - 1].logLik - rows[k].logLik;
        // An accepted over-relaxed, quasi-Newton or line-search step was checked against L itself: never
        // lower. An EM step (the fallback, ECME's M-step) is not checked, and at the float64 floor L is
        // noise: up to the floor the log-likelihood panel shades, max(1e-12, 64 ε |L|) (docs/theory.md §12.5).
        const noise =
          rows[k].step === 'em' || rows[k].step === 'ecme' ? Math.max(1e-12, 64 * Number.EPSILON * Math.abs(rows[k - 1].logLik)) : 0;
        expect(drop, `${r.method} iteration ${k} (${rows[k].step})`).toBeLessThanOrEqual(noise);
      }
    }
  });
});
