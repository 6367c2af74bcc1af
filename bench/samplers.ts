/**
 * `node scripts/run-ts.mjs bench/samplers.ts [--json]`: timings of the Sampler mode's engine.
 *
 *   1. DA Gibbs: ms for 10⁴ sweeps at N = 2000 (1D full model, target ≤ 1 s; also 1D means-only and 2D full),
 *      and ns per point-sweep. Warm-up, then the median and min of 5 repetitions.
 *   2. Per-pass cost of every sampler at N = 2000 (1D full model, sep 2.5): wall time of 2,000 iterations
 *      after a 500-iteration burn-in, divided by the passes they cost (the best of three rounds); and passes
 *      per iteration.
 *   3. The setup (mode, curvature, Bayesian DM) at N = 2000.
 *
 * A benchmark, not a test: it asserts nothing. The machine may be shared; the min is the better estimate
 * of the uncontended speed.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateData, truthTheta } from '../src/engine/data';
import { createChain, type ChainRecipe } from '../src/engine/samplers/chain-factory';
import { prepare, type ChainSetSpec } from '../src/engine/samplers/run-chains';
import { SAMPLER_IDS, type SamplerId } from '../src/engine/samplers/sampler';
import type { Dim } from '../src/engine/types';

const JSON_OUT = process.argv.includes('--json');
const progress = (m: string) => process.stderr.write(`bench: ${m}\n`);
let sink = 0;

const dataSpec = (dim: Dim, n: number, sep: number) => ({ dim, n, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed: 1 });

function recipeOf(spec: ChainSetSpec): ChainRecipe {
  const s = prepare(spec);
  return { target: s.target, prior: s.prior, whitened: s.whitened, seed: spec.seed, burn: spec.burn, leap: spec.leap ?? 10, dispersion: 0 };
}

function timeIt(reps: number, f: () => void): { medianMs: number; minMs: number } {
  f(); // warm-up
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { medianMs: t[t.length >> 1], minMs: t[0] };
}

const out: Record<string, unknown> = { cpus: cpus().length, cpu: cpus()[0]?.model, load: loadavg()[0] };

// 1. Gibbs sweeps.
const gibbs: Record<string, unknown>[] = [];
for (const [dim, restriction] of [
  [1, 'full'],
  [1, 'means'],
  [2, 'full'],
] as const) {
  const n = 2000;
  const ds = dataSpec(dim, n, 2.5);
  const spec: ChainSetSpec = {
    data: generateData(ds),
    dim,
    restriction,
    known: truthTheta(ds),
    samplers: ['gibbs'],
    draws: 0,
    burn: 0,
    seed: 1,
  };
  const recipe = recipeOf(spec);
  progress(`gibbs ${dim}D ${restriction}`);
  const sweeps = 10_000;
  const t = timeIt(5, () => {
    const c = createChain(recipe, 'gibbs', 0);
    for (let i = 0; i < sweeps; i++) sink += c.step().theta[1];
  });
  gibbs.push({ dim, restriction, n, sweeps, ...t, nsPerPoint: (t.minMs * 1e6) / (sweeps * n) });
}
out.gibbs = gibbs;

// 2. Per-pass cost of every sampler.
const perPass: Record<string, unknown>[] = [];
{
  const n = 2000;
  const spec: ChainSetSpec = {
    data: generateData(dataSpec(1, n, 2.5)),
    dim: 1,
    samplers: SAMPLER_IDS,
    draws: 2000,
    burn: 500,
    seed: 1,
    leap: 10,
  };
  const t0 = performance.now();
  const recipe = recipeOf(spec);
  out.setupMs = performance.now() - t0;
  const best = new Map<SamplerId, { ms: number; passes: number }>();
  // Three rounds over all samplers (the first also warms the JIT for the E-step they share); the min per sampler.
  for (let round = 0; round < 3; round++)
    for (const id of SAMPLER_IDS as SamplerId[]) {
      progress(`per pass: ${id} (round ${round + 1})`);
      const c = createChain(recipe, id, 0);
      for (let i = 0; i < 500; i++) c.step();
      let passes = 0;
      const t1 = performance.now();
      for (let i = 0; i < 2000; i++) {
        const r = c.step();
        passes += r.passes;
        sink += r.theta[1];
      }
      const ms = performance.now() - t1;
      const prev = best.get(id);
      if (!prev || ms / passes < prev.ms / prev.passes) best.set(id, { ms, passes });
    }
  for (const id of SAMPLER_IDS as SamplerId[]) {
    const { ms, passes } = best.get(id) as { ms: number; passes: number };
    perPass.push({
      sampler: id,
      n,
      iterations: 2000,
      passes,
      passesPerIteration: passes / 2000,
      ms,
      usPerPass: (ms * 1000) / passes,
      nsPerPointPass: (ms * 1e6) / (passes * n),
    });
  }
}
out.perPass = perPass;

if (JSON_OUT) console.log(JSON.stringify(out, null, 2));
else {
  console.log(`Sampler engine benchmark (${out.cpu}, ${out.cpus} cores, load ${(out.load as number).toFixed(2)})\n`);
  console.log('1. DA Gibbs, 10^4 sweeps at N = 2000 (target <= 1000 ms for 1D full):');
  for (const g of gibbs)
    console.log(
      `   ${g.dim}D ${String(g.restriction).padEnd(5)}  median ${(g.medianMs as number).toFixed(0)} ms, min ${(g.minMs as number).toFixed(0)} ms  (${(g.nsPerPoint as number).toFixed(1)} ns per point-sweep)`,
    );
  console.log(
    `\n2. Per-pass cost at N = 2000, 1D full model, sep 2.5 (setup: mode + curvature + DM ${(out.setupMs as number).toFixed(0)} ms):`,
  );
  console.log('   sampler  passes/iter   us/pass   ns/(point·pass)');
  for (const p of perPass)
    console.log(
      `   ${String(p.sampler).padEnd(7)}  ${(p.passesPerIteration as number).toFixed(2).padStart(10)}  ${(p.usPerPass as number).toFixed(1).padStart(8)}  ${(p.nsPerPointPass as number).toFixed(1).padStart(10)}`,
    );
}
if (sink === 42) console.log('');
