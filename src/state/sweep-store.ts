/**
 * The sweep's own small store, beside the app's (store.ts): its settings (mirrored in the URL's sw*
 * keys through a URL fragment, url-fragments.ts), whether its section is open, and what the worker
 * pool has computed so far. Results grow in place as cells stream in; `version` is bumped on every
 * change so the panels know when to redraw.
 */
import { create } from 'zustand';
import { decodeSweep, encodeSweep } from '../experiment/sweep/codec';
import type { SweepGrid } from '../experiment/sweep/document';
import type { RateMapPlan, SweepPlan } from '../experiment/sweep/plan';
import { DEFAULT_SWEEP, copyDefaultSweep, type SweepSpec } from '../experiment/sweep/spec';
import { registerUrlFragment } from './url-fragments';
import { writeUrl } from './url-sync';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SweepState {
  spec: SweepSpec;
  /** The section is expanded (its keys are then written to the URL even at their defaults). */
  open: boolean;
  status: SweepStatus;
  error: string | null;
  /** The sweep the results belong to (settings snapshotted at Run), and its results by [separation][replicate]. */
  plan: SweepPlan | null;
  grid: SweepGrid;
  /** The rate map computed with it: λ_max per point, row-major by value (undefined while pending). */
  mapPlan: RateMapPlan | null;
  map: (number | null | undefined)[];
  /** Tasks finished and in total (cells, then rate-map points). */
  done: number;
  total: number;
  /** Milliseconds from Run to the last result. */
  elapsedMs: number;
  version: number;
}

export const useSweepStore = create<SweepState>()(() => ({
  spec: copyDefaultSweep(),
  open: false,
  status: 'idle',
  error: null,
  plan: null,
  grid: [],
  mapPlan: null,
  map: [],
  done: 0,
  total: 0,
  elapsedMs: 0,
  version: 0,
}));

const isDefault = (s: SweepSpec): boolean => encodeSweep(s) === encodeSweep(DEFAULT_SWEEP);

registerUrlFragment({
  name: 'sweep',
  encode: () => {
    const { spec, open } = useSweepStore.getState();
    return open || !isDefault(spec) ? encodeSweep(spec) : '';
  },
  apply: (query) => {
    const { spec, repairs, present } = decodeSweep(query);
    useSweepStore.setState({ spec, open: present });
    return repairs;
  },
});

/** Opens or closes the section (the URL then gains or drops the sweep keys; not a new history entry). */
export function setSweepOpen(open: boolean): void {
  if (useSweepStore.getState().open === open) return;
  useSweepStore.setState({ open });
  writeUrl('release');
}
