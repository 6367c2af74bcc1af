/**
 * `npm run bench` (after bench/engine.ts), or `node scripts/run-ts.mjs bench/fused.ts [--json]`: the fused
 * E-step at N = 10⁶ in 1D and 2D (issue 16 §3): ms per pass for the scalar TypeScript path and the WebAssembly
 * SIMD kernel (src/engine/wasm), beside
 *   - the same pass in C (bench/mixture-pass.c.ts), written and compiled with gcc on the spot in a temporary
 *     directory (deleted afterwards), with -O3 -march=native -ffast-math (vectorised) and without -ffast-math;
 *   - scikit-learn's GaussianMixture (one EM iteration, its E-step and M-step), if python3 can import it.
 * Same data (DEFAULT_STATE at sep = 2) and θ (five EM iterations from the start) everywhere; the log-likelihoods
 * are printed to show that every program computed the same thing.
 *
 * A benchmark, not a test: it asserts nothing. On a shared machine the min is the better estimate of the
 * uncontended speed; ratios are given for medians and for minima.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateData } from '../src/engine/data';
import { initialTheta, varianceFloor } from '../src/engine/init';
import { createModel1D } from '../src/engine/model1d';
import { createModel2D } from '../src/engine/model2d';
import type { MixtureModel, Theta } from '../src/engine/types';
import { estepModule, KERNEL_MIN_N, type EStepPath } from '../src/engine/wasm/estep-kernel';
import { DEFAULT_STATE } from '../src/experiment/schema';
import { MIXTURE_PASS_C } from './mixture-pass.c';
import { SKLEARN_ITERATION_PY } from './sklearn-iteration.py';

const JSON_OUT = process.argv.includes('--json');
const N = 1_000_000;
const C_FLAGS = { fast: ['-O3', '-march=native', '-ffast-math'], strict: ['-O3', '-march=native'] };
const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
let sink = 0;

/** ms per pass: wall clock, and the process's CPU time (which leaves out the time the OS gave to others). */
interface Timing {
  medianMs: number;
  minMs: number;
  cpuMedianMs: number;
  cpuMinMs: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Warm-up of ≥ 300 ms, then 7 repetitions of enough passes to run ≥ 200 ms each. */
function timePasses(fn: () => number): Timing {
  let calls = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < 300 || calls < 3) {
    sink += fn();
    calls++;
  }
  const k = Math.max(1, Math.ceil((220 * calls) / (performance.now() - w0)));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    for (let i = 0; i < k; i++) sink += fn();
    wall.push((performance.now() - t0) / k);
    cpu.push((cpuMs() - c0) / k);
  }
  return { medianMs: median(wall), minMs: Math.min(...wall), cpuMedianMs: median(cpu), cpuMinMs: Math.min(...cpu) };
}

interface CRun extends Timing {
  flags: string;
  logLik: number;
}

interface Case {
  dim: 1 | 2;
  n: number;
  scalar: Timing & { logLik: number };
  kernel: (Timing & { logLik: number; identical: boolean }) | null;
  c: CRun[];
  sklearn: (Timing & { logLik: number }) | null;
}

function model(dim: 1 | 2, data: Float64Array, floor: number, estepPath: EStepPath): MixtureModel {
  return dim === 1 ? createModel1D(data, { varianceFloor: floor, estepPath }) : createModel2D(data, { varianceFloor: floor, estepPath });
}

const same = (a: number, b: number) => Object.is(a, b);

function runCase(dim: 1 | 2, dir: string, bins: { flags: string; bin: string }[], sklearn: boolean): Case {
  const state = { ...DEFAULT_STATE, dim, n: N, sep: 2 };
  const data = generateData(state);
  const floor = varianceFloor(state, data);
  const scalarModel = model(dim, data, floor, 'scalar');
  let theta: Theta = initialTheta(state, data).theta;
  for (let k = 0; k < 5; k++) theta = scalarModel.mstep(scalarModel.estep(theta));
  const ref = scalarModel.estep(theta);
  progress(`${dim}D N = 1e6: scalar path`);
  const scalar = { ...timePasses(() => scalarModel.estep(theta).logLik), logLik: ref.logLik };
  let kernel: Case['kernel'] = null;
  if (estepModule()) {
    progress(`${dim}D N = 1e6: WebAssembly kernel`);
    const kernelModel = model(dim, data, floor, 'wasm');
    const e = kernelModel.estep(theta);
    const identical =
      same(e.logLik, ref.logLik) &&
      same(e.entropy, ref.entropy) &&
      same(e.R1, ref.R1) &&
      same(e.R2, ref.R2) &&
      e.stats.every((v, i) => same(v, ref.stats[i]));
    kernel = { ...timePasses(() => kernelModel.estep(theta).logLik), logLik: e.logLik, identical };
  }
  const file = join(dir, `x${dim}.f64`);
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const reps = String(Math.max(1, Math.ceil(200 / Math.max(0.5, (kernel ?? scalar).minMs / 4))));
  const c = bins.map(({ flags, bin }) => {
    progress(`${dim}D N = 1e6: C ${flags}`);
    const [medianMs, minMs, cpuMedianMs, cpuMinMs, logLik] = execFileSync(bin, [String(dim), file, reps, ...Array.from(theta, String)], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/)
      .map(Number);
    return { flags, medianMs, minMs, cpuMedianMs, cpuMinMs, logLik };
  });
  let sk: Case['sklearn'] = null;
  if (sklearn) {
    progress(`${dim}D N = 1e6: scikit-learn`);
    const r = spawnSync('python3', ['-c', SKLEARN_ITERATION_PY, file, String(dim), ...Array.from(theta, String)], { encoding: 'utf8' });
    const [medianMs, minMs, cpuMedianMs, cpuMinMs, logLik] = r.stdout.trim().split(/\s+/).map(Number);
    if (r.status === 0 && Number.isFinite(cpuMinMs)) sk = { medianMs, minMs, cpuMedianMs, cpuMinMs, logLik };
    else progress(`scikit-learn run failed: ${r.stderr.trim().split('\n').pop()}`);
  }
  return { dim, n: N, scalar, kernel, c, sklearn: sk };
}

