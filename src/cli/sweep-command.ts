/**
 * `npm run --silent lab -- sweep '<query>' [--csv] [--lenient] [--workers=N]`: runs a sweep (the
 * experiment keys plus the sw* keys of src/experiment/sweep/codec.ts) on a worker_threads pool and
 * prints the sweep document (JSON) or its rows (CSV). Exit 2 with a message for invalid input.
 */
import { APP_VERSION } from '../experiment/provenance';
import type { CellResult } from '../engine/sweep-cell';
import { decodeQuery, formatRepair } from '../experiment/codec';
import { decodeSweep } from '../experiment/sweep/codec';
import { emptyGrid, sweepCsv, sweepDocument, sweepJson } from '../experiment/sweep/document';
import { cellTasks, planSweep, slowestFirst } from '../experiment/sweep/plan';
import { runPool } from '../experiment/sweep/pool';
import { UsageError, parseArgs } from './args';
import { ANNOUNCE_S, duration, grouped, probeEStepMs, progressReporter } from './estimate';
import { defaultThreads, startThreads } from './sweep-threads';

export const SWEEP_USAGE = `usage: npm run --silent lab -- sweep '<query string or share URL>' [--csv] [--lenient] [--workers=N] [--progress] [--dry-run]

  --csv        print one CSV row per separation, replicate and method instead of the JSON document
  --lenient    run a query that needed repairs instead of rejecting it
  --workers=N  worker threads, a whole number from 1 to 256 (default: one per core)
  --progress   report progress on stderr about once a second (the default on a terminal)
  --dry-run    print the size of the work and an estimate of its time on stderr, and run nothing

Sweep keys (defaults): swsep=0.5,5,10 (from,to,count) swreps=50 swcap=5000 swtol=1e-8
swm=em,ecg,hybrid,squarem swn=500; everything else (dim, w, vr, seed, init, tau, …) is the experiment's.
Example: npm run --silent lab -- sweep 'v=1&dim=1&swsep=1,5,3&swreps=8&swn=300' (the default sweep: 'v=1')`;

function fail(message: string): never {
  process.stderr.write(`em-lab: ${message}\n`);
  process.exit(2);
}

/** E-steps a run is assumed to need, capped by the sweep's cap (the estimate is rough and says so). */
const TYPICAL_ESTEPS = 400;

export async function sweepCommand(argv: string[], entry: URL): Promise<void> {
  let args;
  try {
    args = parseArgs(argv, ['--csv', '--lenient', '--progress', '--dry-run'], { '--workers': { int: { min: 1, max: 256 } } });
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n\n${SWEEP_USAGE}`);
    throw e;
  }
  if (args === 'help') {
    process.stdout.write(SWEEP_USAGE + '\n');
    return;
  }
  const { flags } = args;
  const workers = args.options.get('--workers') ?? defaultThreads();

  const exp = decodeQuery(args.query);
  const sw = decodeSweep(args.query);
  const repairs = [...exp.repairs, ...sw.repairs];
  if (repairs.length > 0) {
    const list = repairs.map((r) => `  - ${formatRepair(r)}`).join('\n');
    if (!flags.has('--lenient')) fail(`the query needs repairs:\n${list}\nFix the query, or pass --lenient to run the repaired sweep.`);
    process.stderr.write(`em-lab: running the repaired sweep:\n${list}\n`);
  }

  const plan = planSweep(exp.state, sw.spec);
  const placed = slowestFirst(cellTasks(plan));
  const threads = Math.min(workers, placed.length);
  const { spec } = plan;
  const estepMs = probeEStepMs({ ...exp.state, n: spec.n, sep: plan.seps[Math.floor(plan.seps.length / 2)] });
  const perCell = (spec.methods.length + 1) * Math.min(spec.cap, TYPICAL_ESTEPS);
  const expected = (estepMs * perCell * placed.length) / threads / 1000;
  if (expected > ANNOUNCE_S || flags.has('--dry-run'))
    process.stderr.write(
      `em-lab: sweep of ${grouped(placed.length)} data sets (${plan.seps.length} separations × ${grouped(spec.reps)} replicates), ` +
        `${spec.methods.length} methods, N = ${grouped(spec.n)}, cap ${grouped(spec.cap)} E-steps, ${threads} worker${threads === 1 ? '' : 's'}; ` +
        `one E-step takes ${estepMs.toPrecision(2)} ms here, so roughly ${duration(expected)} (more where the components overlap)\n`,
    );
  if (flags.has('--dry-run')) return;
  const progress = progressReporter(flags.has('--progress') || (expected > ANNOUNCE_S && process.stderr.isTTY));
  const grid = emptyGrid(plan);
  const pool = startThreads(threads, entry);
  const t0 = performance.now();
  let done = 0;
  try {
    await runPool(
      placed.map((p) => p.task),
      pool.cell,
      (i, result: CellResult) => {
        grid[placed[i].sepIndex][placed[i].rep] = result;
        done++;
        const s = (performance.now() - t0) / 1000;
        progress.report(
          `sweep: ${done}/${placed.length} data sets after ${duration(s)}, about ${duration((s / done) * (placed.length - done))} to go`,
        );
      },
    );
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    progress.done();
    await pool.close();
  }
  const doc = sweepDocument(plan, grid, APP_VERSION);
  process.stdout.write(flags.has('--csv') ? sweepCsv(doc) : sweepJson(doc));
}
