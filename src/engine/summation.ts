/**
 * Compensated accumulation for the E-step's hot loop. Points are summed plainly within a block
 * (cheap, short error chains) and block totals are added with Neumaier's compensation, so a
 * log-likelihood of |L| ~ 1e3–1e6 stays resolvable to ~1e-12 relative.
 */
export const BLOCK = 256;

/** Neumaier sums: `sum[i] + comp[i]` is the running total of slot i. */
export class NeumaierSums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;
  constructor(slots: number) {
    this.sum = new Float64Array(slots);
    this.comp = new Float64Array(slots);
  }
  add(slot: number, x: number): void {
    const s = this.sum[slot];
    const t = s + x;
    this.comp[slot] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.sum[slot] = t;
  }
  total(slot: number): number {
    return this.sum[slot] + this.comp[slot];
  }
}

/** Pairwise-accurate sum of an array (used off the hot path). */
export function accurateSum(xs: ArrayLike<number>): number {
  const acc = new NeumaierSums(1);
  for (let i = 0; i < xs.length; i++) acc.add(0, xs[i]);
  return acc.total(0);
}
