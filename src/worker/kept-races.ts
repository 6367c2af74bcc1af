/**
 * Races of recently left (or guessed) settings, least recently used first, for the race worker. A
 * slider dragged back and forth returns to values it has passed: their rows — Adam's too, 20 tfjs
 * passes at cursor 20 — are then there at once instead of being recomputed. Races are pure functions
 * of their settings, so a kept one continues exactly as a new one would. Bounded in races, data
 * points (a race holds its data, and Adam's lane a float32 copy as tfjs tensors) and trace rows; a
 * race that leaves is disposed (tfjs tensors are never garbage-collected).
 */
import type { Race } from '../engine/trace';

export interface KeptLimits {
  readonly races: number;
  readonly points: number;
  readonly rows: number;
}

const pointsOf = (race: Race): number => race.data.length / race.dim;
const rowsOf = (race: Race): number => race.runs.reduce((a, r) => a + r.rows.length, 0);

export class KeptRaces<T extends { readonly race: Race }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limits: KeptLimits) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The entry for `key`, which leaves the store (the caller now owns its race), or null. */
  take(key: string): T | null {
    const entry = this.entries.get(key) ?? null;
    this.entries.delete(key);
    return entry;
  }

  /** Keeps `entry` as the most recent; evicts (and disposes) the least recent beyond the limits. */
  keep(key: string, entry: T): void {
    const old = this.entries.get(key);
    this.entries.delete(key);
    if (old && old.race !== entry.race) old.race.dispose();
    const { races, points, rows } = this.limits;
    if (pointsOf(entry.race) > points || rowsOf(entry.race) > rows) {
      entry.race.dispose(); // too big to keep at all: leave the others alone
      return;
    }
    this.entries.set(key, entry);
    let p = 0;
    let r = 0;
    for (const v of this.entries.values()) {
      p += pointsOf(v.race);
      r += rowsOf(v.race);
    }
    for (const [oldest, v] of this.entries) {
      if (this.entries.size <= races && p <= points && r <= rows) break;
      this.entries.delete(oldest);
      p -= pointsOf(v.race);
      r -= rowsOf(v.race);
      v.race.dispose();
    }
  }
}
