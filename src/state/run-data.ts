/**
 * Reading the run data: which row each method shows at the cursor, what is still pending, and
 * the EM-rate diagnostics derived from a trace. Pure functions over RunState (no React).
 */
import { swapComponents } from '../engine/params';
import { windowRatio } from '../engine/rates';
import type { MethodId } from '../engine/types';
import { field, thetaColumn, thetaView } from './rows';
import type { MethodTrace, RaceHeader, RunState } from './store';

export const isCurrent = (run: RunState): run is RunState & { header: RaceHeader } => run.header !== null && run.header.epoch === run.epoch;

/** Row index a method shows at iteration `it`: its last row once stopped; −1 while pending. */
export function rowAt(trace: MethodTrace, it: number): number {
  if (it < trace.count) return it;
  return trace.stop ? trace.count - 1 : -1;
}

/** Results for the current settings at `it` are not all here yet. */
export function pendingAt(run: RunState, it: number): boolean {
  if (!isCurrent(run)) return true;
  return run.traces.some((t) => rowAt(t, it) < 0);
}

/**
 * What results at `it` are still missing: 'none'; 'deferred' when only deferred lanes (Adam) are
 * still computing up to the cursor (the panels draw the others and mark those lanes); 'other'.
 */
export function pendingKind(run: RunState, it: number): 'none' | 'deferred' | 'other' {
  if (!isCurrent(run)) return 'other';
  let kind: 'none' | 'deferred' = 'none';
  for (const t of run.traces)
    if (rowAt(t, it) < 0) {
      if (!run.header.deferred.includes(t.method)) return 'other';
      kind = 'deferred';
    }
  return kind;
}

/** Methods still computing up to the cursor (shown as "computing…"). */
export function pendingMethods(run: RunState, it: number): MethodId[] {
  if (!isCurrent(run)) return [];
  return run.traces.filter((t) => rowAt(t, it) < 0).map((t) => t.method);
}

/** The λ_max-vs-separation curve for the current settings is complete. */
export const curveReady = (run: RunState): boolean =>
  run.lambdaCurveEpoch === run.epoch && run.lambdaCurveTotal > 0 && run.lambdaCurve.length >= run.lambdaCurveTotal;

/** Highest iteration every running method has reached (Infinity once all stopped). */
export function frontier(run: RunState): number {
  let m = Infinity;
  for (const t of run.traces) if (!t.stop) m = Math.min(m, t.count - 1);
  return m;
}

/** Last iteration of the longest run computed so far. */
export function lastIteration(run: RunState): number {
  let m = 0;
  for (const t of run.traces) m = Math.max(m, t.count - 1);
  return m;
}

export const traceOf = (run: RunState, method: MethodId): MethodTrace | undefined => run.traces.find((t) => t.method === method);

// ------------------------------------------------------------------------- observed rates

export interface ObservedRates {
  /** Median of ‖e_{k+1}‖/‖e_k‖ over the asymptotic window (→ λ_max). */
  paramRatio: number;
  /** Median of gap_{k+1}/gap_k over the asymptotic window (→ λ_max²). */
  gapRatio: number;
  /** Iterations the ratios were taken over (inclusive), or null when the window is empty. */
  paramWindow: [number, number] | null;
  gapWindow: [number, number] | null;
}

/**
 * Observed linear rates from a trace (docs/theory.md §4): the ratios are taken where the error is
 * small enough to be asymptotic and large enough to be above float64 noise.
 * Parameter error uses the closer of the two labellings of θ*.
 */
export function observedRates(run: RunState, trace: MethodTrace, upTo = Infinity): ObservedRates {
  const h = run.header!;
  const p = h.p;
  const star = h.optimum.theta;
  const starSwapped = swapComponents(h.dim, star);
  const last = Math.min(trace.count - 1, upTo);
  const logLik = field('logLik');
  const theta = Array.from({ length: p }, (_, j) => thetaColumn(j));
  const errs: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i <= last; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < p; j++) {
      const x = theta[j](trace, i);
      a += (x - star[j]) ** 2;
      b += (x - starSwapped[j]) ** 2;
    }
    errs.push(Math.sqrt(Math.min(a, b)));
    gaps.push(h.optimum.logLik - logLik(trace, i));
  }
  const scale = Math.max(1, Math.abs(h.optimum.logLik));
  // Windows as in docs/theory.md §4; the gap's floor rises with |L*| (float64 resolution of L).
  // A wider window than the CLI's (up to 1e-2) so the panel has a reading early in a run; ≥ 3 ratios.
  const pr = windowRatio(errs, [1e-10, 1e-2], 3);
  const gr = windowRatio(gaps, [Math.max(1e-10, 64 * Number.EPSILON * scale), 1e-2], 3);
  return {
    paramRatio: pr.value ?? NaN,
    gapRatio: gr.value ?? NaN,
    paramWindow: pr.window,
    gapWindow: gr.window,
  };
}

/**
 * EM's observed rates over its whole computed trace — what the spectrum panel shows and the article
 * binds — computed once per (epoch, EM rows), so both read the very same numbers. null without EM.
 */
let emRatesMemo: { key: string; value: ObservedRates | null } = { key: '', value: null };
export function emObservedRates(run: RunState): ObservedRates | null {
  const em = traceOf(run, 'em');
  if (!run.header || !em) return null;
  const key = `${run.header.epoch}:${em.count}`;
  if (key !== emRatesMemo.key) emRatesMemo = { key, value: observedRates(run, em) };
  return emRatesMemo.value;
}

/**
 * θ* and the truth labelled the way the runs are. The engine aligns θ* to the truth, but a start
 * with the components the other way round converges to θ*'s label-swapped twin (same likelihood);
 * plots of parameters must compare a run with the twin it is heading for. Decided by EM's latest
 * row (EM's limit is θ* by definition), else the first method's.
 */
export function alignedReference(run: RunState): { optimum: Float64Array; truth: Float64Array } {
  const h = run.header!;
  const t = traceOf(run, 'em') ?? run.traces[0];
  const star = h.optimum.theta;
  if (!t || t.count === 0) return { optimum: star, truth: h.truth };
  const theta = thetaView(t, t.count - 1);
  const swapped = swapComponents(h.dim, star);
  let a = 0;
  let b = 0;
  for (let j = 0; j < h.p; j++) {
    const x = theta[j];
    a += (x - star[j]) ** 2;
    b += (x - swapped[j]) ** 2;
  }
  return b < a ? { optimum: swapped, truth: swapComponents(h.dim, h.truth) } : { optimum: star, truth: h.truth };
}

/** The DM eigenvalues that can be non-zero: (p+1)/2 of p (docs/theory.md §3.4). */
export const nonZeroEigenCount = (p: number): number => (p + 1) / 2;
