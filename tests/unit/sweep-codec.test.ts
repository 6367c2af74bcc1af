/**
 * The sweep's URL keys (src/experiment/sweep/codec.ts, spec.ts): canonical round trips, repairs with
 * one plain-words note per key, never throwing on any input, and the separation / rate-map grids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHOD_IDS } from '../../src/engine/methods/registry';
import type { MethodId } from '../../src/engine/types';
import { decodeQuery, encodeQuery } from '../../src/experiment/codec';
import { DEFAULT_STATE, roundTo } from '../../src/experiment/schema';
import { decodeSweep, encodeSweep, SWEEP_KEYS } from '../../src/experiment/sweep/codec';
import { planSweep, sweepQuery } from '../../src/experiment/sweep/plan';
import {
  DEFAULT_SWEEP,
  MAP_AXES,
  SWEEP_BOUNDS,
  isValidSweep,
  mapSeparations,
  mapValues,
  maxSepCount,
  replicateSeed,
  separations,
  type SweepNumKey,
  type SweepSpec,
} from '../../src/experiment/sweep/spec';

const DEFAULT_FRAGMENT = 'swsep=0.5,5,10&swreps=50&swcap=5000&swtol=1e-8&swm=em,ecg,hybrid,squarem&swn=500&swmap=w&swmapn=20';

function numArb(key: SweepNumKey): fc.Arbitrary<number> {
  const { min, max, precision: p } = SWEEP_BOUNDS[key];
  if (p.kind === 'int') return fc.integer({ min, max });
  if (p.kind === 'fixed') return fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((k) => roundTo(p, k / 100));
  return fc
    .double({ min: Math.log10(min), max: Math.log10(max), noNaN: true })
    .map((e) => Math.min(max, Math.max(min, roundTo(p, 10 ** e))));
}

const specArb: fc.Arbitrary<SweepSpec> = fc
  .record({
    a: numArb('sepFrom'),
    b: numArb('sepTo'),
    count: numArb('sepCount'),
    reps: numArb('reps'),
    cap: numArb('cap'),
    tol: numArb('tol'),
    methods: fc.subarray([...METHOD_IDS], { minLength: 1 }).map((ids) => METHOD_IDS.filter((m) => ids.includes(m)) as MethodId[]),
    n: numArb('n'),
    map: fc.constantFrom(...MAP_AXES),
    mapSize: numArb('mapSize'),
  })
  .map(({ a, b, count, ...rest }) => {
    const [sepFrom, sepTo] = a <= b ? [a, b] : [b, a];
    return { sepFrom, sepTo, sepCount: Math.min(count, maxSepCount(sepFrom, sepTo)), ...rest };
  });

const keys = (q: string) => decodeSweep(q).repairs.map((r) => r.key);

describe('sweep keys: canonical encoding', () => {
  it('the defaults are the issue’s default sweep, and encode to the documented keys', () => {
    expect(isValidSweep(DEFAULT_SWEEP)).toBe(true);
    expect(encodeSweep(DEFAULT_SWEEP)).toBe(DEFAULT_FRAGMENT);
    expect(separations(DEFAULT_SWEEP)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(DEFAULT_SWEEP.reps * separations(DEFAULT_SWEEP).length).toBe(500);
    expect(decodeSweep('v=1&sep=2')).toEqual({ spec: DEFAULT_SWEEP, repairs: [], present: false });
  });

  it('every sweep key matches /^sw[a-z]*$/, so the experiment codec skips it without a note', () => {
    for (const k of SWEEP_KEYS) expect(k).toMatch(/^sw[a-z]*$/);
    const q = `${encodeQuery(DEFAULT_STATE)}&${DEFAULT_FRAGMENT}`;
    expect(decodeQuery(q)).toEqual({ state: DEFAULT_STATE, repairs: [] });
  });

  it('decode(encode(s)) = s for every valid spec, with no repairs', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        expect(isValidSweep(s)).toBe(true);
        const d = decodeSweep(encodeSweep(s));
        expect(d.repairs).toEqual([]);
        expect(d.spec).toEqual(s);
        expect(d.present).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the sweep query is the canonical experiment query, with the keys a sweep does not use at their defaults, then every sweep key', () => {
    // n, sep, methods, iters, tol, gtol and the cursor have sweep counterparts or no role; w, seed, τ … do.
    const live = { ...DEFAULT_STATE, it: 40, n: 200, sep: 3, methods: ['em'] as MethodId[], iters: 50, tol: 1e-6, gtol: 1e-3 };
    const q = sweepQuery({ ...live, w: 0.3, seed: 9, tau: 0.25 }, DEFAULT_SWEEP);
    expect(q).toBe(`${encodeQuery({ ...DEFAULT_STATE, w: 0.3, seed: 9, tau: 0.25 })}&${DEFAULT_FRAGMENT}`);
    expect(decodeQuery(q).state).toEqual({ ...DEFAULT_STATE, w: 0.3, seed: 9, tau: 0.25 });
    expect(decodeSweep(q).spec).toEqual(DEFAULT_SWEEP);
    expect(planSweep(live, DEFAULT_SWEEP).query).toBe(planSweep(DEFAULT_STATE, DEFAULT_SWEEP).query);
  });
});

describe('sweep keys: repairs', () => {
  it('clamps, rounds and defaults numbers, one note per key', () => {
    const d = decodeSweep('swreps=0&swcap=1e9&swn=abc&swtol=3.14159e-7&swmapn=7.6');
    expect(d.spec).toMatchObject({ reps: 1, cap: 100_000, n: DEFAULT_SWEEP.n, tol: 3.14e-7, mapSize: 8 });
    expect(keys('swreps=0&swcap=1e9&swn=abc&swtol=3.14159e-7&swmapn=7.6')).toEqual(['swreps', 'swcap', 'swn', 'swmapn']);
    expect(d.repairs.find((r) => r.key === 'swcap')?.message).toBe('1e9 is above the maximum 100000; clamped to 100000');
  });

  it('separations: a malformed triple takes the default; from > to is swapped; too many points are cut', () => {
    expect(decodeSweep('swsep=1,2').spec).toMatchObject({ sepFrom: 0.5, sepTo: 5, sepCount: 10 });
    expect(keys('swsep=1,2')).toEqual(['swsep']);
    expect(decodeSweep('swsep=5,1,3').spec).toMatchObject({ sepFrom: 1, sepTo: 5, sepCount: 3 });
    expect(decodeSweep('swsep=2,2,10').spec).toMatchObject({ sepFrom: 2, sepTo: 2, sepCount: 1 });
    expect(decodeSweep('swsep=1,1.05,50').spec).toMatchObject({ sepFrom: 1, sepTo: 1.05, sepCount: 6 });
    expect(decodeSweep('swsep=-3,40,10').spec).toMatchObject({ sepFrom: 0, sepTo: 12, sepCount: 10 });
    expect(decodeSweep('swsep=-3,40,10').repairs).toHaveLength(1); // both notes in the key's one repair
  });

  it('methods: unknown tokens are dropped; none known falls back to the default set; order is canonical', () => {
    expect(decodeSweep('swm=squarem,em,foo').spec.methods).toEqual(['em', 'squarem']);
    expect(keys('swm=squarem,em,foo')).toEqual(['swm']);
    expect(decodeSweep('swm=ecg,em').repairs).toEqual([]);
    expect(decodeSweep('swm=zzz').spec.methods).toEqual(DEFAULT_SWEEP.methods);
    expect(decodeSweep('swmap=sep').spec.map).toBe('w');
    expect(keys('swmap=sep')).toEqual(['swmap']);
  });

  it('notes duplicated and unknown sweep keys; ignores every other key', () => {
    const d = decodeSweep('swreps=3&swreps=4&swfoo=1&sep=99&hide=x');
    expect(d.spec.reps).toBe(3);
    expect(d.repairs.map((r) => r.key)).toEqual(['swreps', 'swfoo']);
    expect(d.present).toBe(true);
  });

  it('never throws, and always yields a valid spec, on any input', () => {
    const token = fc.oneof(fc.constantFrom(...SWEEP_KEYS, 'sw', 'swx', 'sep'), fc.string({ maxLength: 6 }));
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.double().map(String), fc.constantFrom('1,2,3', ',,', 'em,em', '1e999', 'NaN'));
    fc.assert(
      fc.property(fc.array(fc.tuple(token, value), { maxLength: 10 }), (pairs) => {
        const q = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const d = decodeSweep(q);
        expect(isValidSweep(d.spec)).toBe(true);
        // What it repaired into is canonical: it survives a second round unchanged and unrepaired.
        expect(decodeSweep(encodeSweep(d.spec))).toEqual({ spec: d.spec, repairs: [], present: true });
      }),
      { numRuns: 400 },
    );
    expect(decodeSweep(null as unknown as string).spec).toEqual(DEFAULT_SWEEP);
  });
});

describe('grids', () => {
  it('separations: ascending, distinct, exactly from…to at 2 decimals, `count` of them', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const xs = separations(s);
        expect(xs).toHaveLength(s.sepCount);
        expect(xs[0]).toBe(s.sepFrom);
        if (s.sepCount > 1) expect(xs[xs.length - 1]).toBe(s.sepTo);
        for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
        for (const x of xs) expect(Math.round(x * 100) / 100).toBe(x);
      }),
      { numRuns: 300 },
    );
  });

  it('rate map: distinct values inside the slider ranges, log-spaced for the variance ratio', () => {
    expect(mapValues({ map: 'w', mapSize: 3 })).toEqual([0.05, 0.5, 0.95]);
    expect(mapValues({ map: 'vr', mapSize: 3 })).toEqual([0.1, 1, 10]);
    expect(mapSeparations({ sepFrom: 0.5, sepTo: 5, mapSize: 4 })).toEqual([0.5, 2, 3.5, 5]);
    expect(mapSeparations({ sepFrom: 2, sepTo: 2, mapSize: 5 })).toEqual([0, 2, 4, 6, 8]); // a single separation: 0–8 σ
    fc.assert(
      fc.property(fc.constantFrom(...MAP_AXES), numArb('mapSize'), (map, mapSize) => {
        const v = mapValues({ map, mapSize });
        expect(v).toHaveLength(mapSize);
        for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThan(v[i - 1]);
      }),
    );
  });

  it('replicate r draws its data with seed + r, wrapping at 2³¹', () => {
    expect(planSweep({ ...DEFAULT_STATE, seed: 7 }, { ...DEFAULT_SWEEP, reps: 3 }).seeds).toEqual([7, 8, 9]);
    expect(replicateSeed(2_147_483_647, 1)).toBe(0);
  });
});
