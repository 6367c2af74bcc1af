/**
 * The table of docs/methods.md, "Between EM and gradient": E-steps to the default stop (gap L* − L
 * below tol = 1e-9) of EM, ECG, the hybrid, SQUAREM and the methods between EM and gradient, at three
 * separations in 1D and 2D, N = 1000, with λ_max and η* = 2/(2 − λ_max) at θ*. `relax` runs at η*,
 * rounded to the eta key's 3 decimals so every cell is one CLI query away.
 *
 *   node scripts/run-ts.mjs bench/accel-table.ts [--seeds=1] [--seps=1,2.5,5]
 *
 * With several seeds each cell is the median over them and "(k✗)" counts the runs that did not reach
 * the gap tolerance (another maximum, the iteration cap, a failed line search).
 */
import { generateData, truthTheta } from '../src/engine/data';
import { initialTheta, varianceFloor } from '../src/engine/init';
import { methodLabel, type MethodId } from '../src/engine/methods/registry';
import { computeOptimum } from '../src/engine/optimum';
import { createModel, raceOnModel } from '../src/engine/race';
import { optimalEta } from '../src/engine/relax-rate';
import { BOUNDS, DEFAULT_STATE, roundTo } from '../src/experiment/schema';
import type { ExperimentState } from '../src/experiment/state';

const METHODS: MethodId[] = ['em', 'ecg', 'hybrid', 'squarem', 'relax', 'adarelax', 'jjcg', 'qn1', 'ecme'];
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const range = (s: string) =>
  s.split(',').flatMap((t) => {
    const [a, b] = t.split('-').map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
const seeds = range(arg('seeds', '1'));
const seps = arg('seps', '1,2.5,5').split(',').map(Number);

interface Cell {
  evaluations: number;
  converged: boolean;
}

async function run(dim: 1 | 2, sep: number, seed: number) {
  const base: ExperimentState = { ...DEFAULT_STATE, dim, sep, seed, n: 1000, iters: 100_000 };
  const data = generateData(base);
  const model = createModel(dim, data, varianceFloor(base, data));
  const init = initialTheta(base, data).theta;
  const optimum = computeOptimum(model, init, truthTheta(base));
  const eta = Math.min(BOUNDS.eta.max, roundTo(BOUNDS.eta.precision, optimalEta(optimum.eigenvalues)));
  const state = { ...base, methods: METHODS, eta };
  const race = await raceOnModel(model, init, truthTheta(base), state, { optimum });
  while (race.advance(10_000));
  const cells = race.runs.map((r): Cell => ({
    evaluations: r.rows[r.rows.length - 1].evaluations,
    converged: r.stop?.code === 'converged-gap',
  }));
  return { lambda: optimum.eigenvalues[0], eta, cells };
}

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

const head = ['dim', 'sep', 'λ_max', 'η*', ...METHODS.map((m) => (m === 'relax' ? 'relax (η*)' : m))];
console.log(`| ${head.join(' | ')} |`);
console.log(`| ${head.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
for (const dim of [1, 2] as const)
  for (const sep of seps) {
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    for (const seed of seeds) runs.push(await run(dim, sep, seed));
    const one = runs.length === 1;
    const lam = one ? runs[0].lambda.toFixed(4) : `${median(runs.map((r) => r.lambda)).toFixed(4)}`;
    const eta = one ? runs[0].eta.toFixed(3) : median(runs.map((r) => r.eta)).toFixed(3);
    const cells = METHODS.map((_, m) => {
      const cs = runs.map((r) => r.cells[m]);
      const failed = cs.filter((c) => !c.converged).length;
      const value = String(median(cs.map((c) => c.evaluations)));
      return failed === 0 ? value : one ? `${value}✗` : `${value} (${failed}✗)`;
    });
    console.log(`| ${dim}D | ${sep} | ${lam} | ${eta} | ${cells.join(' | ')} |`);
  }
console.log(
  `\nE-steps to gap < 1e-9, N = 1000, seed${seeds.length > 1 ? `s ${arg('seeds', '1')} (medians)` : ` ${seeds[0]}`}; ✗: did not reach the gap tolerance.`,
);
console.log(`Methods: ${METHODS.map((m) => `${m} = ${methodLabel(m)}`).join(', ')}.`);