// Several models first, as the app makes them (one per race): while only one model closure exists, V8
// specialises the optimised scalar estep to it, which runs ~15–20% faster than what later models get
// (bench/engine.ts) and would flatter the scalar path.
progress('warm-up');
for (const dim of [1, 2] as const)
  for (let k = 0; k < 3; k++) {
    const state = { ...DEFAULT_STATE, dim, n: 2000, sep: 2 };
    const data = generateData(state);
    const m = model(dim, data, varianceFloor(state, data), 'scalar');
    const theta = initialTheta(state, data).theta;
    for (let i = 0; i < 50; i++) sink += m.estep(theta).logLik;
  }

const dir = mkdtempSync(join(tmpdir(), 'em-lab-fused-'));
const cases: Case[] = [];
let gcc = 'gcc unavailable';
const probe = spawnSync('python3', ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], { encoding: 'utf8' });
const sklearn = probe.status === 0;
const sklearnNote = sklearn
  ? `scikit-learn ${probe.stdout.trim()}`
  : 'scikit-learn is not importable here (python3 -c "import sklearn" failed): not run';
try {
  const src = join(dir, 'pass.c');
  writeFileSync(src, MIXTURE_PASS_C);
  const bins: { flags: string; bin: string }[] = [];
  try {
    gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    for (const [name, flags] of Object.entries(C_FLAGS)) {
      const bin = join(dir, `pass-${name}`);
      execFileSync('gcc', [...flags, '-o', bin, src, '-lm']);
      bins.push({ flags: flags.join(' '), bin });
    }
  } catch (err) {
    progress(`no C reference: ${(err as Error).message.split('\n')[0]}`);
  }
  for (const dim of [1, 2] as const) cases.push(runCase(dim, dir, bins, sklearn));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load ${loadavg()[0].toFixed(2)}`;
if (JSON_OUT) {
  process.stdout.write(
    JSON.stringify({ schema: 'em-lab/bench-fused@1', machine, gcc, sklearn: sklearnNote, kernelMinN: KERNEL_MIN_N, cases }, null, 2) + '\n',
  );
} else {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const t = (x: Timing) => `${f(x.medianMs)} ms (min ${f(x.minMs)}; CPU ${f(x.cpuMedianMs)}, min ${f(x.cpuMinMs)})`;
  const ratio = (a: Timing, b: Timing) =>
    `${f(a.medianMs / b.medianMs)}× (mins ${f(a.minMs / b.minMs)}×; CPU-time mins ${f(a.cpuMinMs / b.cpuMinMs)}×)`;
  const out = [
    '',
    `6. The fused E-step at N = 10⁶, ms per pass — ${machine}`,
    `   the kernel serves models of N ≥ ${KERNEL_MIN_N} where WebAssembly SIMD is available; ${gcc}; ${sklearnNote}`,
  ];
  for (const k of cases) {
    out.push('', `   ${k.dim}D`, `     scalar TypeScript   ${t(k.scalar)}   logLik ${k.scalar.logLik}`);
    if (k.kernel)
      out.push(
        `     WebAssembly SIMD    ${t(k.kernel)}   logLik ${k.kernel.logLik}: ${k.kernel.identical ? 'bit-identical to' : 'DIFFERS from'} the scalar path`,
        `     kernel vs scalar    ${ratio(k.scalar, k.kernel)} faster`,
      );
    else out.push('     WebAssembly SIMD    unavailable in this Node');
    const engine = k.kernel ?? k.scalar;
    for (const c of k.c)
      out.push(
        `     C ${c.flags.padEnd(30)} ${t(c)}   logLik ${c.logLik} (relative ${(Math.abs(c.logLik - engine.logLik) / Math.abs(c.logLik)).toExponential(1)})`,
        `       engine / C        ${ratio(engine, c)}${c.flags.includes('fast-math') ? ' (target ≤ 3×)' : ''}`,
        `       scalar path / C   ${ratio(k.scalar, c)}`,
      );
    if (k.sklearn)
      out.push(
        `     scikit-learn, one EM iteration   ${t(k.sklearn)}   logLik ${k.sklearn.logLik}`,
        `       scikit-learn / engine          ${ratio(k.sklearn, engine)}`,
      );
  }
  process.stdout.write(out.join('\n') + '\n');
}
if (sink === 42) process.stderr.write('\n'); // keeps the timed calls observable
