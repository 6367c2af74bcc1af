/**
 * The headless runner as a user runs it: `node scripts/run-ts.mjs src/cli/lab.ts '<query>' [flags]`
 * (what `npm run --silent lab -- …` executes), spawned as a child process from the repository root.
 * Its JSON is validated against the strict run-document schema (src/experiment/document-schema.ts);
 * the CSV is checked against the JSON of the same query; invalid input must exit 2 with a message on
 * stderr and nothing on stdout. Each call bundles the CLI first (~0.5–1 s), so the calls are few and
 * the experiments small. Calls run one after another: they share the bundle's output file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunDocumentSchema, type RunDocumentParsed } from '../../src/experiment/document-schema';
import { parseProvenanceComment } from '../../src/experiment/provenance';
import { ROOT, runLab, type Result } from './run-lab';
import { queryWith } from '../query';

/** Read here, not through the code under test: the bundle must carry exactly this. */
const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

const lab = (...args: string[]): Result => runLab(args);

function parseDocument(r: Result): RunDocumentParsed {
  expect(r.stderr, 'stderr').toBe('');
  expect(r.status, r.stderr).toBe(0);
  const json: unknown = JSON.parse(r.stdout);
  const parsed = RunDocumentSchema.safeParse(json);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 10)).toEqual([]);
  return parsed.data!;
}

