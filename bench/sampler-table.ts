/**
 * `node scripts/run-ts.mjs bench/sampler-table.ts [--quick]`: ESS per data pass of every sampler against
 * λ_max, 1D, N = 1000 (data.ts, seed 1, π = ½, unit variances), means-only and full model; and the
 * crossover separation where each marginal sampler overtakes DA Gibbs (Gibbs gains as λ_max falls; the
 * marginal samplers, whitened by the mode's curvature, hardly depend on it).
 *
 * ESS is the rank-normalised bulk ESS of the slowest functional wᵀφ (4 chains × 5,000 draws after 1,000
 * of burn-in; chain seed 7), per pass after burn-in. HMC: L = 10. The crossover is interpolated linearly in
 * log(ESS ratio) between the grid's separations. Progress on stderr; the tables on stdout.
 */
import { generateData, truthTheta } from '../src/engine/data';
import { runChains } from '../src/engine/samplers/run-chains';
import { SAMPLER_IDS, type SamplerId } from '../src/engine/samplers/sampler';

const QUICK = process.argv.includes('--quick');
const N = 1000;
const DRAWS = QUICK ? 1000 : 5000;
const BURN = QUICK ? 300 : 1000;
const GRID = {
  means: QUICK ? [0.5, 1, 1.5, 2.5, 4] : [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6],
  full: QUICK ? [1.5, 2.5, 4, 6] : [1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 7],
};
const TABLE_SEPS = [1.5, 2.5, 4];
const progress = (m: string) => process.stderr.write(`table: ${m}\n`);

interface Row {
  sep: number;
  lambda: number;
  ess: Record<SamplerId, number>;
  gibbsLag1: number;
  maxRhat: number;
  switched: number;
}

function row(restriction: 'means' | 'full', sep: number): Row {
  const s = { dim: 1 as const, n: N, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed: 1 };
  const { setup, results } = runChains({
    data: generateData(s),
    dim: 1,
    restriction,
    known: truthTheta(s),
    samplers: SAMPLER_IDS,
    draws: DRAWS,
    burn: BURN,
    seed: 7,
    leap: 10,
  });
  const ess = {} as Record<SamplerId, number>;
  for (const r of results) ess[r.sampler] = r.summary.essPerPass ?? NaN;
  const g = results.find((r) => r.sampler === 'gibbs');
  return {
    sep,
    lambda: setup.lambdaMax ?? NaN,
    ess,
    gibbsLag1: g?.summary.lag1 ?? NaN,
    maxRhat: Math.max(...results.map((r) => r.summary.rhat ?? NaN)),
    switched: Math.max(...results.map((r) => r.summary.switchedFraction)),
  };
}

function crossover(rows: Row[], id: SamplerId): string {
  const lr = rows.map((r) => Math.log(r.ess[id] / r.ess.gibbs)); // > 0: the marginal sampler is ahead
  const cuts: string[] = [];
  for (let i = 0; i + 1 < rows.length; i++)
    if (Math.sign(lr[i]) !== Math.sign(lr[i + 1])) {
      const f = lr[i] / (lr[i] - lr[i + 1]);
      cuts.push((rows[i].sep + f * (rows[i + 1].sep - rows[i].sep)).toFixed(2));
    }
  if (cuts.length) return `${cuts.join(', ')}σ (${lr[0] > 0 ? id + ' ahead below' : 'Gibbs ahead below'})`;
  return lr[0] > 0 ? `none on the grid: ${id} ahead everywhere` : 'none on the grid: Gibbs ahead everywhere';
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');
for (const restriction of ['means', 'full'] as const) {
  const rows = GRID[restriction].map((sep) => {
    progress(`${restriction} ${sep}σ`);
    return row(restriction, sep);
  });
  console.log(
    `\n${restriction === 'means' ? 'Means-only (π = ½ and unit variances known)' : 'Full model (π, μ, v)'}, N = ${N}: bulk ESS of wᵀφ per pass`,
  );
  console.log(`| sep | λ_max | (1−λ)/(1+λ) | Gibbs lag-1 | ${SAMPLER_IDS.join(' | ')} | max R̂ | switched |`);
  console.log(`|---|---|---|---|${SAMPLER_IDS.map(() => '---').join('|')}|---|---|`);
  for (const r of rows) {
    const mark = TABLE_SEPS.includes(r.sep) ? '**' : '';
    console.log(
      `| ${mark}${r.sep}${mark} | ${fmt(r.lambda)} | ${fmt((1 - r.lambda) / (1 + r.lambda))} | ${fmt(r.gibbsLag1)} | ${SAMPLER_IDS.map((id) => fmt(r.ess[id])).join(' | ')} | ${r.maxRhat.toFixed(3)} | ${r.switched.toFixed(2)} |`,
    );
  }
  console.log('\nCrossover (where the marginal sampler and Gibbs have equal ESS per pass):');
  for (const id of SAMPLER_IDS.filter((i) => i !== 'gibbs')) console.log(`  ${id.padEnd(5)} ${crossover(rows, id)}`);
}
