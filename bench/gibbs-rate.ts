/**
 * `node scripts/run-ts.mjs bench/gibbs-rate.ts`: the long version of tests/unit/sampler-gibbs-rate.test.ts.
 * DA Gibbs, 1D, N = 500 (data.ts, π = ½, unit variances), 4 chains × 20,000 sweeps after 2,000 of burn-in,
 * data seeds 1–3: the lag-1 autocorrelation of the slowest functional against λ_max (means-only: DM at the
 * MLE; full: the Bayesian DM at the posterior mode), the chain's own largest lag-1 over all linear functionals,
 * and the bulk ESS per pass against (1 − λ)/(1 + λ).
 */
import { generateData, truthTheta } from '../src/engine/data';
import { meansLambdaAtMle } from '../src/engine/samplers/gibbs-rate';
import { runChains } from '../src/engine/samplers/run-chains';

const f = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
for (const restriction of ['means', 'full'] as const) {
  console.log(
    `\n${restriction === 'means' ? 'Means-only' : 'Full model'}: | sep | seed | λ_max | lag-1 | lag-1 − λ | max lag-1 | ESS/pass | (1−λ)/(1+λ) | ratio | switched | R̂ |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const sep of restriction === 'means' ? [1.5, 2, 3, 4] : [1.5, 2, 2.5, 3, 4])
    for (const seed of [1, 2, 3]) {
      process.stderr.write(`gibbs-rate: ${restriction} ${sep}σ seed ${seed}\n`);
      const s = { dim: 1 as const, n: 500, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed };
      const known = truthTheta(s);
      const { setup, results } = runChains({
        data: generateData(s),
        dim: 1,
        restriction,
        known,
        samplers: ['gibbs'],
        draws: 20000,
        burn: 2000,
        seed: 100 + seed,
      });
      const lam = (restriction === 'means' ? meansLambdaAtMle(setup, known) : setup.lambdaMax) as number;
      const r = results[0].summary;
      const pred = (1 - lam) / (1 + lam);
      console.log(
        `| ${sep} | ${seed} | ${f(lam)} | ${f(r.lag1)} | ${f((r.lag1 as number) - lam, 3)} | ${f(r.lag1Max)} | ${f(r.essPerPass)} | ${f(pred)} | ${f((r.essPerPass as number) / pred, 3)} | ${r.switchedFraction.toFixed(2)} | ${f(r.rhat, 3)} |`,
      );
    }
}
