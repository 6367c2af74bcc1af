/**
 * `npm run lab` in the Sampler mode, as a user runs it (the bundled CLI, spawned): the chains document
 * is valid against its strict schema, the same bytes as the in-process builder on the same draws, its
 * `--draws` are the same Params objects as a race's trace rows, `--csv` lists every draw, and the race's
 * documents do not change (the new keys stay out of them at their defaults). Small runs: each CLI call
 * bundles first (~1 s).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chainsCsv, chainsDocument, type ChainsDocument } from '../../src/experiment/chains-document';
import { ChainsDocumentSchema, LabDocumentSchema } from '../../src/experiment/chains-document-schema';
import { runStateChains } from '../../src/experiment/chains-run';
import { decodeQuery } from '../../src/experiment/codec';
import { Params1DSchema, RunDocumentSchema } from '../../src/experiment/document-schema';
import { parseProvenanceComment } from '../../src/experiment/provenance';
import { queryWith } from '../query';
import { runLab, type Result } from './run-lab';

const SAMPLE = queryWith({ n: 200, sep: 2.5, seed: 4, mode: 'sample', samplers: ['gibbs', 'rwm', 'nuts'], draws: 120, warm: 60, cseed: 3 });
const MEANS = queryWith({ n: 200, sep: 1.5, mode: 'sample', free: 'means', samplers: ['gibbs', 'mala'], draws: 80, warm: 40 });

function parse(r: Result): ChainsDocument {
  expect(r.stderr, 'stderr').toBe('');
  expect(r.status, r.stderr).toBe(0);
  const json: unknown = JSON.parse(r.stdout);
  const parsed = ChainsDocumentSchema.safeParse(json);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 10)).toEqual([]);
  return json as ChainsDocument;
}

let plain: Result;
let withDraws: Result;
beforeAll(() => {
  plain = runLab([SAMPLE]);
  withDraws = runLab([MEANS, '--draws', '--summary']);
}, 120_000);

describe('lab CLI, mode=sample: the chains document', () => {
  it('is valid, for the query given, with one entry per sampler in the query’s order, and the data', () => {
    const doc = parse(plain);
    expect(doc.schema).toBe('em-lab/chains@1');
    expect(doc.query).toBe(SAMPLE);
    expect(doc.seeds).toEqual({ data: 4, chains: 3 });
    expect(doc.chains.map((c) => c.sampler)).toEqual(['gibbs', 'rwm', 'nuts']);
    expect(doc.data).toHaveLength(200);
    for (const c of doc.chains) {
      expect(c.summary.draws).toBe(120);
      expect(c.draws).toBeUndefined();
      expect(c.passes).toBeGreaterThanOrEqual(4 * 120);
    }
    // Gibbs costs one pass per sweep; a NUTS iteration costs its leapfrog steps.
    expect(doc.chains[0].passes).toBe(4 * 120);
    expect(doc.chains[2].passes).toBeGreaterThan(4 * 120);
    expect(doc.posterior.restriction).toBe('full');
    expect(doc.posterior.lambdaMaxMle).toBeNull();
    expect(LabDocumentSchema.safeParse(JSON.parse(plain.stdout)).success).toBe(true);
  });

  it('is byte for byte what the in-process builder gives for the same state (the draws do not depend on the slicing)', () => {
    const { state } = decodeQuery(SAMPLE);
    const input = runStateChains(state, { slice: 777 });
    expect(JSON.stringify(chainsDocument(input), null, 2) + '\n').toBe(plain.stdout);
  });

  it('--draws: every draw of every chain as the Params of a race trace row; means-only keeps the known parts', () => {
    const doc = parse(withDraws);
    expect(doc.data).toBeUndefined();
    expect(doc.posterior.restriction).toBe('means');
    expect(doc.posterior.lambdaMaxMle).not.toBeNull();
    for (const c of doc.chains) {
      expect(c.draws).toHaveLength(4);
      for (const chain of c.draws!) {
        expect(chain).toHaveLength(80);
        for (const p of chain) {
          expect(Params1DSchema.safeParse(p).success).toBe(true);
          expect(p.weight).toBe(doc.truth.weight);
          expect('variances' in p && p.variances).toEqual('variances' in doc.truth && doc.truth.variances);
        }
      }
    }
  });

  it('--csv: a provenance line, the header, and one row per sampler, chain and draw, equal to --draws', () => {
    const r = runLab([MEANS, '--csv']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const prov = parseProvenanceComment(lines[0]);
    expect(prov?.schema).toBe('em-lab/chains-csv@1');
    expect(prov?.query).toBe(MEANS);
    expect(lines[1]).toBe('sampler,chain,draw,pi,mu1,mu2,v1,v2');
    expect(lines).toHaveLength(2 + 2 * 4 * 80);
    const doc = parse(withDraws);
    const row = lines[2 + 4 * 80 + 80 + 5].split(','); // mala, chain 1, draw 5
    expect(row.slice(0, 3)).toEqual(['mala', '1', '5']);
    const p = doc.chains[1].draws![1][5];
    expect(row.slice(4, 6).map(Number)).toEqual('variances' in p ? [p.means[0], p.means[1]] : []);
    expect(chainsCsv(runStateChains(decodeQuery(MEANS).state, { keepDraws: true }))).toBe(r.stdout);
  });

  it('refuses --diagnostics in the Sampler mode and --draws in the race, with exit 2', () => {
    for (const args of [
      [SAMPLE, '--diagnostics'],
      [queryWith({ n: 100, iters: 5 }), '--draws'],
    ]) {
      const r = runLab(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--(diagnostics|draws) is for/);
    }
  });
});

describe('the documents and the new keys', () => {
  it('a race document leaves the Sampler mode’s keys out at their defaults, and reads them back', () => {
    const r = runLab([queryWith({ n: 100, methods: ['em'], iters: 5 }), '--summary']);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { state: Record<string, unknown> };
    for (const k of ['mode', 'samplers', 'free', 'draws', 'warm', 'leap', 'cseed', 'pa', 'pk', 'pnu', 'ppsi', 'psd'])
      expect(Object.keys(json.state)).not.toContain(k);
    const parsed = RunDocumentSchema.safeParse(json);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.state.mode).toBe('race');
    expect(parsed.data?.state.samplers).toEqual(['gibbs', 'rwm', 'mala', 'hmc', 'nuts']);
  });

  it('the schemas refuse a document of the other mode, and what breaks the chains’ contract', () => {
    const good = JSON.parse(plain.stdout) as ChainsDocument;
    expect(RunDocumentSchema.safeParse(good).success).toBe(false);
    const broken: [string, (d: ChainsDocument) => void][] = [
      ['unknown key', (d) => Object.assign(d, { extra: 1 })],
      ['NaN as null where a number is required', (d) => Object.assign(d.chains[0], { passes: null })],
      ['samplers out of the state’s order', (d) => d.chains.reverse()],
      ['a step size for Gibbs', (d) => Object.assign(d.chains[0], { stepSize: 0.5 })],
      ['wrong draw count', (d) => Object.assign(d.chains[1].summary, { draws: 7 })],
      ['switched fraction above 1', (d) => Object.assign(d.chains[1].summary, { switchedFraction: 1.5 })],
      ['seeds disagree with the state', (d) => Object.assign(d.seeds, { chains: 9 })],
      ['a race-mode state', (d) => Object.assign(d.state, { mode: 'race' })],
    ];
    for (const [what, breakIt] of broken) {
      const d = structuredClone(good);
      breakIt(d);
      expect(ChainsDocumentSchema.safeParse(d).success, what).toBe(false);
    }
  });
});
