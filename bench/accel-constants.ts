/**
 * How the constants of the methods between EM and gradient were chosen (docs/methods.md): E-steps to
 * gap < 1e-9 for variants of each, over seeds and separations, N = 1000.
 *  - adarelax: η's growth factor after an ascent (1.1, 1.5, 2, 3);
 *  - jjcg: the line search's curvature parameter σ (EM direction / conjugate direction) and Powell's
 *    restart test;
 *  - qn1: with and without its fallback (EM step and A = −I where L would drop).
 *
 *   node scripts/run-ts.mjs bench/accel-constants.ts [--seeds=1-10] [--seps=1,2.5,6]
 *
 * Each cell: median E-steps over the seeds, a run that did not get there (a stop, or 20,000 iterations)
 * counting as ∞; "(k✗)" says how many did not.
 */
import { generateData, truthTheta } from '../src/engine/data';
import { Evaluator } from '../src/engine/evaluator';
import { initialTheta, varianceFloor } from '../src/engine/init';
import { adaRelaxStepper } from '../src/engine/methods/adarelax';
import { jjcgStepper, type LineSearch } from '../src/engine/methods/jjcg';
import { strongWolfe } from '../src/engine/methods/linesearch';
import type { StepOutcome } from '../src/engine/methods/optimizer';
import { qn1Stepper } from '../src/engine/methods/qn1';
import { computeOptimum } from '../src/engine/optimum';
import { createModel } from '../src/engine/race';
import type { EStep, LatentModel } from '../src/engine/types';
import { DEFAULT_STATE } from '../src/experiment/schema';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const range = (s: string) =>
  s.split(',').flatMap((t) => {
    const [a, b] = t.split('-').map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
const seeds = range(arg('seeds', '1-10'));
const seps = arg('seps', '1,2.5,6').split(',').map(Number);

type Make = (model: LatentModel, ev: Evaluator, e0: EStep) => () => StepOutcome;
const search =
  (sigmaEM: number, sigmaCG: number): LineSearch =>
  (ev, phi, e, g, d, em) =>
    strongWolfe(ev, phi, e, g, d, 1, { sigma: em ? sigmaEM : sigmaCG });
const EM: Make = (model, _ev, e0) => {
  let e = e0;
  return () => {
    e = _ev.at(model.mstep(e))!;
    return { e, kind: 'em' };
  };
};
const VARIANTS: [string, Make][] = [
  ['EM', EM],
  ['adarelax ×1.1', (m, ev, e0) => adaRelaxStepper(m, ev, e0, 1.1)],
  ['adarelax ×1.5', (m, ev, e0) => adaRelaxStepper(m, ev, e0, 1.5)],
  ['adarelax ×2 (used)', (m, ev, e0) => adaRelaxStepper(m, ev, e0, 2)],
  ['adarelax ×3', (m, ev, e0) => adaRelaxStepper(m, ev, e0, 3)],
  ['jjcg σ 0.1, Powell', (m, ev, e0) => jjcgStepper(m, ev, e0, { search: search(0.1, 0.1) })],
  ['jjcg σ 0.5, Powell', (m, ev, e0) => jjcgStepper(m, ev, e0, { search: search(0.5, 0.5) })],
  ['jjcg σ 0.7/0.5, Powell (used)', (m, ev, e0) => jjcgStepper(m, ev, e0)],
  ['jjcg σ 0.7/0.5, no Powell', (m, ev, e0) => jjcgStepper(m, ev, e0, { powell: Infinity })],
  ['jjcg σ 0.9, Powell', (m, ev, e0) => jjcgStepper(m, ev, e0, { search: search(0.9, 0.9) })],
  ['qn1 (used)', (m, ev, e0) => qn1Stepper(m, ev, e0)],
  ['qn1 without fallback', (m, ev, e0) => qn1Stepper(m, ev, e0, { fallback: false })],
];

const cols: string[] = [];
const results = VARIANTS.map(() => [] as string[]);
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
for (const dim of [1, 2] as const)
  for (const sep of seps) {
    cols.push(`${dim}D ${sep}σ`);
    const per = VARIANTS.map(() => ({ costs: [] as number[], failed: 0 }));
    for (const seed of seeds) {
      const s = { ...DEFAULT_STATE, dim, sep, seed, n: 1000 };
      const data = generateData(s);
      const model = createModel(dim, data, varianceFloor(s, data));
      const init = initialTheta(s, data).theta;
      const opt = computeOptimum(model, init, truthTheta(s));
      VARIANTS.forEach(([, make], v) => {
        const ev = new Evaluator(model);
        ev.count = 1;
        let e: EStep = model.estep(init);
        const step = make(model, ev, e);
        let ok = false;
        for (let it = 0; it < 20_000; it++) {
          if (opt.logLik - e.logLik < 1e-9) {
            ok = true;
            break;
          }
          const out = step();
          if (out.stop) break;
          e = out.e;
        }
        per[v].costs.push(ok ? ev.count : Infinity);
        if (!ok) per[v].failed++;
      });
    }
    per.forEach((p, v) => {
      const m = median(p.costs);
      results[v].push(`${Number.isFinite(m) ? m : '∞'}${p.failed ? ` (${p.failed}✗)` : ''}`);
    });
  }
console.log(`| variant | ${cols.join(' | ')} |`);
console.log(`| --- | ${cols.map(() => '---:').join(' | ')} |`);
VARIANTS.forEach(([name], v) => console.log(`| ${name} | ${results[v].join(' | ')} |`));
console.log(`\nMedian E-steps to gap < 1e-9 over seeds ${arg('seeds', '1-10')}, N = 1000; ✗: did not get there (counted as ∞).`);
