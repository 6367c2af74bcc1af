/**
 * `node scripts/run-ts.mjs bench/hmm-table.ts [--seeds]`: the numbers of docs/hmm.md.
 *
 * For the stay probability p ∈ {0.5, 0.7, 0.9, 0.95, 0.99} at sep Δ = 2, T = 1000, vr = 1, init
 * seed 1, floor 1e-6 and data seeds 1, 2, 3: λ_max of DM at θ* (SEM), the posterior entropy H at θ*
 * (the hybrid's switching signal), the slow eigenvector's shares
 * in the I_oc norm (transitions / means / variances: hmm/slow-mode.ts), and the E-steps (passes over
 * the data, as the race records them) each method needs until the gap L* − L first falls below 1e-6.
 * Each column is the median over the three seeds on its own. --seeds prints every seed's row too.
 * Deterministic: the same numbers on every run and machine.
 */
import { buildHmmExperiment } from '../src/engine/hmm/race';
import { slowMode } from '../src/engine/hmm/slow-mode';
import { computeOptimum } from '../src/engine/optimum';
import { raceOnModel } from '../src/engine/race';
import type { RunSettings } from '../src/engine/spec';
import type { MethodId } from '../src/engine/types';
import { DEFAULT_STATE } from '../src/experiment/schema';

const PS = [0.5, 0.7, 0.9, 0.95, 0.99];
const SEEDS = [1, 2, 3];
const METHODS: MethodId[] = ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'];
const GAP = 1e-6;
// The methods' own settings at the experiment's defaults (a new key needs no edit here).
const SETTINGS: RunSettings = {
  ...DEFAULT_STATE,
  methods: METHODS,
  iters: 50_000,
  tol: GAP,
  gtol: 1e-12,
};
const showSeeds = process.argv.includes('--seeds');

interface Row {
  lambda: number;
  /** Normalised posterior entropy at θ* (the hybrid's switching signal). */
  entropy: number;
  shares: [number, number, number];
  passes: Record<MethodId, number | null>;
}

async function cell(p: number, seed: number): Promise<Row> {
  const x = buildHmmExperiment({ n: 1000, sep: 2, vr: 1, p, seed, init: 1, start: null, floor: 1e-6 });
  const optimum = computeOptimum(x.model, x.init, x.truth);
  const atStar = x.model.estep(optimum.theta);
  const mode = slowMode(x.model, atStar);
  const race = await raceOnModel(x.model, x.init, x.truth, SETTINGS, { optimum });
  while (race.advance(1000));
  const passes = {} as Record<MethodId, number | null>;
  for (const run of race.runs) passes[run.method] = run.rows.find((r) => optimum.logLik - r.logLik < GAP)?.evaluations ?? null;
  return {
    lambda: optimum.eigenvalues[0],
    entropy: atStar.entropy,
    shares: mode ? [mode.transitions, mode.means, mode.variances] : [NaN, NaN, NaN],
    passes,
  };
}

const median = (xs: (number | null)[]): number | null => {
  if (xs.some((x) => x === null)) return null; // a seed that never got there: no honest median
  const v = (xs as number[]).slice().sort((a, b) => a - b);
  return v[v.length >> 1];
};
const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(3));
const f4 = (x: number | null) => (x === null ? '—' : x.toFixed(4));
const n0 = (x: number | null) => (x === null ? '—' : String(x));

const header = `| p | λ_max | H(θ*) | slow mode: transitions / means / variances | ${METHODS.join(' | ')} |`;
const rule = `|---|---|---|---|${METHODS.map(() => '---').join('|')}|`;
const lines = [header, rule];
const seedLines = [header.replace('| p |', '| p, seed |'), rule];
for (const p of PS) {
  const rows: Row[] = [];
  for (const seed of SEEDS) {
    const r = await cell(p, seed);
    rows.push(r);
    seedLines.push(
      `| ${p}, ${seed} | ${f4(r.lambda)} | ${f3(r.entropy)} | ${r.shares.map(f3).join(' / ')} | ${METHODS.map((m) => n0(r.passes[m])).join(' | ')} |`,
    );
  }
  const shares = [0, 1, 2].map((i) => f3(median(rows.map((r) => r.shares[i])))).join(' / ');
  const passes = METHODS.map((m) => n0(median(rows.map((r) => r.passes[m]))));
  lines.push(
    `| ${p} | ${f4(median(rows.map((r) => r.lambda)))} | ${f3(median(rows.map((r) => r.entropy)))} | ${shares} | ${passes.join(' | ')} |`,
  );
}
console.log(
  `HMM, Δ = 2, T = 1000, vr = 1, init 1, floor 1e-6; medians over data seeds ${SEEDS.join(', ')}; E-steps to a gap < ${GAP.toExponential()}\n`,
);
console.log(lines.join('\n'));
if (showSeeds) console.log(`\n${seedLines.join('\n')}`);
