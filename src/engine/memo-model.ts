/**
 * A model whose E-steps are remembered by the exact bits of θ. An E-step is a pure function of θ
 * (and the data), so a remembered one is bit-identical to a recomputed one.
 *
 * Why: θ* is EM's limit from the shared start (optimum.ts), found by running EM from that start;
 * the race's EM lane (and the hybrid's EM phase, SQUAREM's first map) then walks the very same
 * iterates again. Cost accounting is unchanged: each method's Evaluator counts the E-steps the
 * method asks for, remembered or not.
 *
 * Stored flat in typed arrays with an open-addressing hash table, not as thousands of small objects:
 * a few thousand live MixtureEStep objects would be copied by every young-generation garbage collection.
 */
import type { MixtureEStep, MixtureModel, Theta } from './types';

export interface MemoModel extends MixtureModel {
  /** E-steps served from memory, and computed. */
  readonly hits: number;
  readonly misses: number;
}

const EMPTY = -1;

export function memoModel(model: MixtureModel): MemoModel {
  const p = model.p;
  let statsLength = -1; // learnt from the first E-step (4 in 1D, 10 in 2D)
  let width = 0; // doubles per entry: θ, then L, H, R1, R2, stats
  let size = 0;
  let capacity = 0;
  let store = new Float64Array(0);
  let table = new Int32Array(0);
  let hits = 0;
  let misses = 0;
  const bits = new Uint32Array(2);
  const bitsView = new Float64Array(bits.buffer);

  /** FNV-1a over the bits of two coordinates (π and the last one): EM iterates differ in every coordinate, and a full compare settles collisions. */
  const mix = (h: number, x: number): number => {
    bitsView[0] = x;
    return Math.imul(Math.imul(h ^ bits[0], 0x01000193) ^ bits[1], 0x01000193);
  };
  const hash = (theta: Theta): number => mix(mix(0x811c9dc5, theta[0]), theta[p - 1]) >>> 0;

  const sameAt = (entry: number, theta: Theta): boolean => {
    const o = entry * width;
    for (let i = 0; i < p; i++) if (!Object.is(store[o + i], theta[i])) return false;
    return true;
  };

  /** Slot of θ in the table: where it is, or the empty slot where it would go. */
  const slotOf = (theta: Theta, h: number): number => {
    const mask = table.length - 1;
    let s = h & mask;
    while (table[s] !== EMPTY && !sameAt(table[s], theta)) s = (s + 1) & mask;
    return s;
  };

  const grow = () => {
    capacity = Math.max(4096, capacity * 2);
    const next = new Float64Array(capacity * width);
    next.set(store.subarray(0, size * width));
    store = next;
    // Load factor ≤ ½; rehash every entry.
    table = new Int32Array(capacity * 2).fill(EMPTY);
    for (let k = 0; k < size; k++)
      table[slotOf(store.subarray(k * width, k * width + p), hash(store.subarray(k * width, k * width + p)))] = k;
  };

  const estep = (theta: Theta): MixtureEStep => {
    if (statsLength >= 0) {
      const h = hash(theta);
      const s = slotOf(theta, h);
      const k = table[s];
      if (k !== EMPTY) {
        hits++;
        const o = k * width + p;
        // With the caller's θ object, as a fresh E-step would carry (the race compares θ by identity).
        return {
          theta,
          logLik: store[o],
          entropy: store[o + 1],
          R1: store[o + 2],
          R2: store[o + 3],
          stats: store.slice(o + 4, o + 4 + statsLength),
        };
      }
    }
    misses++;
    const e = model.estep(theta);
    if (statsLength < 0) {
      statsLength = e.stats.length;
      width = p + 4 + statsLength;
    }
    if (size === capacity) grow();
    const o = size * width;
    store.set(theta, o);
    store[o + p] = e.logLik;
    store[o + p + 1] = e.entropy;
    store[o + p + 2] = e.R1;
    store[o + p + 3] = e.R2;
    store.set(e.stats, o + p + 4);
    table[slotOf(theta, hash(theta))] = size++;
    return e;
  };

  return {
    ...model,
    estep,
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}
