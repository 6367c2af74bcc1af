#!/usr/bin/env node
// Runs a TypeScript entry (the CLI, the benchmark) under Node: bundles it with esbuild first, because
// tfjs-core's ES modules use directory imports that Node's own ESM loader refuses. ~0.5 s per run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
const outdir = join(root, 'node_modules', '.cache', 'em-lab');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
const result = await build({
  entryPoints: [join(root, entry)],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'], // tfjs' ES builds: its CJS node builds are excluded from sideEffects
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'error',
  // package.json's version, as vite.config.ts defines it for the app (src/experiment/provenance.ts).
  define: { __APP_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
});
// Written to a temporary file and renamed into place: runs started side by side (parallel test files)
// never execute a half-written bundle.
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents);
renameSync(tmp, outfile);
const r = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
