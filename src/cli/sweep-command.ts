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
import { defaultThreads, startThreads } from './sweep-threads';

export const SWEEP_USAGE = `usage: npm run --silent lab -- sweep '<query string or share URL>' [--csv] [--lenient] [--workers=N]

  --csv        print one CSV row per separation, replicate and method instead of the JSON document
  --lenient    run a query that needed repairs instead of rejecting it
  --workers=N  worker threads (default: one per core)

Sweep keys (defaults): swsep=0.5,5,10 (from,to,count) swreps=50 swcap=5000 swtol=1e-8
swm=em,ecg,hybrid,squarem swn=500; everything else (dim, w, vr, seed, init, tau, …) is the experiment's.
Example: npm run --silent lab -- sweep 'v=1&dim=1&swsep=1,5,3&swreps=8&swn=300'`;

function fail(message: string): never {
  process.stderr.write(`em-lab: ${message}\n`);
  process.exit(2);
}

export async function sweepCommand(argv: string[], entry: URL): Promise<void> {
  const flags = argv.filter((a) => a.startsWith('--'));
  const positional = argv.filter((a) => !a.startsWith('--'));
  let workers = defaultThreads();
  for (const f of flags) {
    const m = /^--workers=(\d+)$/.exec(f);
    if (m) workers = Number(m[1]);
    else if (!['--csv', '--lenient', '--help'].includes(f)) fail(`unknown option ${f}\n\n${SWEEP_USAGE}`);
  }
  if (flags.includes('--help')) {
    process.stdout.write(SWEEP_USAGE + '\n');
    return;
  }
  if (!(workers >= 1 && workers <= 256)) fail(`--workers must be between 1 and 256`);
  if (positional.length !== 1) fail(`expected exactly one query string or share URL, got ${positional.length}\n\n${SWEEP_USAGE}`);

  const exp = decodeQuery(positional[0]);
  const sw = decodeSweep(positional[0]);
  const repairs = [...exp.repairs, ...sw.repairs];
  if (repairs.length > 0) {
    const list = repairs.map((r) => `  - ${formatRepair(r)}`).join('\n');
    if (!flags.includes('--lenient')) fail(`the query needs repairs:\n${list}\nFix the query, or pass --lenient to run the repaired sweep.`);
    process.stderr.write(`em-lab: running the repaired sweep:\n${list}\n`);
  }

  const plan = planSweep(exp.state, sw.spec);
  const placed = slowestFirst(cellTasks(plan));
  const grid = emptyGrid(plan);
  const pool = startThreads(Math.min(workers, placed.length), entry);
  const tty = process.stderr.isTTY;
  let done = 0;
  try {
    await runPool(
      placed.map((p) => p.task),
      pool.cell,
      (i, result: CellResult) => {
        grid[placed[i].sepIndex][placed[i].rep] = result;
        if (tty && ++done % 10 === 0) process.stderr.write(`\rsweep: ${done}/${placed.length} cells`);
      },
    );
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    if (tty) process.stderr.write('\r\x1b[K');
    await pool.close();
  }
  const doc = sweepDocument(plan, grid, APP_VERSION);
  process.stdout.write(flags.includes('--csv') ? sweepCsv(doc) : sweepJson(doc));
}
