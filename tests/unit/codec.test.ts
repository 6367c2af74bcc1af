import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startRefusal } from '../../src/engine/start-refusal';
import { DEFAULT_METHOD_IDS, METHOD_IDS } from '../../src/engine/methods/registry';
import type { MethodId } from '../../src/engine/types';
import { KEY_ORDER, decodeQuery, encodeQuery, methodLabel, shareUrl, type Repair } from '../../src/experiment/codec';
import {
  BOUNDS,
  DEFAULT_STATE,
  ExperimentStateSchema,
  START_PRECISION,
  appliesTo,
  isValidState,
  roundTo,
  startError,
  type NumKey,
} from '../../src/experiment/schema';
import type { KeyRow } from '../../src/experiment/key-rows';
import { KEYS, type Key } from '../../src/experiment/keys';
import type { ExperimentState } from '../../src/experiment/state';

const DEFAULT_QUERY =
  'v=1&dim=1&n=1000&sep=2.5&w=0.5&vr=1&seed=1&init=1&methods=em,grad,ecg,hybrid,squarem,newton,adam' +
  '&tau=0.5&burn=5&iters=2000&gstep=0&lr=0.05&opt=adam&tol=1e-9&gtol=1e-6&floor=1e-6';

// ------------------------------------------------------------------ arbitraries

/** Any value of a numeric key at its canonical precision (log-uniform where the range spans decades). */
function numArb(key: NumKey): fc.Arbitrary<number> {
  const { min, max, precision: p } = BOUNDS[key];
  if (p.kind === 'int') return fc.integer({ min, max });
  if (p.kind === 'fixed') {
    const f = 10 ** p.digits;
    return fc.integer({ min: Math.round(min * f), max: Math.round(max * f) }).map((k) => roundTo(p, k / f));
  }
  const lo = Math.log10(min > 0 ? min : 1e-6);
  const spread = fc.double({ min: lo, max: Math.log10(max), noNaN: true }).map((e) => 10 ** e);
  const raw = min === 0 ? fc.oneof(fc.constant(0), spread) : spread;
  return raw.map((x) => Math.min(max, Math.max(min, roundTo(p, x))));
}

const r10 = (x: number) => roundTo(START_PRECISION, x);
const pos = fc.double({ min: -6, max: 6, noNaN: true }).map((e) => 10 ** e);
const real = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const weight = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
/** Σ = L Lᵀ from a random lower-triangular L: always PD before rounding. */
const cov = fc.tuple(pos, real, pos).map(([a, b, c]) => [a * a, a * b * 1e-3, b * b * 1e-6 + c * c]);

const start1 = fc.tuple(weight, real, real, pos, pos).map((t) => t.map(r10));
const start2 = fc.tuple(weight, real, real, real, real, cov, cov).map(([w, a, b, c, d, s1, s2]) => [w, a, b, c, d, ...s1, ...s2].map(r10));

const methodsArb = fc.subarray([...METHOD_IDS], { minLength: 1 }).map((ids) => METHOD_IDS.filter((id) => ids.includes(id)) as MethodId[]);

/** Any value of every key of the key table (a new key joins the fuzz without editing this file). */
function keyArb(key: Key): fc.Arbitrary<unknown> {
  const r = KEYS[key] as KeyRow;
  if (r.kind === 'num') return r.omitDefault ? fc.oneof(fc.constant(r.default), numArb(key as NumKey)) : numArb(key as NumKey);
  if (r.kind === 'enum') return fc.constantFrom(...r.values);
  if (r.kind === 'methods') return methodsArb;
  return fc.constant(r.default); // v, and start (drawn below: its length depends on dim)
}

const stateArb: fc.Arbitrary<ExperimentState> = fc
  .record({
    ...(Object.fromEntries(KEY_ORDER.map((k) => [k, keyArb(k)])) as Record<Key, fc.Arbitrary<unknown>>),
    s1: fc.option(start1),
    s2: fc.option(start2),
  })
  .map(({ s1, s2, ...r }) => {
    const s = { ...r, start: r.dim === 1 ? s1 : s2 } as ExperimentState;
    // With a start the codec draws the data to check it against their floor: keep those samples small.
    if (s.start) s.n = Math.min(s.n, 5000);
    // A canonical state keeps the keys that do not apply to its dimension at their defaults (the URL omits them).
    for (const k of KEY_ORDER) if (!appliesTo(k, s)) (s as Record<Key, unknown>)[k] = DEFAULT_STATE[k];
    // Rounding can break PD in extreme draws, and the engine refuses variances below the data's floor.
    if (s.start && (startError(s, s.start) || startRefusal(s, s.start))) s.start = null;
    return s;
  });

const keys = (rs: Repair[]) => rs.map((r) => r.key);

