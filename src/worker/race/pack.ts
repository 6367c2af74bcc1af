/**
 * Packing what the UI gets: each method's new rows into one Float64Array (protocol.ts's row layout),
 * the shown method's spectra, and the pull reply and race header around them, with the buffers to
 * transfer (not copy).
 */
import { isDeferred } from '../../engine/methods/registry';
import type { MethodId } from '../../engine/types';
import { encodeQuery } from '../../experiment/codec';
import {
  COL,
  rowStride,
  stepCode,
  type MethodBatch,
  type PullReply,
  type RaceHeader,
  type SpectrumBatch,
  type SpectrumRequest,
} from '../protocol';
import { takeContours } from './contours';
import { curveValues } from '../../experiment/curve-seps';
import { curveOf } from './curve';
import type { Job } from './job';
import { isIdle, schedule } from './scheduler';

const paramCount = (j: Job): number => (j.race.dim === 1 ? 5 : 11);

function packRows(j: Job, methodIndex: number, since: number): MethodBatch {
  const run = j.race.runs[methodIndex];
  const p = paramCount(j);
  const stride = rowStride(p);
  const from = Math.max(0, Math.min(since, run.rows.length));
  const count = run.rows.length - from;
  const out = new Float64Array(count * stride);
  for (let i = 0; i < count; i++) {
    const r = run.rows[from + i];
    const o = i * stride;
    out[o + COL.iteration] = r.iteration;
    out[o + COL.evaluations] = r.evaluations;
    out[o + COL.logLik] = r.logLik;
    out[o + COL.entropy] = r.entropy;
    out[o + COL.gradNorm] = r.gradNorm;
    out[o + COL.step] = stepCode(r.step);
    out.set(r.theta, o + COL.theta);
    if (r.eigenvalues) out.set(r.eigenvalues.subarray(0, p), o + COL.theta + p);
    else out.fill(NaN, o + COL.theta + p, o + stride);
  }
  return { method: run.method, from, rows: out, count, stop: run.stop ? { ...run.stop } : null };
}

/** Spectra of `method`'s rows from `since` on, as far as they are computed (contiguously). */
function packSpectra(j: Job, method: MethodId, since: number): SpectrumBatch | null {
  const run = j.race.runs.find((r) => r.method === method);
  if (!run) return null;
  const p = paramCount(j);
  let end = since;
  while (end < run.rows.length && run.rows[end].eigenvalues !== undefined) end++;
  if (end <= since) return null;
  const values = new Float64Array((end - since) * p);
  for (let k = since; k < end; k++) {
    const ev = run.rows[k].eigenvalues;
    if (ev) values.set(ev.subarray(0, p), (k - since) * p);
    else values.fill(NaN, (k - since) * p, (k - since + 1) * p);
  }
  return { method, from: since, count: end - since, values };
}

/** Everything new for the UI since what it has (rows, spectra, contours, λ curve), with the buffers to transfer. */
export function pullReply(
  j: Job,
  since: number[],
  spectrumReq: SpectrumRequest,
  sentCurve: number,
): { reply: PullReply; buffers: ArrayBuffer[] } {
  const batches = j.race.runs.map((_, i) => packRows(j, i, since[i] ?? 0));
  const spectrum = packSpectra(j, spectrumReq.method, spectrumReq.since);
  const contours = takeContours(j);
  if (contours) schedule(); // the next grid level may start now
  const curve = curveOf(j);
  const reply: PullReply = {
    epoch: j.epoch,
    batches,
    spectrum,
    contours,
    lambdaCurve: curve.length > sentCurve ? curve.slice() : null,
    lambdaCurveTotal: curveValues(j.state.model).length,
    done: j.race.done,
    idle: isIdle(j),
    error: j.error,
    phases: { ...j.phases },
  };
  const buffers = batches.map((b) => b.rows.buffer as ArrayBuffer);
  if (contours) buffers.push(contours.values.buffer as ArrayBuffer);
  if (spectrum) buffers.push(spectrum.values.buffer as ArrayBuffer);
  return { reply, buffers };
}

/** What the UI needs once per epoch (copies: the race keeps its own arrays); `data`'s buffer is transferred. */
export function raceHeader(j: Job): RaceHeader {
  const { race } = j;
  const dim = race.dim;
  return {
    epoch: j.epoch,
    query: encodeQuery(j.state),
    dim,
    p: paramCount(j),
    n: dim === 1 ? race.data.length : race.data.length / 2,
    data: Float64Array.from(race.data),
    truth: Float64Array.from(race.truth),
    init: Float64Array.from(race.init),
    optimum: {
      theta: Float64Array.from(race.optimum.theta),
      logLik: race.optimum.logLik,
      eigenvalues: Float64Array.from(race.optimum.eigenvalues),
      emResidual: race.optimum.emResidual,
      gradNorm: race.optimum.gradNorm,
    },
    methods: race.runs.map((r) => r.method),
    deferred: race.runs.map((r) => r.method).filter(isDeferred),
    buildMs: performance.now() - j.t0,
  };
}
