#!/usr/bin/env node
// `npm test`: type-check, lint (ESLint, Prettier), unit tests (Vitest), then browser tests (Playwright + system Chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `\nEM Lab's browser tests need Chromium at ${chromium}, and it is missing.\n` +
      `Install it with:  sudo apt-get install -y chromium   (Debian package "chromium")\n` +
      `or point CHROMIUM_PATH at an existing Chromium/Chrome binary.\n` +
      `Playwright's own browser download ("npx playwright install") is not used by this project.\n`,
  );
  process.exit(1);
}

const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npm', ['run', '--silent', 'lint']);
run('npx', ['vitest', 'run']);
run('npx', ['playwright', 'test']);