// ------------------------------------------------------------------ round trips

describe('canonical encoding', () => {
  it('encodes the default state to the documented string', () => {
    expect(isValidState(DEFAULT_STATE)).toBe(true);
    expect(encodeQuery(DEFAULT_STATE)).toBe(DEFAULT_QUERY);
    expect(decodeQuery(DEFAULT_QUERY)).toEqual({ state: DEFAULT_STATE, repairs: [] });
  });

  it('writes 2D keys, start and it only when they apply, in the fixed order', () => {
    const s: ExperimentState = {
      ...DEFAULT_STATE,
      dim: 2,
      rot: -45,
      aspect: 0.25,
      it: 12,
      start: [0.3, 0, 0, 1.5, -2, 1, 0.2, 1, 2, 0, 0.5],
    };
    const q = encodeQuery(s);
    expect(q).toContain('&vr=1&aspect=0.25&rot=-45&seed=1&init=1&start=0.3,0,0,1.5,-2,1,0.2,1,2,0,0.5&methods=');
    expect(q.endsWith('&floor=1e-6&it=12')).toBe(true);
    const order = q.split('&').map((kv) => kv.split('=')[0]);
    expect(order).toEqual(KEY_ORDER.filter((k) => order.includes(k)));
    expect(encodeQuery(DEFAULT_STATE)).not.toMatch(/aspect=|&rot=|start=|&it=/);
  });

  it('keeps commas readable and uses short number formats', () => {
    const s: ExperimentState = {
      ...DEFAULT_STATE,
      sep: 3.1,
      tol: 2.5e-10,
      lr: 1e-5,
      gstep: 0.1234,
      tau: 0.125,
      start: [0.5, -1.234567890123, 2, 1, 3e-7],
    };
    const q = encodeQuery(s);
    expect(q).not.toContain('%2C');
    expect(q).toContain('sep=3.1&');
    expect(q).toContain('tol=2.5e-10&');
    expect(q).toContain('lr=0.00001&');
    expect(q).toContain('gstep=0.1234&');
    expect(q).toContain('tau=0.125&');
    expect(q).toContain('start=0.5,-1.23456789,2,1,3e-7&');
    expect(q).not.toContain('+');
  });

  it('decode(encode(s)) = s for every valid state (property)', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(ExperimentStateSchema.safeParse(s).success).toBe(true);
        expect(decodeQuery(encodeQuery(s))).toEqual({ state: s, repairs: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('encode(decode(q)) = q for every canonical q (property)', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const q = encodeQuery(s);
        expect(encodeQuery(decodeQuery(q).state)).toBe(q);
        expect(decodeQuery(`?${q}`).state).toEqual(s);
        expect(decodeQuery(shareUrl(s, 'https://example.org/em-lab/?old=1#x')).state).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('shareUrl drops the base query and hash', () => {
    expect(shareUrl(DEFAULT_STATE, 'https://example.org/lab/?sep=3#it=4')).toBe(`https://example.org/lab/?${DEFAULT_QUERY}`);
    expect(shareUrl(DEFAULT_STATE, 'https://example.org/lab/')).toBe(`https://example.org/lab/?${DEFAULT_QUERY}`);
  });

  it('labels every method, each label its own (a new method needs no edit here)', () => {
    const labels = METHOD_IDS.map(methodLabel);
    expect(labels.every((l) => l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    expect([methodLabel('em'), methodLabel('hybrid'), methodLabel('adam')]).toEqual(['EM', 'Hybrid EM–ECG', 'Adam']);
  });
});

// ------------------------------------------------------------------ input forms

describe('input forms', () => {
  const want = { ...DEFAULT_STATE, sep: 3, n: 500 };
  it.each([
    'v=1&sep=3&n=500',
    '?v=1&sep=3&n=500',
    '#v=1&sep=3&n=500',
    '  ?v=1&sep=3&n=500  ',
    'https://example.org/em-lab/?v=1&sep=3&n=500',
    'https://example.org/em-lab/?v=1&sep=3&n=500#it=9',
    'https://example.org/em-lab/#v=1&sep=3&n=500',
    'https://example.org/em-lab/?#v=1&sep=3&n=500',
    'https://example.org/#/lab?v=1&sep=3&n=500',
    'v=1&sep=3&n=500#fragment',
    'v=1&sep=3&&n=500&',
    'v=1&sep=%33&n=5e2',
  ])('reads %s', (q) => {
    expect(decodeQuery(q)).toEqual({ state: want, repairs: [] });
  });

  it('reads a URL with neither query nor hash as defaults', () => {
    expect(decodeQuery('https://example.org/em-lab/')).toEqual({ state: DEFAULT_STATE, repairs: [] });
  });
});

// ------------------------------------------------------------------ repairs

describe('repairs', () => {
  const cases: [string, Partial<ExperimentState>, Record<string, RegExp>][] = [
    ['', {}, {}],
    ['?', {}, {}],
    ['v=1&sep=abc', { sep: 2.5 }, { sep: /'abc' is not a number; using the default 2\.5/ }],
    ['v=1&sep=40', { sep: 12 }, { sep: /^40 is above the maximum 12; clamped to 12$/ }],
    ['v=1&sep=1e999', { sep: 12 }, { sep: /above the maximum 12; clamped to 12/ }],
    ['v=1&sep=-1e999', { sep: 0 }, { sep: /below the minimum 0; clamped to 0/ }],
    ['v=1&sep=', { sep: 2.5 }, { sep: /empty value; using the default 2\.5/ }],
    [
      'v=1&sep=NaN&w=Infinity&vr=0x10&tau=1_0',
      { sep: 2.5, w: 0.5, vr: 1, tau: 0.5 },
      { sep: /not a number/, w: /not a number/, vr: /not a number/, tau: /not a number/ },
    ],
    ['v=1&n=-5', { n: 10 }, { n: /-5 is below the minimum 10; clamped to 10/ }],
    ['v=1&n=2.5', { n: 10 }, { n: /clamped to 10/ }],
    ['v=1&n=2000.5', { n: 2001 }, { n: /2000\.5 is not a whole number; rounded to 2001/ }],
    ['v=1&n=1e3&burn=7.0', { n: 1000, burn: 7 }, {}],
    ['v=1&sep=2.567&w=0.333&tol=1.234e-9&gstep=0.123456', { sep: 2.57, w: 0.33, tol: 1.23e-9, gstep: 0.1235 }, {}],
    ['v=1&methods=em,em,foo', { methods: ['em'] }, { methods: /unknown 'foo'.*duplicate 'em'/ }],
    ['v=1&methods=adam,EM, newton', { methods: ['em', 'newton', 'adam'] }, {}],
    ['v=1&methods=', { methods: [...DEFAULT_METHOD_IDS] }, { methods: /empty value; using the 7 default methods/ }],
    ['v=1&methods=foo', { methods: [...DEFAULT_METHOD_IDS] }, { methods: /no known method/ }],
    ['v=1&dim=3', { dim: 1 }, { dim: /3 is not 1 or 2; using the default 1/ }],
    ['v=1&start=1,2', { start: null }, { start: /expected 5 numbers for 1D, got 2/ }],
    ['v=1&start=0.5,0,1,-1,1', { start: null }, { start: /variance v1 = -1 is not positive/ }],
    ['v=1&start=1,0,1,1,1', { start: null }, { start: /weight π = 1 is not strictly between 0 and 1/ }],
    ['v=1&start=0.5,0,1,x,1', { start: null }, { start: /'x' is not a number/ }],
    ['v=1&start=0.5,0,1,1,1e999', { start: null }, { start: /not a finite number/ }],
    ['v=1&dim=2&start=0.5,0,0,1,0,1,2,1,1,0,1', { dim: 2, start: null }, { start: /Σ1 is not positive definite/ }],
    ['v=1&dim=2&start=0.5,0,1,1,1', { dim: 2, start: null }, { start: /expected 11 numbers for 2D, got 5/ }],
    ['v=1&start=0.5,0,1,1,1', { start: [0.5, 0, 1, 1, 1] }, {}],
    ['v=1&dim=1&aspect=0.2&rot=10', { aspect: 0.5, rot: 30 }, { aspect: /only used in 2D; ignored/, rot: /only used in 2D/ }],
    ['v=1&dim=2&aspect=0.2&rot=-100', { dim: 2, aspect: 0.2, rot: -90 }, { rot: /below the minimum -90/ }],
    ['v=1&opt=sgd', { opt: 'adam' }, { opt: /'sgd' is not adam or momentum/ }],
    ['v=1&opt=Momentum', { opt: 'momentum' }, {}],
    ['v=7&sep=3', { sep: 3 }, { v: /^version 7 is newer than this app \(1\); read as version 1$/ }],
    ['v=0', {}, { v: /version 0 is not recognised/ }],
    ['v=1&sep=3&sep=4', { sep: 3 }, { sep: /given 2 times; using the first value/ }],
    ['v=1&foo=1&sep=3', { sep: 3 }, { foo: /^unknown key ignored$/ }],
    ['v=1&seed=2147483648&init=-1', { seed: 2147483647, init: 0 }, { seed: /clamped/, init: /clamped/ }],
    ['%%%', {}, { '%%%': /unknown key ignored/ }],
    [
      'v=1&tol=0&gtol=5&floor=1e-20&lr=2',
      { tol: 1e-14, gtol: 1, floor: 1e-12, lr: 1 },
      { tol: /clamped to 1e-14/, gtol: /clamped to 1e0/, floor: /clamped to 1e-12/, lr: /clamped to 1/ },
    ],
    ['sep=3&n=500', { sep: 3, n: 500 }, { v: /^no version given; read as version 1$/ }],
    [
      'v=1&start=0.5,1e308,-1e308,1e-300,1e300',
      { start: null },
      { start: /^variance v1 = 1e-300 is below the floor 2\.545e-6 for these data; the start was dropped$/ },
    ],
    [
      'v=1&dim=2&start=0.5,0,0,1,0,1e-9,0,1e-9,1,0,1',
      { dim: 2, start: null },
      { start: /smallest eigenvalue 1e-9, below the floor 6\.504e-7 for these data/ },
    ],
  ];

  it.each(cases)('%s', (q, fields, expected) => {
    const { state, repairs } = decodeQuery(q);
    expect(state).toEqual({ ...DEFAULT_STATE, ...fields });
    expect(keys(repairs).sort()).toEqual(Object.keys(expected).sort());
    for (const r of repairs) expect(r.message).toMatch(expected[r.key]);
  });

  it('combines several problems with one key into one repair', () => {
    const { repairs } = decodeQuery('v=1&sep=abc&sep=3');
    expect(repairs).toHaveLength(1);
    expect(repairs[0].message).toMatch(/given 2 times.*not a number/);
  });

  it('caps the list of unknown keys and shortens long values', () => {
    const q = 'v=1&' + Array.from({ length: 50 }, (_, i) => `k${i}=1`).join('&') + `&sep=${'x'.repeat(500)}`;
    const { repairs } = decodeQuery(q);
    expect(repairs.length).toBe(7);
    expect(repairs.at(-1)).toEqual({ key: '…', message: '45 more unknown keys ignored' });
    expect(repairs[0].message.length).toBeLessThan(80);
  });

  it('copes with very long input quickly', () => {
    const t0 = performance.now();
    for (const q of ['a'.repeat(1e6), `sep=${'9'.repeat(1e5)}`, `start=${'1,'.repeat(1e5)}`, '&'.repeat(1e5), '%'.repeat(1e5)]) {
      const { state } = decodeQuery(q);
      expect(isValidState(state)).toBe(true);
    }
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('does not share the default methods array', () => {
    const { state } = decodeQuery('');
    state.methods.push('em');
    expect(DEFAULT_STATE.methods).toHaveLength(7);
  });
});

// ------------------------------------------------------------------ fuzz

describe('fuzz: decoding never throws and always yields a valid state', () => {
  const check = (q: string) => {
    const d = decodeQuery(q);
    expect(isValidState(d.state)).toBe(true);
    for (const r of d.repairs) expect(typeof r.key === 'string' && r.message.length > 0).toBe(true);
    // Whatever came in, what goes out is canonical.
    const q2 = encodeQuery(d.state);
    expect(decodeQuery(q2)).toEqual({ state: d.state, repairs: [] });
  };

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), check), { numRuns: 500 });
  });

  const valueArb = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.array(fc.double().map(String), { maxLength: 12 }).map((a) => a.join(',')),
    fc.subarray(['em', 'grad', 'ecg', 'hybrid', 'squarem', 'newton', 'adam', 'foo', '', 'EM']).map((a) => a.join(',')),
    fc.constantFrom('', '1', '2', '0', '-0', '1e999', 'NaN', 'Infinity', '0x1f', '.5', '5.', '1e-9', 'adam', 'momentum'),
  );

  it('arbitrary key/value maps (known and unknown keys, raw and percent-encoded)', () => {
    const keyArb = fc.oneof(fc.constantFrom(...KEY_ORDER), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 30 }), fc.boolean(), (pairs, encode) => {
        const enc = encode ? encodeURIComponent : (x: string) => x;
        check(pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
      }),
      { numRuns: 1000 },
    );
  });

  it('perturbed canonical queries (truncated, a value replaced)', () => {
    fc.assert(
      fc.property(stateArb, fc.nat(), fc.nat(), valueArb, (s, cut, which, v) => {
        const q = encodeQuery(s);
        check(q.slice(0, cut % (q.length + 1)));
        const parts = q.split('&');
        const i = which % parts.length;
        parts[i] = `${parts[i].split('=')[0]}=${v}`;
        check(parts.join('&'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('page keys', () => {
  it('are neither read by the experiment codec nor reported as unknown', () => {
    const { state, repairs } = decodeQuery('v=1&sep=3&hide=methods&lock=sep&swsep=1,2&swreps=5&bogus=1');
    expect(state.sep).toBe(3);
    expect(repairs.map((r) => r.key)).toEqual(['bogus']);
  });
});
