/**
 * A method's trace rows, typed. The rows arrive packed (protocol.ts: one Float64Array per method, a
 * fixed stride per row) and stay packed in the store, so a frame reads them without allocating;
 * this module is the only reader and writer of that layout on the page. Hot loops take column
 * getters (`field('logLik')`, `thetaColumn(k)`), occasional reads a row view (`rowView(t, i).logLik`).
 */
import type { StepKind } from '../engine/types';
import { COL, eigenOffset, rowStride, stepKindOf, type MethodBatch, type SpectrumBatch } from '../worker/protocol';
import type { MethodTrace } from './store';

/** The scalar columns of a row. */
export type RowField = 'iteration' | 'evaluations' | 'logLik' | 'entropy' | 'gradNorm';

/** A value of trace `t` at row `i` (the getters read `t.buf` when called: it is replaced as it grows). */
export type TraceColumn = (t: MethodTrace, i: number) => number;

const at = (t: MethodTrace, i: number, offset: number): number => t.buf[i * rowStride(t.p) + offset];

export const field =
  (name: RowField): TraceColumn =>
  (t, i) =>
    at(t, i, COL[name]);

/** θ's k-th parameter (params.ts order). */
export const thetaColumn =
  (k: number): TraceColumn =>
  (t, i) =>
    at(t, i, COL.theta + k);

/** The k-th DM eigenvalue, descending (NaN where not computed or I_oc is not positive definite). */
export const eigenColumn =
  (k: number): TraceColumn =>
  (t, i) =>
    at(t, i, eigenOffset(t.p) + k);

export const stepAt = (t: MethodTrace, i: number): StepKind | undefined => stepKindOf(at(t, i, COL.step));

/** One row, read on demand. */
export interface RowView {
  readonly iteration: number;
  readonly evaluations: number;
  readonly logLik: number;
  readonly entropy: number;
  readonly gradNorm: number;
  readonly step: StepKind | undefined;
  theta(k: number): number;
  eigen(k: number): number;
}

export function rowView(t: MethodTrace, i: number): RowView {
  return {
    get iteration() {
      return at(t, i, COL.iteration);
    },
    get evaluations() {
      return at(t, i, COL.evaluations);
    },
    get logLik() {
      return at(t, i, COL.logLik);
    },
    get entropy() {
      return at(t, i, COL.entropy);
    },
    get gradNorm() {
      return at(t, i, COL.gradNorm);
    },
    get step() {
      return stepAt(t, i);
    },
    theta: (k) => at(t, i, COL.theta + k),
    eigen: (k) => at(t, i, eigenOffset(t.p) + k),
  };
}

/** θ of row `i` as a view into the buffer: valid until the trace next grows (copy it to keep it). */
export function thetaView(t: MethodTrace, i: number): Float64Array {
  const o = i * rowStride(t.p) + COL.theta;
  return t.buf.subarray(o, o + t.p);
}

/** θ of row `i` as a fresh array. */
export const thetaCopy = (t: MethodTrace, i: number): Float64Array => thetaView(t, i).slice();

/** Appends a batch in place (the buffer doubles when full). */
export function appendBatch(trace: MethodTrace, batch: MethodBatch): void {
  const stride = rowStride(trace.p);
  if (batch.from !== trace.count) {
    // A batch must continue where we are; a mismatch means a stale reply: keep only what fits.
    if (batch.from > trace.count) return;
  }
  const skip = trace.count - batch.from;
  const add = batch.count - skip;
  if (add > 0) {
    const need = (trace.count + add) * stride;
    if (need > trace.buf.length) {
      const grown = new Float64Array(Math.max(need, trace.buf.length * 2, 64 * stride));
      grown.set(trace.buf.subarray(0, trace.count * stride));
      trace.buf = grown;
    }
    trace.buf.set(batch.rows.subarray(skip * stride, batch.count * stride), trace.count * stride);
    trace.count += add;
  }
  // Every batch of a stopped method repeats its stop reason: keep the first, so that identity means "unchanged".
  if (batch.stop && !trace.stop) trace.stop = batch.stop;
}

/** Stores a batch of spectra in its rows' eigenvalue columns when it continues what the trace has; false otherwise. */
export function appendSpectra(trace: MethodTrace, sp: SpectrumBatch): boolean {
  if (sp.from !== trace.eigenCount || sp.from + sp.count > trace.count) return false;
  const { p } = trace;
  const stride = rowStride(p);
  for (let k = 0; k < sp.count; k++) trace.buf.set(sp.values.subarray(k * p, (k + 1) * p), (sp.from + k) * stride + eigenOffset(p));
  trace.eigenCount += sp.count;
  return true;
}
