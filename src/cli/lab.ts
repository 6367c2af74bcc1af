/**
 * Headless runner: `npm run --silent lab -- '<query string or share URL>' [--summary] [--csv] [--diagnostics] [--lenient]`,
 * or `npm run --silent lab -- sweep '<query>' …` for a sweep (sweep-command.ts).
 * Same engine, same codec as the app; prints the run document (or CSV traces) on stdout.
 * Exit 0 on success; exit 2 with a message on stderr for invalid input.
 */
import { createRace } from '../engine/race';
import { decodeQuery, formatRepair } from '../experiment/codec';
import { documentJson, runDocument, traceCsv } from '../experiment/document';
import { SWEEP_USAGE, sweepCommand } from './sweep-command';
import { isSweepWorker, serveSweepWorker } from './sweep-threads';

const USAGE = `usage: npm run --silent lab -- '<query string or share URL>' [--summary] [--csv] [--diagnostics] [--lenient]

  --summary      leave the data points out of the JSON document
  --csv          print the traces as CSV (one row per method and iteration) instead of JSON
  --diagnostics  add per-row gap L* − L and DM spectrum at θ, and each run's observed rates
  --lenient      run a query that needed repairs (clamped or defaulted values) instead of rejecting it

Example: npm run --silent lab -- 'v=1&dim=1&n=1000&sep=2.5&methods=em,ecg&iters=500' --summary
The query keys are documented in docs/url-keys.md.

${SWEEP_USAGE}`;

function fail(message: string): never {
  process.stderr.write(`em-lab: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'sweep') return sweepCommand(argv.slice(1), new URL(import.meta.url));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const positional = argv.filter((a) => !a.startsWith('--'));
  for (const f of flags) if (!['--summary', '--csv', '--diagnostics', '--lenient', '--help'].includes(f)) fail(`unknown option ${f}\n\n${USAGE}`);
  if (flags.has('--help')) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positional.length !== 1) fail(`expected exactly one query string or share URL, got ${positional.length}\n\n${USAGE}`);
  const { state, repairs } = decodeQuery(positional[0]);
  if (repairs.length > 0) {
    const list = repairs.map((r) => `  - ${formatRepair(r)}`).join('\n');
    if (!flags.has('--lenient')) fail(`the query needs repairs:\n${list}\nFix the query, or pass --lenient to run the repaired experiment.`);
    process.stderr.write(`em-lab: running the repaired query:\n${list}\n`);
  }
  let race;
  try {
    race = await createRace(state, { spectrum: flags.has('--diagnostics') });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  while (race.advance(1000));
  process.stdout.write(flags.has('--csv') ? traceCsv(race, state) : documentJson(runDocument(race, state, { summary: flags.has('--summary'), diagnostics: flags.has('--diagnostics') })));
}

// The sweep's worker threads run this same bundle (sweep-threads.ts).
if (isSweepWorker()) serveSweepWorker();
else main(process.argv.slice(2)).catch((err) => fail(err instanceof Error ? err.message : String(err)));
