/**
 * The page's typed reads of trace rows (src/state/rows.ts) against the worker's packing
 * (src/worker/race/pack.ts's layout, protocol.ts): every field, θ and eigenvalue column, step kind,
 * and appending batches and spectra in pieces, as the pulls deliver them.
 */
import { describe, expect, it } from 'vitest';
import { STEP_KINDS } from '../../src/engine/methods/registry';
import type { StepKind } from '../../src/engine/types';
import { appendBatch, appendSpectra, eigenColumn, field, rowView, stepAt, thetaColumn, thetaCopy, thetaView } from '../../src/state/rows';
import type { MethodTrace } from '../../src/state/store';
import { COL, eigenOffset, rowStride, stepCode, type MethodBatch } from '../../src/worker/protocol';

const P = 5;

/** Row i: iteration i, E-steps 2i + 1, L = −100 + i, H = i / 100, ‖∇L‖ = 1 / (i + 1), θ_k = 10i + k, eigenvalues NaN. */
function batch(from: number, count: number, steps: StepKind[] = []): MethodBatch {
  const stride = rowStride(P);
  const rows = new Float64Array(count * stride).fill(NaN);
  for (let r = 0; r < count; r++) {
    const i = from + r;
    const o = r * stride;
    rows[o + COL.iteration] = i;
    rows[o + COL.evaluations] = 2 * i + 1;
    rows[o + COL.logLik] = -100 + i;
    rows[o + COL.entropy] = i / 100;
    rows[o + COL.gradNorm] = 1 / (i + 1);
    rows[o + COL.step] = stepCode(steps[r] ?? (i === 0 ? 'start' : 'em'));
    for (let k = 0; k < P; k++) rows[o + COL.theta + k] = 10 * i + k;
  }
  return { method: 'em', from, rows, count, stop: null };
}

const empty = (): MethodTrace => ({ method: 'em', p: P, buf: new Float64Array(0), count: 0, eigenCount: 0, stop: null });

describe('trace rows', () => {
  it('read back every field, θ coordinate and step the worker packed', () => {
    const t = empty();
    appendBatch(t, batch(0, 3));
    appendBatch(t, batch(3, 70, ['cg'])); // grows the buffer past its first size
    expect(t.count).toBe(73);
    for (const i of [0, 1, 2, 3, 72]) {
      const r = rowView(t, i);
      expect([r.iteration, r.evaluations, r.logLik, r.entropy, r.gradNorm]).toEqual([i, 2 * i + 1, -100 + i, i / 100, 1 / (i + 1)]);
      expect(field('logLik')(t, i)).toBe(-100 + i);
      for (let k = 0; k < P; k++) {
        expect(r.theta(k)).toBe(10 * i + k);
        expect(thetaColumn(k)(t, i)).toBe(10 * i + k);
      }
      expect(Array.from(thetaView(t, i))).toEqual(Array.from(thetaCopy(t, i)));
    }
    expect([stepAt(t, 0), stepAt(t, 1), stepAt(t, 3), stepAt(t, 4)]).toEqual(['start', 'em', 'cg', 'em']);
  });

  it('a batch overlapping what the trace has adds only the new rows; one beyond it is dropped', () => {
    const t = empty();
    appendBatch(t, batch(0, 4));
    appendBatch(t, batch(2, 4));
    expect(t.count).toBe(6);
    appendBatch(t, batch(9, 2));
    expect(t.count).toBe(6);
    expect(rowView(t, 5).iteration).toBe(5);
  });

  it('spectra fill the eigenvalue columns in order, and only where rows exist', () => {
    const t = empty();
    appendBatch(t, batch(0, 3));
    const spectra = (from: number, count: number) => ({
      method: 'em' as const,
      from,
      count,
      values: Float64Array.from({ length: count * P }, (_, j) => from + Math.floor(j / P) + (j % P) / 10),
    }); // row + k/10
    expect(appendSpectra(t, spectra(1, 1))).toBe(false); // not where the trace's spectra end
    expect(appendSpectra(t, spectra(0, 4))).toBe(false); // beyond its rows
    expect(appendSpectra(t, spectra(0, 2))).toBe(true);
    expect(t.eigenCount).toBe(2);
    expect(rowView(t, 1).eigen(3)).toBeCloseTo(1.3, 12);
    expect(eigenColumn(0)(t, 0)).toBe(0);
    expect(Number.isNaN(eigenColumn(0)(t, 2))).toBe(true);
    // The eigenvalues sit after θ: θ is untouched.
    expect(t.buf[eigenOffset(P) - 1]).toBe(P - 1);
  });

  it('step codes round-trip every step kind', () => {
    const t = empty();
    appendBatch(t, batch(0, STEP_KINDS.length, [...STEP_KINDS]));
    STEP_KINDS.forEach((k, i) => expect(stepAt(t, i)).toBe(k));
  });
});
