/**
 * Headless runner: `npm run --silent lab -- '<query string or share URL>' [--summary] [--csv] [--diagnostics] [--lenient] [--progress]`,
 * or `npm run --silent lab -- sweep '<query>' …` for a sweep (sweep-command.ts).
 * Same engine, same codec as the app; prints the run document (or CSV traces) on stdout.
 * Exit 0 on success; exit 2 with a message on stderr for invalid input.
 */
import { createRace } from '../engine/build';
import type { Race } from '../engine/trace';
import { decodeQuery, formatRepair } from '../experiment/codec';
import { documentJson, runDocument, traceCsv } from '../experiment/document';
import { UsageError, parseArgs } from './args';
import { CHAINS_FLAGS, chainsCommand } from './chains';
import { ANNOUNCE_S, duration, grouped, probeEStepMs, progressReporter } from './estimate';
import { SWEEP_USAGE, sweepCommand } from './sweep-command';
import { isSweepWorker, serveSweepWorker } from './sweep-threads';

const USAGE = `usage: npm run --silent lab -- '<query string or share URL>' [--summary] [--csv] [--diagnostics] [--lenient] [--progress] [--dry-run]

  --summary      leave the data points out of the JSON document
  --csv          print the traces as CSV (one row per method and iteration) instead of JSON
  --diagnostics  add per-row gap L* − L and DM spectrum at θ, and each run's observed rates
  --lenient      run a query that needed repairs (clamped or defaulted values) instead of rejecting it
  --progress     report progress on stderr about once a second (the default on a terminal)
  --dry-run      print the size of the work and an estimate of its time on stderr, and run nothing
  --draws        mode=sample: list every draw of every chain in the chains document

Example: npm run --silent lab -- 'v=1&dim=1&n=1000&sep=2.5&methods=em,ecg&iters=500' --summary
Sampler mode: npm run --silent lab -- 'v=1&sep=2&mode=sample&free=means&draws=1000' --summary (docs/sampling.md)
The default experiment is 'v=1'. The query keys are documented in docs/url-keys.md.

${SWEEP_USAGE}`;

function fail(message: string): never {
  process.stderr.write(`em-lab: ${message}\n`);
  process.exit(2);
}

/** E-steps a method is assumed to need before anything is known of the overlap (the estimate is rough, and says so). */
const TYPICAL_ESTEPS = 400;

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'sweep') return sweepCommand(argv.slice(1), new URL(import.meta.url));
  let args;
  try {
    args = parseArgs(argv, ['--summary', '--csv', '--diagnostics', '--lenient', '--progress', '--dry-run', ...CHAINS_FLAGS]);
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n\n${USAGE}`);
    throw e;
  }
  if (args === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const { flags } = args;
  const { state, repairs } = decodeQuery(args.query);
  if (repairs.length > 0) {
    const list = repairs.map((r) => `  - ${formatRepair(r)}`).join('\n');
    if (!flags.has('--lenient'))
      fail(`the query needs repairs:\n${list}\nFix the query, or pass --lenient to run the repaired experiment.`);
    process.stderr.write(`em-lab: running the repaired query:\n${list}\n`);
  }
  if (state.mode === 'sample') {
    if (flags.has('--diagnostics')) fail('--diagnostics is for the race (mode=race); a chains document always has its diagnostics');
    const text = chainsCommand(state, flags);
    if (text !== null) process.stdout.write(text);
    return;
  }
  if (flags.has('--draws')) fail('--draws is for mode=sample (the race has traces, not draws)');

  const estepMs = probeEStepMs(state);
  const expected = (estepMs * TYPICAL_ESTEPS * (state.methods.length + 1)) / 1000;
  if (expected > ANNOUNCE_S || flags.has('--dry-run'))
    process.stderr.write(
      `em-lab: N = ${grouped(state.n)}, ${state.methods.length} method${state.methods.length === 1 ? '' : 's'}, at most ${grouped(state.iters)} iterations each; ` +
        `one E-step takes ${estepMs.toPrecision(2)} ms here, so roughly ${duration(expected)} (θ* first; more where the components overlap)\n`,
    );
  if (flags.has('--dry-run')) return;
  const progress = progressReporter(flags.has('--progress') || (expected > ANNOUNCE_S && process.stderr.isTTY));
  const t0 = performance.now();
  const elapsed = () => duration((performance.now() - t0) / 1000);
  let race: Race;
  try {
    progress.report('computing θ* (EM to convergence, then Newton)…', true);
    race = await createRace(state, { spectrum: flags.has('--diagnostics') });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  progress.report(`θ* found after ${elapsed()}; running the methods…`, true);
  // In steps of 50 iterations, so progress can be told between them.
  while (race.advance(50)) {
    const at = race.runs.map((r) => `${r.method} ${r.stop ? 'done' : `it ${r.rows.length - 1}`}`).join(', ');
    progress.report(`${elapsed()}: ${at}`);
  }
  progress.done();
  process.stdout.write(
    flags.has('--csv')
      ? traceCsv(race, state)
      : documentJson(runDocument(race, state, { summary: flags.has('--summary'), diagnostics: flags.has('--diagnostics') })),
  );
}

// The sweep's worker threads run this same bundle (sweep-threads.ts).
if (isSweepWorker()) serveSweepWorker();
else main(process.argv.slice(2)).catch((err) => fail(err instanceof Error ? err.message : String(err)));
