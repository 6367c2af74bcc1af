/**
 * `npm run bench:sweep [-- --json] [-- --runs=3] [-- --workers=N] [-- --query='…']`: wall time of the
 * default sweep (10 separations × 50 replicates × EM, ECG, hybrid, SQUAREM at N = 500; the issue's
 * target is ≤ 10 s on 2 cores) on the CLI's worker_threads pool, as `npm run lab -- sweep` runs it
 * (pool start-up included, bundling excluded), `runs` times for the spread; plus the per-cell cost
 * (CPU ms per data set, measured inside the workers) and E-steps per second.
 * A benchmark, not a test: it asserts nothing. Other work on a shared machine inflates the numbers.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultThreads, isSweepWorker, serveSweepWorker, startThreads } from '../src/cli/sweep-threads';
import type { CellResult } from '../src/engine/sweep-cell';
import { decodeQuery } from '../src/experiment/codec';
import { decodeSweep } from '../src/experiment/sweep/codec';
import { cellTasks, planSweep, slowestFirst } from '../src/experiment/sweep/plan';
import { runPool } from '../src/experiment/sweep/pool';

async function main(argv: string[]): Promise<void> {
  let runs = 3;
  let workers = defaultThreads();
  let query = 'v=1';
  let json = false;
  for (const a of argv) {
    const m = /^--(runs|workers|query)=(.+)$/.exec(a);
    if (a === '--json') json = true;
    else if (m?.[1] === 'runs') runs = Math.max(1, Number(m[2]));
    else if (m?.[1] === 'workers') workers = Math.max(1, Number(m[2]));
    else if (m?.[1] === 'query') query = m[2];
    else {
      console.error(
        `bench:sweep: unknown option ${a}\nusage: npm run bench:sweep [-- --json] [-- --runs=3] [-- --workers=N] [-- --query='…']`,
      );
      process.exit(2);
    }
  }
  const plan = planSweep(decodeQuery(query).state, decodeSweep(query).spec);
  const tasks = slowestFirst(cellTasks(plan)).map((p) => p.task);
  const load = loadavg()[0];
  const results: { wallS: number; cpuS: number | null; esteps: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const pool = startThreads(Math.min(workers, tasks.length), new URL(import.meta.url));
    let esteps = 0;
    await runPool(tasks, pool.cell, (_i, c: CellResult) => {
      for (const run of c.runs) esteps += run.spent;
    });
    const wallS = (performance.now() - t0) / 1000;
    const cpu = await pool.cpuSeconds();
    await pool.close();
    const cpuS = cpu.every((x) => x !== null) ? (cpu as number[]).reduce((a, b) => a + b, 0) : null;
    results.push({ wallS, cpuS, esteps });
    process.stderr.write(
      `bench:sweep: run ${r + 1}/${runs}: ${wallS.toFixed(2)} s wall, ${cpuS?.toFixed(2) ?? '?'} s CPU in the workers\n`,
    );
  }
  const walls = results.map((x) => x.wallS).sort((a, b) => a - b);
  const summary = {
    query: plan.query,
    cells: tasks.length,
    runsPerCell: plan.spec.methods.length,
    workers: Math.min(workers, tasks.length),
    loadAverage1m: load,
    wallSeconds: walls,
    medianWallSeconds: walls[walls.length >> 1],
    msPerCell: (1000 * walls[0] * Math.min(workers, tasks.length)) / tasks.length,
    /** CPU seconds the worker threads used per sweep (Linux only), and the wall time that would take on 2 idle cores. */
    workerCpuSeconds: results.map((x) => x.cpuS),
    idle2CoreSeconds: results.every((x) => x.cpuS !== null) ? Math.min(...results.map((x) => x.cpuS!)) / 2 : null,
    estepsPerRun: results[0].esteps,
    targetSeconds: 10,
  };
  if (json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    [
      `Sweep benchmark — ${summary.cells} cells (${plan.seps.length} separations × ${plan.seeds.length} replicates) × ` +
        `${plan.spec.methods.join(', ')} at N = ${plan.spec.n}, ${summary.workers} worker threads, load average ${load.toFixed(2)} at start`,
      `wall time per sweep (pool start-up included): ${walls.map((w) => w.toFixed(2)).join(', ')} s ` +
        `(min ${walls[0].toFixed(2)}, median ${summary.medianWallSeconds.toFixed(2)}; target ≤ ${summary.targetSeconds} s on 2 cores)`,
      `per cell (one data set: θ*, λ_max and ${summary.runsPerCell} runs): ${summary.msPerCell.toFixed(1)} ms of a worker's time (from the fastest sweep)`,
      `E-steps charged per sweep: ${summary.estepsPerRun} (${(summary.estepsPerRun / walls[0] / 1e3).toFixed(0)} k/s)`,
      `CPU time in the worker threads per sweep: ${summary.workerCpuSeconds.map((c) => c?.toFixed(2) ?? '?').join(', ')} s ` +
        `→ ≈ ${summary.idle2CoreSeconds?.toFixed(2) ?? '?'} s of wall time on 2 otherwise idle cores (min CPU / 2, start-up excluded)`,
      '',
    ].join('\n'),
  );
}

if (isSweepWorker()) serveSweepWorker();
else
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
