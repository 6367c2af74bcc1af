/** `npm run docs:keys`: rewrites the key table of docs/url-keys.md from src/experiment/keys.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withKeyTable } from '../src/experiment/key-docs';

// run-ts bundles this file elsewhere: paths are relative to the project root, where npm runs scripts.
const path = 'docs/url-keys.md';
const before = readFileSync(path, 'utf8');
const after = withKeyTable(before);
writeFileSync(path, after);
console.log(before === after ? 'docs/url-keys.md: key table already up to date' : 'docs/url-keys.md: key table rewritten');
