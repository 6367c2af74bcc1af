import { describe, expect, it } from 'vitest';
import type { Race } from '../../src/engine/trace';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { KeptRaces } from '../../src/worker/kept-races';
import { raceKey } from '../../src/experiment/codec';

/** A stand-in race: `points` data points (1D), `rows` trace rows, and a count of dispose calls. */
function fakeRace(points: number, rows = 1): Race & { disposed: number } {
  const race = {
    dim: 1 as const,
    data: new Float64Array(points),
    runs: [{ method: 'em', rows: Array.from({ length: rows }), stop: null }],
    disposed: 0,
    dispose() {
      race.disposed++;
    },
  };
  return race as unknown as Race & { disposed: number };
}

const limits = { races: 3, points: 1000, rows: 100 };

describe('the kept races (least recently used first, bounded, disposed on the way out)', () => {
  it('evicts and disposes the least recently kept beyond the race count; take removes without disposing', () => {
    const store = new KeptRaces(limits);
    const r = ['a', 'b', 'c', 'd'].map(() => fakeRace(10));
    ['a', 'b', 'c', 'd'].forEach((k, i) => store.keep(k, { race: r[i] }));
    expect(store.size).toBe(3);
    expect(store.has('a')).toBe(false);
    expect(r[0].disposed).toBe(1);
    expect(store.take('b')?.race).toBe(r[1]);
    expect(store.has('b')).toBe(false);
    expect(r[1].disposed).toBe(0);
    expect(store.take('b')).toBeNull();
  });

  it('keeping again makes an entry the most recent', () => {
    const store = new KeptRaces(limits);
    const [a, b, c, d] = [fakeRace(10), fakeRace(10), fakeRace(10), fakeRace(10)];
    store.keep('a', { race: a });
    store.keep('b', { race: b });
    store.keep('c', { race: c });
    store.keep('a', { race: a }); // a is now newest, b oldest
    store.keep('d', { race: d });
    expect(store.has('a')).toBe(true);
    expect(store.has('b')).toBe(false);
    expect(a.disposed).toBe(0);
    expect(b.disposed).toBe(1);
  });

  it('stays within the data-point and row budgets', () => {
    const store = new KeptRaces(limits);
    const [a, b, c] = [fakeRace(600), fakeRace(300), fakeRace(300)];
    store.keep('a', { race: a });
    store.keep('b', { race: b });
    store.keep('c', { race: c }); // 1200 points > 1000: a goes
    expect([store.has('a'), store.has('b'), store.has('c')]).toEqual([false, true, true]);
    expect(a.disposed).toBe(1);
    const [d, e] = [fakeRace(1, 60), fakeRace(1, 60)];
    store.keep('d', { race: d });
    store.keep('e', { race: e }); // 122 rows > 100: the oldest go until it fits
    expect(store.has('e')).toBe(true);
    expect(store.has('d')).toBe(false);
  });

  it('a race too big to keep is disposed at once and leaves the others alone', () => {
    const store = new KeptRaces(limits);
    const small = fakeRace(10);
    const big = fakeRace(5000);
    store.keep('small', { race: small });
    store.keep('big', { race: big });
    expect(big.disposed).toBe(1);
    expect(store.has('big')).toBe(false);
    expect(store.has('small')).toBe(true);
  });

  it('a new race under a kept key replaces the old one, which is disposed; the same race is not', () => {
    const store = new KeptRaces(limits);
    const [a1, a2] = [fakeRace(10), fakeRace(10)];
    store.keep('a', { race: a1 });
    store.keep('a', { race: a1 });
    expect(a1.disposed).toBe(0);
    store.keep('a', { race: a2 });
    expect(a1.disposed).toBe(1);
    expect(store.take('a')?.race).toBe(a2);
  });

  it('the key leaves out only the view cursor', () => {
    expect(raceKey({ ...DEFAULT_STATE, it: 0 })).toBe(raceKey({ ...DEFAULT_STATE, it: 37 }));
    expect(raceKey({ ...DEFAULT_STATE, sep: 2.55 })).not.toBe(raceKey({ ...DEFAULT_STATE, sep: 2.5 }));
    expect(raceKey({ ...DEFAULT_STATE, lr: 0.01 })).not.toBe(raceKey(DEFAULT_STATE));
  });
});
