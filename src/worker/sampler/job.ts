/**
 * The sampler worker's job: the chains of the latest settings (a ChainSet, advanced in slices by the
 * scheduler), the geometry of their view (the functional, the label rule, the plane), and what is
 * computed for the panels beside them: the contour grid, the diagnostics at the cursor, the curve.
 */
import { chainPlane, type ChainPlane } from '../../engine/samplers/chain-plane';
import { VIEW_FIELDS, functionalAcf, planeBox, viewRows, type GridBox, type ViewGeometry } from '../../engine/samplers/chain-view';
import { meansLambdaAtMle } from '../../engine/samplers/gibbs-rate';
import { ChainSet } from '../../engine/samplers/run-chains';
import { truthTheta } from '../../engine/data';
import { chainsCurveKey } from '../../experiment/codec';
import { CHAINS, chainSetSpec } from '../../experiment/chains-spec';
import type { ExperimentState } from '../../experiment/state';
import type { PlaneInfo, SamplerBatch, SamplerHeader, SamplerStat, SummaryAt } from '../sampler-protocol';

/** Lags of the autocorrelation function sent to the panel. */
export const ACF_LAGS = 40;
/** The contour grid's cells per side. */
export const GRID_SIZE = 40;
/** At most this many draws per sampler in one pull (bounds a message while a long run streams in). */
const MAX_BATCH = 4000;

export interface Job {
  readonly epoch: number;
  readonly state: ExperimentState;
  readonly curveKey: string;
  readonly set: ChainSet;
  readonly geometry: ViewGeometry;
  readonly box: (GridBox & { showsTwin: boolean }) | null;
  readonly header: SamplerHeader;
  /** The draw the page shows: the chains are computed up to it (and a look-ahead) first. */
  cursor: number;
  /** Rows of the contour grid done, and its values. */
  gridRow: number;
  gridValues: Float64Array | null;
  gridSent: boolean;
  /** Set when an export waits for the chains' end (they then come before the curve). */
  exportWaiters: (() => void)[];
  error: string | null;
}

function planeInfo(plane: ChainPlane, box: GridBox & { showsTwin: boolean }): PlaneInfo {
  return {
    kind: plane.kind,
    eigen: plane.eigen.map((e) => ({ ...e })),
    mode: [plane.mode[0], plane.mode[1]],
    twin: [plane.twin[0], plane.twin[1]],
    twinDistance: plane.twinDistance,
    box: { x0: box.x0, x1: box.x1, y0: box.y0, y1: box.y1, showsTwin: box.showsTwin },
  };
}

export function createJob(epoch: number, state: ExperimentState, cursor: number): Job {
  // keepDraws: the CSV export lists every draw in natural coordinates.
  const set = new ChainSet(chainSetSpec(state, { keepDraws: true }));
  const { setup } = set;
  const plane = chainPlane(setup.target, setup.mode.phi, setup.mode.hessian);
  const box = plane ? planeBox(plane, GRID_SIZE) : null;
  const w = setup.functional?.w ?? null;
  const geometry: ViewGeometry = { swap: set.geometry, rule: setup.relabel, w, plane };
  const header: SamplerHeader = {
    epoch,
    dim: state.dim,
    restriction: setup.target.restriction,
    samplers: [...state.samplers],
    chains: CHAINS,
    draws: state.draws,
    warm: state.warm,
    p: setup.target.p,
    lambdaMax: setup.lambdaMax,
    lambdaMle: state.free === 'means' ? meansLambdaAtMle(setup, truthTheta(state)) : null,
    predictedGibbs: setup.predictedGibbs,
    spectrum: setup.functional ? Array.from(setup.functional.spectrum) : null,
    w: w ? Array.from(w) : null,
    relabel: setup.relabel,
    swapSymmetric: setup.swapSymmetric,
    setupPasses: setup.setupPasses,
    modeTheta: Array.from(setup.mode.theta),
    modeValue: Array.from(setup.mode.phi).reduce((s, x, i) => s + (w ? w[i] : i === 0 ? 1 : 0) * x, 0),
    plane: plane && box ? planeInfo(plane, box) : null,
  };
  return {
    epoch,
    state,
    curveKey: chainsCurveKey(state),
    set,
    geometry,
    box,
    header,
    cursor,
    gridRow: 0,
    gridValues: box ? new Float64Array(box.nx * box.ny) : null,
    gridSent: false,
    exportWaiters: [],
    error: null,
  };
}

/** Draws every chain of every sampler has (the stream's frontier). */
export const frontier = (j: Job): number => Math.min(...j.header.samplers.map((s) => j.set.drawCount(s)));

/** View rows of the draws past `since` (per sampler, header order), at most MAX_BATCH each. */
export function batchesSince(j: Job, since: readonly number[]): SamplerBatch[] {
  const out: SamplerBatch[] = [];
  j.header.samplers.forEach((s, i) => {
    const from = Math.max(0, since[i] ?? 0);
    const to = Math.min(j.set.drawCount(s), from + MAX_BATCH);
    if (to <= from) return;
    const count = to - from;
    const data = new Float64Array(CHAINS * count * VIEW_FIELDS);
    for (let c = 0; c < CHAINS; c++) viewRows(j.geometry, j.set.phiOf(s, c)!, j.set.costOf(s, c)!, from, to, data, c * count * VIEW_FIELDS);
    out.push({ sampler: s, from, count, data });
  });
  return out;
}

/** The diagnostics on each chain's first `at` draws, and the autocorrelation of the functional there. */
export function summaryAt(j: Job, at: number): SummaryAt {
  const upTo = Math.min(at, frontier(j));
  const results = j.set.results(upTo);
  const stats: SamplerStat[] = results.map((r) => {
    const f = Array.from({ length: CHAINS }, (_, c) => {
      const rows = new Float64Array(upTo * VIEW_FIELDS);
      viewRows(j.geometry, j.set.phiOf(r.sampler, c)!, j.set.costOf(r.sampler, c)!, 0, upTo, rows);
      return Float64Array.from({ length: upTo }, (_, t) => rows[t * VIEW_FIELDS]);
    });
    const acf = upTo >= 4 ? functionalAcf(f, ACF_LAGS) : null;
    return {
      sampler: r.sampler,
      passes: r.passes,
      acceptance: r.acceptance,
      stepSize: r.stepSize,
      summary: r.summary,
      acf: acf ? Array.from(acf) : null,
    };
  });
  return { at: upTo, stats };
}
