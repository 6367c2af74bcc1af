/**
 * `node scripts/run-ts.mjs bench/hmm.ts`: the HMM engine's speed (issue 20).
 *
 *   1. ms per forward–backward pass (= one E-step) at T = 10⁵ and T = 10³, and per EM iteration,
 *      Newton direction and DM spectrum (12 passes each) at T = 10³: warm-up, then the median and min
 *      of 7 repetitions of enough calls to run ≥ 200 ms.
 *   2. The same pass as a plain C loop (bench/hmm-pass.c.ts), compiled on the spot with
 *      gcc -O3 -march=native in a temporary directory that is deleted afterwards, on the same data
 *      and θ; the ratio JS / C, and both logLiks (they must agree to ~1e-12).
 *
 * A benchmark, not a test: it asserts nothing. On a shared machine the min is the better estimate of
 * the uncontended speed; the load average is printed with the numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateHmmData, hmmTruthTheta } from '../src/engine/hmm/data';
import { createHmmModel } from '../src/engine/hmm/model';
import { HMM_PASS_C } from './hmm-pass.c';

const GCC_FLAGS = ['-O3', '-march=native'];
let sink = 0;

interface Timing {
  medianMs: number;
  minMs: number;
  calls: number;
}

function time(fn: () => number, warm = 10): Timing {
  for (let i = 0; i < warm; i++) sink += fn();
  const t0 = performance.now();
  sink += fn();
  const once = Math.max(performance.now() - t0, 1e-3);
  const calls = Math.max(1, Math.ceil(200 / once));
  const reps: number[] = [];
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    for (let k = 0; k < calls; k++) sink += fn();
    reps.push((performance.now() - s) / calls);
  }
  reps.sort((a, b) => a - b);
  return { medianMs: reps[3], minMs: reps[0], calls };
}

const fmt = (t: Timing) => `${t.medianMs.toFixed(3)} ms (min ${t.minMs.toFixed(3)})`;
const spec = (n: number) => ({ n, sep: 2, vr: 1, p: 0.9, seed: 1 });
const theta = hmmTruthTheta(spec(1));

console.log(
  `HMM engine benchmark — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`θ = [${Array.from(theta).join(', ')}] (the truth at sep 2, p 0.9)\n`);

const big = generateHmmData(spec(100_000));
const bigModel = createHmmModel(big);
const jsPass = time(() => bigModel.estep(theta).logLik);
const jsLogLik = bigModel.estep(theta).logLik;
console.log(`T = 10⁵: one forward–backward pass   ${fmt(jsPass)}   = ${((jsPass.medianMs / 1e5) * 1e6).toFixed(1)} ns/step`);

const small = createHmmModel(generateHmmData(spec(1000)));
const e = small.estep(theta);
console.log(`T = 10³: one pass                     ${fmt(time(() => small.estep(theta).logLik))}`);
console.log(`T = 10³: one EM iteration              ${fmt(time(() => small.estep(small.mstep(e)).logLik))}`);
console.log(`T = 10³: newtonDirection (${small.newtonPasses} passes)   ${fmt(time(() => small.newtonDirection(e)?.[0] ?? 0, 3))}`);
console.log(`T = 10³: spectrum (${small.spectrumPasses} passes)          ${fmt(time(() => small.spectrum(e)?.[0] ?? 0, 3))}`);

// The C loop: source and data in a temporary directory, removed whatever happens.
const dir = mkdtempSync(join(tmpdir(), 'hmm-bench-'));
try {
  const src = join(dir, 'pass.c');
  const bin = join(dir, 'pass');
  const dat = join(dir, 'y.f64');
  writeFileSync(src, HMM_PASS_C);
  writeFileSync(dat, new Uint8Array(big.buffer, big.byteOffset, big.byteLength));
  const gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  execFileSync('gcc', [...GCC_FLAGS, '-o', bin, src, '-lm']);
  const reps = String(Math.max(1, Math.ceil(200 / Math.max(jsPass.medianMs / 3, 0.05))));
  const out = execFileSync(bin, [dat, ...Array.from(theta, String), reps], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  const [cMedian, cMin, cLogLik] = out.map(Number);
  console.log(`\nC (${gcc}; gcc ${GCC_FLAGS.join(' ')} … -lm)`);
  console.log(
    `T = 10⁵: one pass                     ${cMedian.toFixed(3)} ms (min ${cMin.toFixed(3)})   = ${((cMedian / 1e5) * 1e6).toFixed(1)} ns/step`,
  );
  console.log(`ratio JS / C: ${(jsPass.medianMs / cMedian).toFixed(2)} (medians), ${(jsPass.minMs / cMin).toFixed(2)} (mins)`);
  console.log(
    `logLik JS ${jsLogLik}, C ${cLogLik}: relative difference ${(Math.abs(jsLogLik - cLogLik) / Math.abs(cLogLik)).toExponential(1)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (sink === 42) console.log(''); // keep the timed calls observable
