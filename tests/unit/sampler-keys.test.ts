/**
 * The Sampler mode's query keys: written only when set (today's links do not change), read with
 * plain-words repairs (the samplers list as the methods list), round-tripped, and kept apart from the
 * race: the race's cache key ignores them, the chains' key ignores the race's keys and its start.
 */
import { describe, expect, it } from 'vitest';
import { chainsCurveKey, chainsKey, curveKey, decodeQuery, encodeQuery, raceKey } from '../../src/experiment/codec';
import { DocumentStateSchema, documentState } from '../../src/experiment/document-state';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { queryWith, stateWith } from '../query';

describe('the Sampler mode keys', () => {
  it('are absent from the default query and present, canonically, once set', () => {
    expect(encodeQuery(DEFAULT_STATE)).not.toMatch(/mode=|samplers=|free=|draws=|warm=|leap=|cseed=|&p[a-z]+=/);
    const s = stateWith({ mode: 'sample', samplers: ['gibbs', 'nuts'], free: 'means', draws: 500, leap: 20, psd: 3.5 });
    const q = encodeQuery(s);
    expect(q).toMatch(/&mode=sample&samplers=gibbs,nuts&free=means&draws=500&leap=20&psd=3.5$/);
    expect(decodeQuery(q)).toEqual({ state: s, repairs: [] });
  });

  it('read the samplers list in canonical order and say what they dropped', () => {
    const cases: [string, string[], RegExp | null][] = [
      ['nuts, GIBBS ,rwm', ['gibbs', 'rwm', 'nuts'], null],
      ['gibbs,gibbs,metropolis', ['gibbs'], /unknown 'metropolis'.*duplicate 'gibbs'/],
      ['', ['gibbs', 'rwm', 'mala', 'hmc', 'nuts'], /empty value; using all 5 samplers/],
      ['slice', ['gibbs', 'rwm', 'mala', 'hmc', 'nuts'], /no known sampler/],
    ];
    for (const [raw, want, note] of cases) {
      const { state, repairs } = decodeQuery(`v=1&mode=sample&samplers=${raw}`);
      expect(state.samplers, raw).toEqual(want);
      const r = repairs.find((x) => x.key === 'samplers');
      if (note) expect(r?.message, raw).toMatch(note);
      else expect(r, raw).toBeUndefined();
    }
    expect(decodeQuery('v=1&mode=shuffle').repairs[0].message).toMatch(/not race or sample/);
    expect(decodeQuery('v=1&draws=3&leap=0').state).toMatchObject({ draws: 10, leap: 1 });
  });

  it('leave the race alone, and the race’s keys leave the chains alone', () => {
    const base = stateWith({ n: 500 });
    const sampling = { ...base, mode: 'sample' as const, samplers: ['gibbs' as const], draws: 100, cseed: 9, pk: 0.1 };
    expect(raceKey(sampling)).toBe(raceKey(base));
    expect(curveKey(sampling)).toBe(curveKey(base));
    expect(chainsKey(sampling)).not.toBe(chainsKey(base));
    const racing = { ...sampling, methods: ['em' as const], iters: 50, tol: 1e-6, init: 5, start: [0.5, 0, 2, 1, 1], it: 7 };
    expect(chainsKey(racing)).toBe(chainsKey(sampling));
    expect(chainsKey({ ...sampling, sep: 3 })).not.toBe(chainsKey(sampling));
    expect(chainsCurveKey({ ...sampling, sep: 3 })).toBe(chainsCurveKey(sampling));
    expect(chainsKey({ ...sampling, seed: 2 })).not.toBe(chainsKey(sampling));
  });

  it('stay out of a document’s state at their defaults, and are filled back in by its reader', () => {
    const s = decodeQuery(queryWith({ n: 300 })).state;
    const doc = documentState(s);
    for (const k of ['mode', 'samplers', 'free', 'draws', 'warm', 'leap', 'cseed', 'pa', 'pk', 'pnu', 'ppsi', 'psd'])
      expect(Object.keys(doc)).not.toContain(k);
    expect(Object.keys(doc)).toContain('methods');
    expect(DocumentStateSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(s);
    const set = decodeQuery(queryWith({ n: 300, mode: 'sample', draws: 50 })).state;
    expect(documentState(set)).toMatchObject({ mode: 'sample', draws: 50 });
    expect(Object.keys(documentState(set))).not.toContain('samplers');
  });
});
