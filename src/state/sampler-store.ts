/**
 * The Sampler mode's run (zustand): what the sampler worker computed for the current settings —
 * runtime only, never persisted (the settings and the cursor live in the main store's config, and
 * so in the URL). Each sampler's chains are kept as view rows (engine/samplers/chain-view.ts: wᵀφ,
 * plane a and b, switched, passes), in buffers that grow by doubling; the panels read them through
 * the accessors below, at the main store's cursor.
 */
import { create } from 'zustand';
import { VIEW_FIELDS } from '../engine/samplers/view-fields';
import type { SamplerId } from '../experiment/sampler-list';
import type { CurvePoint, PlaneGrid, SamplerBatch, SamplerHeader, SamplerStat, SummaryAt } from '../worker/sampler-protocol';

export type { CurvePoint, PlaneGrid, PlaneInfo, SamplerHeader, SamplerStat, SummaryAt } from '../worker/sampler-protocol';
export { VIEW_FIELDS };

/** One sampler's chains: per chain, `count` view rows. */
export interface SamplerTrace {
  readonly sampler: SamplerId;
  readonly chains: Float64Array[];
  count: number;
}

export interface SampleRunState {
  /** Epoch of the settings now requested; `header.epoch` lags behind while the worker builds. */
  epoch: number;
  /** The chains' query (chainsKey) that `epoch` stands for. */
  query: string;
  header: SamplerHeader | null;
  traces: SamplerTrace[];
  summary: SummaryAt | null;
  contours: PlaneGrid | null;
  curve: readonly CurvePoint[];
  curveTotal: number;
  done: boolean;
  idle: boolean;
  error: string | null;
  /** Bumped on every change (the traces grow in place). */
  version: number;
}

export const emptySampleRun = (): SampleRunState => ({
  epoch: 0,
  query: '',
  header: null,
  traces: [],
  summary: null,
  contours: null,
  curve: [],
  curveTotal: 0,
  done: false,
  idle: false,
  error: null,
  version: 0,
});

export const useSampleRun = create<SampleRunState>()(() => emptySampleRun());

export const setSampleRun = (patch: Partial<SampleRunState>): void => useSampleRun.setState((s) => ({ ...patch, version: s.version + 1 }));

/** The run on screen belongs to the settings now requested. */
export const sampleCurrent = (s: SampleRunState): s is SampleRunState & { header: SamplerHeader } =>
  s.header !== null && s.header.epoch === s.epoch;

export function appendSamplerBatch(t: SamplerTrace, b: SamplerBatch): void {
  if (b.from !== t.count) return; // out of order (a stale pull): the next pull sends them again
  const per = b.count * VIEW_FIELDS;
  t.chains.forEach((buf, c) => {
    const need = (t.count + b.count) * VIEW_FIELDS;
    let out = buf;
    if (need > buf.length) {
      out = new Float64Array(Math.max(need, 2 * buf.length, 256 * VIEW_FIELDS));
      out.set(buf.subarray(0, t.count * VIEW_FIELDS));
      t.chains[c] = out;
    }
    out.set(b.data.subarray(c * per, (c + 1) * per), t.count * VIEW_FIELDS);
  });
  t.count += b.count;
}

/** Draws every sampler has here (what the cursor can show). */
export const receivedDraws = (s: SampleRunState): number => (s.traces.length ? Math.min(...s.traces.map((t) => t.count)) : 0);

/** Draws shown at the cursor: the cursor counts draws per chain (0: none yet). */
export const shownDraws = (s: SampleRunState, it: number): number => Math.min(it, receivedDraws(s));

/** Field k of draw i of chain c. */
export const viewField =
  (k: number) =>
  (t: SamplerTrace, c: number, i: number): number =>
    t.chains[c][i * VIEW_FIELDS + k];
export const fnValue = viewField(0);
export const planeA = viewField(1);
export const planeB = viewField(2);
export const isSwitchedAt = (t: SamplerTrace, c: number, i: number): boolean => viewField(3)(t, c, i) === 1;
export const passesAt = viewField(4);

export const statOf = (s: SampleRunState, sampler: SamplerId): SamplerStat | undefined =>
  s.summary?.stats.find((x) => x.sampler === sampler);
