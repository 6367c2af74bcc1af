/**
 * Provenance (src/experiment/provenance.ts): the app version the bundler puts in, the seeds, and the
 * CSV comment line read back. The version is compared with package.json read here, independently.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeQuery } from '../../src/experiment/codec';
import { APP_VERSION, parseProvenanceComment, provenance, provenanceComment, seedsOf } from '../../src/experiment/provenance';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { queryWith } from '../query';

const PACKAGE_VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

describe('provenance', () => {
  it('APP_VERSION is package.json’s version (Vite define reaches the tests too)', () => {
    expect(APP_VERSION).toBe(PACKAGE_VERSION);
  });

  it('seeds: the data seed always; the start seed only when no explicit start overrides it', () => {
    expect(seedsOf({ seed: 12, init: 34, start: null })).toEqual({ data: 12, init: 34 });
    expect(seedsOf({ seed: 12, init: 34, start: [0.5, -1, 1, 1, 1] })).toEqual({ data: 12, init: null });
  });

  it('carries the canonical query of the state, so the file reproduces the run', () => {
    const q = queryWith({ dim: 2, n: 200, sep: 4, w: 0.4, vr: 1.5, seed: 2, init: 5, methods: ['em', 'adam'], iters: 30, lr: 0.1 });
    const p = provenance('x/y@1', decodeQuery(q).state);
    expect(p).toEqual({ schema: 'x/y@1', app: PACKAGE_VERSION, seeds: { data: 2, init: 5 }, query: q });
  });
});

describe('CSV provenance comment', () => {
  it('is one `#` line that reads back to the same provenance, for any seeds and start', () => {
    const seed = fc.integer({ min: 0, max: 2147483647 });
    fc.assert(
      fc.property(seed, seed, fc.boolean(), fc.integer({ min: 10, max: 5000 }), (data, init, explicit, n) => {
        const state = { ...DEFAULT_STATE, seed: data, init, n, start: explicit ? [0.3, -1, 2, 0.5, 1.5] : null };
        const p = provenance('em-lab/traces-csv@1', state);
        const line = provenanceComment(p);
        expect(line.startsWith('# ')).toBe(true);
        expect(line).not.toMatch(/[\n\r]/);
        expect(parseProvenanceComment(line)).toEqual(p);
        expect(p.seeds.init).toBe(explicit ? null : init);
      }),
      { numRuns: 200 },
    );
  });

  it('anything else is not a provenance comment', () => {
    for (const line of [
      'method,iteration,evaluations',
      '#schema=a app=b seed=1 init=1 query=',
      '# schema=a app=b seed=x init=1 query=q',
      '# app=b seed=1 init=1 query=q',
      '',
    ])
      expect(parseProvenanceComment(line), line).toBeNull();
  });
});
