/** Runs `npm run lab` the way a user does (the esbuild-bundled CLI), for the CLI tests. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runLab(args: string[], timeout = 60_000): Result {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/lab.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
