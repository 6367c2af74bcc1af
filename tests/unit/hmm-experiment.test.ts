/**
 * The HMM as an experiment of the app: its keys in the URL (model, p; which keys apply), its start
 * rule, its run document (the CLI's, checked against the strict schema), and the methods that do not
 * run on it.
 */
import { describe, expect, it } from 'vitest';
import { decodeQuery, encodeQuery } from '../../src/experiment/codec';
import { RunDocumentSchema } from '../../src/experiment/document-schema';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { queryWith, stateWith } from '../query';
import { runLab } from './run-lab';

describe('HMM keys', () => {
  it('model=hmm and p round-trip; a mixture link is unchanged (model and p are not written)', () => {
    const s = stateWith({ model: 'hmm', p: 0.95, sep: 2 });
    const q = encodeQuery(s);
    expect(q).toMatch(/^v=1&model=hmm&n=1000&sep=2&p=0\.95&vr=1&seed=1/);
    expect(q).not.toMatch(/&dim=|&w=/); // the mixture's own keys do not apply
    expect(decodeQuery(q)).toEqual({ state: s, repairs: [] });
    expect(encodeQuery(DEFAULT_STATE)).not.toMatch(/model=|&p=/);
  });

  it('a mixture-only key in an HMM link is ignored with a notice, and p in a mixture link too', () => {
    const h = decodeQuery('v=1&model=hmm&dim=2&w=0.3');
    expect(h.state).toMatchObject({ model: 'hmm', dim: 1, w: 0.5 });
    expect(h.repairs.map((r) => `${r.key}: ${r.message}`)).toEqual([
      'dim: only used in the mixture; ignored',
      'w: only used in the mixture; ignored',
    ]);
    const m = decodeQuery('v=1&p=0.7');
    expect(m.state.p).toBe(0.9);
    expect(m.repairs).toEqual([{ key: 'p', message: 'only used in the HMM; ignored' }]);
  });

  it('persistence is clamped to its range; an unknown model takes the mixture', () => {
    expect(decodeQuery('v=1&model=hmm&p=1').state.p).toBe(0.999);
    expect(decodeQuery('v=1&model=hmm&p=0.2').repairs[0].message).toMatch(/below the minimum 0\.5; clamped to 0\.5/);
    expect(decodeQuery('v=1&model=kalman').repairs[0]).toEqual({
      key: 'model',
      message: "'kalman' is not mixture or hmm; using the default mixture",
    });
  });

  it("an HMM start has 6 numbers and the engine's own rule (stay probabilities in (0, 1), the data's variance floor)", () => {
    expect(decodeQuery(queryWith({ model: 'hmm' }) + '&start=0.8,0.8,-1,1,1,1').state.start).toEqual([0.8, 0.8, -1, 1, 1, 1]);
    expect(decodeQuery('v=1&model=hmm&start=0.5,-1,1,1,1').repairs[0].message).toMatch(/expected 6 numbers for the HMM, got 5/);
    expect(decodeQuery('v=1&model=hmm&start=1,0.8,-1,1,1,1').repairs[0].message).toMatch(
      /stay probability a11 = 1 is not strictly between 0 and 1/,
    );
    expect(decodeQuery('v=1&model=hmm&start=0.8,0.8,-1,1,1e-300,1').repairs[0].message).toMatch(
      /variance v1 = 1e-300 is below the floor .* for these data; the start was dropped/,
    );
  });
});

describe('HMM run document (the CLI)', () => {
  const q = queryWith({ model: 'hmm', n: 300, sep: 2, p: 0.9, methods: ['em', 'ecg', 'adam'], iters: 300 });
  const r = runLab([q]);
  const doc = JSON.parse(r.stdout);

  it('is valid against the strict schema: the sequence, the truth with its states, the HMM params', () => {
    expect(r.status, r.stderr).toBe(0);
    const parsed = RunDocumentSchema.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    expect(doc.data).toHaveLength(300);
    expect(doc.truth.states).toHaveLength(300);
    expect(new Set(doc.truth.states)).toEqual(new Set([0, 1]));
    expect(Object.keys(doc.optimum.params)).toEqual(['stay', 'means', 'variances']);
    expect(doc.truth.stay).toEqual([0.9, 0.9]);
    expect(doc.optimum.eigenvalues).toHaveLength(6);
    expect(doc.optimum.eigenvalues[0]).toBeGreaterThan(doc.optimum.eigenvalues[5]);
  });

  it("Adam keeps its lane and says why it does not run (its tfjs likelihood is the mixture's)", () => {
    const adam = doc.runs.find((x: { method: string }) => x.method === 'adam');
    expect(adam.stopCode).toBe('not-for-model');
    expect(adam.stopReason).toMatch(/Adam is written for the mixture, not the HMM/);
    expect(adam.trace).toHaveLength(1);
    const em = doc.runs.find((x: { method: string }) => x.method === 'em');
    expect(em.stopCode).toBe('converged-gap');
  });

  it('the schema refuses a document whose params do not match its state.model', () => {
    const broken = structuredClone(doc);
    broken.state.model = 'mixture';
    expect(RunDocumentSchema.safeParse(broken).success).toBe(false);
  });
});
