#!/usr/bin/env node
// `npm run bench [-- --json] [-- --all-lanes]`: the engine benchmark (bench/engine.ts), the fused E-step at
// N = 10⁶ against C and scikit-learn (bench/fused.ts), then the default sweep's wall time on the
// worker_threads pool (bench/sweep.ts). Options go to the engine benchmark; --json goes to all three.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (entry, entryArgs) => {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', entry, ...entryArgs], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('bench/engine.ts', args);
run(
  'bench/fused.ts',
  args.filter((a) => a === '--json'),
);
run(
  'bench/sweep.ts',
  args.filter((a) => a === '--json'),
);
