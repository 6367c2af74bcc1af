/**
 * The new methods and the `eta` key in what the app and the CLI write: the run document (built by
 * runDocument, validated by the strict schema written from the specification), the CSV, the query.
 *  - `eta` at its default is in neither the query nor the document's state, so the documents of older
 *    queries are unchanged byte for byte; set, it is in both, and a reader gets the full state back;
 *  - per-step numbers (`extra`: JJ-CG's β and α, adarelax's η) appear under --diagnostics only, finite.
 */
import { describe, expect, it } from 'vitest';
import { createRace } from '../../src/engine/build';
import { encodeQuery, decodeQuery } from '../../src/experiment/codec';
import { documentJson, runDocument, traceCsv } from '../../src/experiment/document';
import { RunDocumentSchema } from '../../src/experiment/document-schema';
import { KEYS, KEY_ORDER } from '../../src/experiment/keys';
import { stateWith } from '../query';
import type { KeyRow } from '../../src/experiment/key-rows';

const finished = async (over: Parameters<typeof stateWith>[0]) => {
  const state = stateWith({ n: 300, sep: 2.5, iters: 60, ...over });
  const race = await createRace(state);
  while (race.advance(1000));
  return { state, race };
};

describe('the eta key in queries and documents', () => {
  it('at its default: absent from the query and from the document state, filled back in by the schema', async () => {
    const { state, race } = await finished({ methods: ['em', 'relax'] });
    expect(encodeQuery(state)).not.toMatch(/eta=/);
    const doc = JSON.parse(documentJson(runDocument(race, state, { summary: true })));
    // Every key but those added after the documents' format (their rows say so: eta, the HMM's model and p, …) at their defaults.
    expect(doc.state).not.toHaveProperty('eta');
    expect(Object.keys(doc.state)).toEqual(KEY_ORDER.filter((k) => !(KEYS[k] as KeyRow).documentOmitsDefault));
    const parsed = RunDocumentSchema.parse(doc);
    expect(parsed.state.eta).toBe(1.5);
  });

  it('set: in the query and the document state, round-tripping exactly', async () => {
    const { state, race } = await finished({ methods: ['relax'], eta: 1.875 });
    const q = encodeQuery(state);
    expect(q).toMatch(/&eta=1\.875&/);
    expect(decodeQuery(q)).toEqual({ state, repairs: [] });
    const doc = JSON.parse(documentJson(runDocument(race, state, { summary: true })));
    expect(doc.state.eta).toBe(1.875);
    expect(RunDocumentSchema.parse(doc).state).toEqual(state);
  });

  it('out of range: clamped below 2 with a repair note', () => {
    const { state, repairs } = decodeQuery(encodeQuery(stateWith({ methods: ['relax'] })) + '&eta=2');
    expect(state.eta).toBe(1.999);
    expect(repairs.map((r) => r.key)).toEqual(['eta']);
  });
});

describe('per-step numbers (extra)', () => {
  it('JJ-CG rows carry finite β and α, adarelax rows η, under --diagnostics only; the schema rejects a non-finite one', async () => {
    const { state, race } = await finished({ methods: ['em', 'adarelax', 'jjcg', 'qn1', 'ecme'] });
    const plain = JSON.parse(documentJson(runDocument(race, state, { summary: true })));
    for (const run of plain.runs) for (const row of run.trace) expect(row).not.toHaveProperty('extra');
    const diag = JSON.parse(documentJson(runDocument(race, state, { summary: true, diagnostics: true })));
    RunDocumentSchema.parse(diag);
    const keys = (m: string) => [
      ...new Set(
        diag.runs
          .find((r: { method: string }) => r.method === m)
          .trace.slice(1)
          .map((t: { extra?: object }) => Object.keys(t.extra ?? {}).join()),
      ),
    ];
    expect(keys('jjcg')).toEqual(['beta,alpha']);
    expect(keys('adarelax')).toEqual(['eta']);
    for (const m of ['em', 'qn1', 'ecme']) expect(keys(m)).toEqual(['']);
    const broken = structuredClone(diag);
    broken.runs.find((r: { method: string }) => r.method === 'jjcg').trace[1].extra.beta = null;
    expect(RunDocumentSchema.safeParse(broken).success).toBe(false);
    // The CSV names each row's step kind, the new ones included.
    const steps = new Set(
      traceCsv(race, state)
        .split('\n')
        .slice(2)
        .map((l) => l.split(',')[3]),
    );
    for (const k of ['relax', 'jjcg', 'qn1', 'ecme']) expect(steps.has(k), k).toBe(true);
  });
});