// Canonical queries (as encodeQuery writes them), small enough to run in well under a second.
const Q1 = queryWith({ n: 300, sep: 3, seed: 7, init: 3, methods: ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton'], iters: 150 });
const Q2 = queryWith({
  dim: 2,
  n: 200,
  sep: 4,
  w: 0.4,
  vr: 1.5,
  seed: 2,
  init: 5,
  methods: ['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton', 'adam'],
  iters: 30,
  lr: 0.1,
});

let first: Result;
beforeAll(() => {
  first = lab(Q1, '--summary');
}, 60_000);

describe('lab CLI: the run document', () => {
  it('1D --summary: valid against the strict schema, for the query given, without data', () => {
    const doc = parseDocument(first);
    expect(doc.query).toBe(Q1);
    expect(doc.dim).toBe(1);
    expect(doc.data).toBeUndefined();
    expect(doc.runs.map((r) => r.method)).toEqual(['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton']);
    for (const run of doc.runs) expect(run.stopCode, run.method).not.toBeNull(); // the CLI runs every method to its end
    expect(first.stdout.endsWith('}\n')).toBe(true);
  });

  it('carries the app version (package.json) and the seeds at top level', () => {
    const doc = parseDocument(first);
    expect(doc.app).toBe(PACKAGE_VERSION);
    expect(doc.seeds).toEqual({ data: 7, init: 3 }); // seed=7&init=3 in Q1
    // An explicit start makes the start seed irrelevant: null, not a misleading number.
    const withStart = parseDocument(
      lab(Q1.replace('&methods=', '&start=0.5,-1,1,1,1&methods=').replace('iters=150', 'iters=3'), '--summary'),
    );
    expect(withStart.seeds).toEqual({ data: 7, init: null });
  });

  it('is byte-identical on a second run', () => {
    expect(lab(Q1, '--summary').stdout).toBe(first.stdout);
  });

  it('a full share URL gives the same output as its bare query', () => {
    const url = lab(`https://example.org/em-lab/?${Q1}#fragment`, '--summary');
    expect(url.status).toBe(0);
    expect(url.stdout).toBe(first.stdout);
  });

  it('2D, all seven methods, with data: valid, and the data are N points of (x, y)', () => {
    const doc = parseDocument(lab(Q2));
    expect(doc.dim).toBe(2);
    expect(doc.data).toHaveLength(200);
    expect(doc.runs.map((r) => r.method)).toEqual(['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton', 'adam']);
    // 2D params everywhere (the schema's union would also accept a wrong-shaped document of the other dim)
    expect(doc.runs[6].trace[1].params).toHaveProperty('covariances');
  });

  it('the schema rejects documents that break the contract', () => {
    const doc = JSON.parse(first.stdout);
    // The document as parsed JSON, to be broken in place: any shape goes, on purpose.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const broken: [string, (d: any) => void][] = [
      ['NaN written as null', (d) => (d.runs[0].trace[1].logLik = null)],
      ['a missing key', (d) => delete d.optimum.logLik],
      ['an unknown key', (d) => (d.runs[0].extra = 1)],
      [
        '2D params in a 1D document',
        (d) =>
          (d.truth = {
            weight: 0.5,
            means: [
              [0, 0],
              [1, 1],
            ],
            covariances: [
              [
                [1, 0],
                [0, 1],
              ],
              [
                [1, 0],
                [0, 1],
              ],
            ],
          }),
      ],
      ['a non-positive variance', (d) => (d.init.variances[1] = 0)],
      ['evaluations that go down', (d) => (d.runs[1].trace[2].evaluations = 1)],
      ['a query that is not the state', (d) => (d.query = d.query.replace('sep=3', 'sep=4'))],
      ['an unknown step kind', (d) => (d.runs[0].trace[1].step = 'leap')],
      ['no app version', (d) => delete d.app],
      ['an app version that is not semver', (d) => (d.app = 'latest')],
      ['a data seed that is not the state’s', (d) => (d.seeds.data += 1)],
      ['a null start seed without an explicit start', (d) => (d.seeds.init = null)],
      ['the previous schema id', (d) => (d.schema = 'em-lab/run@1')],
    ];
    expect(RunDocumentSchema.safeParse(doc).success).toBe(true);
    for (const [what, breakIt] of broken) {
      const d = structuredClone(doc);
      breakIt(d);
      expect(RunDocumentSchema.safeParse(d).success, what).toBe(false);
    }
  });
});

describe('lab CLI: --diagnostics', () => {
  it('adds per-row gaps and DM spectra, and EM’s observed rates match λ_max and λ_max² at θ*', () => {
    // A moderately slow case (λ_max ≈ 0.97 on this data), so EM's trace crosses the asymptotic windows.
    const doc = parseDocument(lab('v=1&dim=1&n=1000&sep=2.75&methods=em,ecg&iters=3000', '--summary', '--diagnostics'));
    const lambda = doc.optimum.eigenvalues[0];
    const em = doc.runs.find((r) => r.method === 'em')!;
    const rates = em.observedRates!;
    expect(Math.abs(rates.paramRatio! - lambda)).toBeLessThan(1e-4 * lambda);
    expect(Math.abs(rates.gapRatio! - lambda * lambda)).toBeLessThan(1e-3 * lambda * lambda);
    for (const row of em.trace) {
      expect(row.gap).toBeCloseTo(doc.optimum.logLik - row.logLik, 12);
      expect(row.eigenvalues === null || row.eigenvalues!.length === 5).toBe(true);
    }
    // The spectrum at EM's last point approaches the spectrum at θ*.
    const last = em.trace.at(-1)!.eigenvalues!;
    expect(Math.abs(last[0] - lambda)).toBeLessThan(1e-3);
  });
});

describe('lab CLI: --csv', () => {
  it('a provenance comment line, then one row per method and iteration with the right header, matching the JSON document', () => {
    const doc = parseDocument(first);
    const csv = lab(Q1, '--csv');
    expect(csv.status).toBe(0);
    expect(csv.stderr).toBe('');
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(1);
    expect(parseProvenanceComment(lines[0])).toEqual({ schema: 'em-lab/traces-csv@1', app: PACKAGE_VERSION, seeds: doc.seeds, query: Q1 });
    expect(lines[1]).toBe('method,iteration,evaluations,step,logLik,gap,entropy,gradNorm,pi,mu1,mu2,v1,v2');
    const rows = lines.slice(2).map((l) => l.split(','));
    const expected = doc.runs.flatMap((run) => run.trace.map((t) => ({ method: run.method, t })));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((cells, i) => {
      const { method, t } = expected[i];
      const p = t.params as { weight: number; means: number[]; variances: number[] };
      expect(cells).toHaveLength(13);
      expect(cells.slice(0, 4)).toEqual([method, String(t.iteration), String(t.evaluations), t.step]);
      const nums = cells.slice(4).map(Number);
      expect(nums.every(Number.isFinite)).toBe(true);
      expect(nums).toEqual([t.logLik, doc.optimum.logLik - t.logLik, t.entropy, t.gradNorm, p.weight, ...p.means, ...p.variances]);
    });
  });
});

describe('lab CLI: invalid input exits 2 with a message on stderr and nothing on stdout', () => {
  it.each([
    ['a value that needs repair', ['v=1&dim=1&n=100&sep=abc&methods=em&iters=5']],
    ['no argument', []],
    ['an empty query', ['']],
    ['a blank query', ['  ']],
    ['a share URL without settings', ['https://example.org/em-lab/']],
    ['an unknown flag', [Q1, '--bogus']],
  ])('%s', (what, args) => {
    const r = lab(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^em-lab: \S/);
    if (what.startsWith('a value')) expect(r.stderr).toMatch(/sep: 'abc' is not a number/); // names the key
    if (what.endsWith('flag')) expect(r.stderr).toMatch(/--bogus/);
    if (/empty|blank|without/.test(what))
      expect(r.stderr).toMatch(/^em-lab: the query .*\(to run the default experiment, pass v=1\)\n\nusage:/);
  });
});

describe('lab CLI: long work tells its size first', () => {
  it('--dry-run prints N, the methods, the iteration cap and an estimate on stderr, and runs nothing', () => {
    const r = lab('v=1&n=1000000&methods=em,ecg,hybrid', '--dry-run');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^em-lab: N = 1,000,000, 3 methods, at most 2,000 iterations each; one E-step takes [\d.e-]+ ms here, so roughly \d+/,
    );
  });

  it('a versionless query is read as version 1, with a repair note (so the CLI asks for --lenient)', () => {
    const r = lab('n=100&methods=em&iters=5');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/v: no version given; read as version 1/);
  });
});
