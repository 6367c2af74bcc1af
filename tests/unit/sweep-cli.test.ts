/**
 * `npm run --silent lab -- sweep '<query>'` as a user runs it (node scripts/run-ts.mjs src/cli/lab.ts
 * sweep …, spawned from the repository root): the JSON is validated against the strict sweep-document
 * schema, the CSV is checked row by row against the JSON, the output does not depend on how many
 * worker threads ran it, and invalid input exits 2 with a message and nothing on stdout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SweepDocumentSchema, type SweepDocumentParsed } from '../../src/experiment/sweep/document-schema';
import { runLab, type Result } from './run-lab';

const lab = (...args: string[]): Result => runLab(['sweep', ...args], 120_000);

// A small sweep: 2 separations × 3 replicates × 3 methods at N = 200 (the experiment keys left at their defaults).
const Q = 'v=1&seed=5&swsep=1.5,4,2&swreps=3&swcap=2000&swm=em,ecg,squarem&swn=200';

let json: Result;
let doc: SweepDocumentParsed;
beforeAll(() => {
  json = lab(Q, '--workers=2');
}, 120_000);

describe('lab sweep: the document', () => {
  it('is valid against the strict schema, for the canonical form of the query given', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const parsed = SweepDocumentSchema.safeParse(JSON.parse(json.stdout));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 10)).toEqual([]);
    doc = parsed.data!;
    expect(doc.schema).toBe('em-lab/sweep@1');
    expect(doc.query).toMatch(
      /^v=1&dim=1&n=1000&sep=2\.5&.*&seed=5&.*&swsep=1\.5,4,2&swreps=3&swcap=2000&swtol=1e-8&swm=em,ecg,squarem&swn=200&swmap=w&swmapn=20$/,
    );
    expect(doc.seeds).toEqual({ data: [5, 6, 7], init: 1 });
    expect(doc.cells.map((c) => `${c.sep}:${c.method}`)).toEqual(['1.5:em', '1.5:ecg', '1.5:squarem', '4:em', '4:ecg', '4:squarem']);
    expect(json.stdout.endsWith('}\n')).toBe(true);
  });

  it('is the same with one worker thread (results are placed, not appended)', () => {
    expect(lab(Q, '--workers=1').stdout).toBe(json.stdout);
  });

  it('--csv: a provenance line, a header, then one row per separation, replicate and method, matching the JSON', () => {
    const csv = lab(Q, '--csv');
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `# schema=em-lab/sweep@1 app=${doc.app} seed=${doc.seeds.data[0]}-${doc.seeds.data.at(-1)} init=1 query=${doc.query}`,
    );
    expect(lines[1]).toBe('sep,replicate,seed,method,evaluations,spent,outcome,lambdaMax,startGap,predicted');
    const rows = lines.slice(2).map((l) => l.split(','));
    expect(rows).toHaveLength(2 * 3 * 3);
    for (const [sep, rep, seed, method, ev, spent, outcome, lam, gap, pred] of rows) {
      const cell = doc.cells.find((c) => String(c.sep) === sep && c.method === method)!;
      const r = Number(rep);
      expect(Number(seed)).toBe(doc.seeds.data[r]);
      expect(ev === '' ? null : Number(ev)).toBe(cell.evaluations[r]);
      expect(Number(spent)).toBe(cell.spent[r]);
      expect(outcome).toBe(cell.outcomes[r]);
      expect(lam === '' ? null : Number(lam)).toBe(cell.lambdaMax[r]);
      expect(gap === '' ? null : Number(gap)).toBe(cell.startGap[r]);
      expect(pred === '' ? null : Number(pred)).toBe(method === 'em' ? cell.predicted!.evaluations[r] : null);
    }
  });
});

describe('lab sweep: invalid input', () => {
  const rejected = (r: Result, message: RegExp) => {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  };

  it('a query that needs repairs is rejected with each repair listed; --lenient runs it and lists them on stderr', () => {
    rejected(
      lab('v=1&swreps=0&swm=em,zzz&swsep=1,2,3&swn=100'),
      /needs repairs:\n {2}- swreps: 0 is below the minimum 1; clamped to 1\n {2}- swm: dropped unknown 'zzz'/,
    );
    const lenient = lab('v=1&swreps=0&swm=em,zzz&swsep=1,2,2&swn=100', '--lenient');
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toMatch(/running the repaired sweep/);
    expect(JSON.parse(lenient.stdout).spec).toMatchObject({ reps: 1, methods: ['em'] });
  });

  it('unknown options, a missing query and a bad worker count', () => {
    rejected(lab(Q, '--fast'), /unknown option --fast/);
    rejected(lab(), /expected exactly one query string or share URL, got 0/);
    rejected(lab(Q, '--workers=0'), /--workers must be a whole number from 1 to 256, got '0'/);
    rejected(lab(Q, '--workers=abc'), /^em-lab: --workers must be a whole number from 1 to 256, got 'abc'\n/);
    rejected(lab(Q, '--workers'), /--workers must be a whole number from 1 to 256, got nothing/);
  });

  it('an empty or blank query is an error, not the default sweep (that takes v=1)', () => {
    for (const q of ['', '   ', '?', '&&'])
      rejected(lab(q), /^em-lab: the query (is empty|'[^']*' has no settings) \(to run the default experiment, pass v=1\)\n\nusage:/);
  });
});

describe('lab sweep: long work tells its size first', () => {
  it('--dry-run prints the data sets, N and an estimate of the time on stderr, and runs nothing', () => {
    const r = lab('v=1&swreps=1000&swn=1000000', '--dry-run', '--workers=2');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^em-lab: sweep of 10,000 data sets \(10 separations × 1,000 replicates\), 4 methods, N = 1,000,000, cap 5,000 E-steps, 2 workers; one E-step takes [\d.e-]+ ms here, so roughly [\d.]+ (h|min)/,
    );
  });
});
