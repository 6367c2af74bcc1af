/**
 * A race: every chosen method from one shared start on one data set, with the stop rules applied
 * uniformly. Advanced incrementally (the worker streams rows) or to the end (CLI, tests).
 */
import { Evaluator } from './evaluator';
import { familyData } from './family-data';
import { methodSpec } from './methods/registry';
import type { Optimizer, StepExtra, StepOutcome } from './methods/optimizer';
import { createModel1D } from './model1d';
import { createModel2D } from './model2d';
import { computeOptimum } from './optimum';
import type { RunSettings } from './spec';
import { stop } from './stop';
import type { MethodRun, Optimum, Race, TraceRow } from './trace';
import type { EStep, LatentModel, MethodId, MixtureModel, ModelFamily, StopReason, Theta } from './types';
import { norm2, normInf, sub } from './vec';

export interface RaceOptions {
  /**
   * Compute the DM spectrum at every row (one extra pass over the data per row): `true` for every
   * method, or only for the methods listed (the app shows one method's spectrum at a time).
   */
  spectrum?: boolean | readonly MethodId[];
  /** Called as each build stage ends ('data', 'optimum', 'lanes'): cheap timing hooks for the worker. */
  onPhase?: (name: string) => void;
  /** θ* when the caller has already computed it (the sweep does, more cheaply: engine/sweep-cell.ts). */
  optimum?: Optimum;
}

const familyLabel = (f: ModelFamily): string => familyData(f).label;

/** Relative ΔL below which L has stopped moving in float64 (a few ulps). */
const REL_DL_FLOOR = 1e-15;
const REL_DL_PATIENCE = 3;

export function createModel(dim: 1 | 2, data: Float64Array, floor: number): MixtureModel {
  return dim === 1 ? createModel1D(data, { varianceFloor: floor }) : createModel2D(data, { varianceFloor: floor });
}

/** Why no method can usefully start from a valid θ⁰, or null. */
export function startProblem(model: LatentModel, theta: Theta): StopReason | null {
  const { p, n } = model;
  if (n < 2 * p) return stop('too-few-points', `N = ${n} points cannot determine ${p} parameters (need at least ${2 * p})`);
  if (model.symmetric(theta))
    return stop(
      'symmetric-start',
      'both components start identical, so every point gets the same responsibility for each and they can never separate (π is unidentified, λ_max = 1); drag the start means apart or pick another start',
    );
  return null;
}

interface Lane {
  run: MethodRun;
  opt: Optimizer | null;
  ev: Evaluator;
  flat: number;
  /** Per-row DM spectra for this method. */
  spectrum: boolean;
}

/** The race on a given model and start (tests and the CLI's explicit data use this directly). */
export async function raceOnModel(
  model: LatentModel,
  init: Theta,
  truth: Theta | null,
  state: RunSettings,
  options: RaceOptions = {},
): Promise<Race> {
  const startE = model.domainError(init) === null ? model.estep(init) : null;
  if (!startE || !Number.isFinite(startE.logLik)) {
    throw new Error(`the start is not a valid mixture: ${model.domainError(init) ?? 'its likelihood is not finite'}`);
  }
  const problem = startProblem(model, init);
  const optimum: Optimum = options.optimum ?? computeOptimum(model, init, truth);
  options.onPhase?.('optimum');

  const want = options.spectrum;
  const spectrumOf = (method: MethodId): boolean => (typeof want === 'boolean' ? want : want !== undefined && want.includes(method));
  const rowFor = (
    iteration: number,
    evaluations: number,
    e: EStep,
    step: TraceRow['step'],
    spectrum: boolean,
    extra?: StepExtra,
  ): TraceRow => ({
    iteration,
    evaluations,
    logLik: e.logLik,
    theta: e.theta,
    entropy: e.entropy,
    gradNorm: norm2(model.gradientFree(e)),
    step,
    ...(spectrum ? { eigenvalues: model.spectrum(e) } : {}),
    ...(extra ? { extra } : {}),
  });

  const lanes: Lane[] = [];
  for (const method of state.methods) {
    const ev = new Evaluator(model);
    const m = methodSpec(method);
    // A method written for another family races no steps, and says why (its lane stays in the race).
    const unavailable = (m.families as readonly string[]).includes(model.family)
      ? null
      : stop(
          'not-for-model',
          `${m.label} is written for the ${m.families.map(familyLabel).join(' and ')}, not the ${familyLabel(model.family)}`,
        );
    const run: MethodRun = { method, rows: [], stop: problem ?? unavailable };
    ev.count = 1; // the E-step at the start
    const spectrum = spectrumOf(method);
    run.rows.push(rowFor(0, 1, startE, 'start', spectrum));
    const opt = run.stop ? null : await m.create({ model, ev, start: startE, options: state });
    lanes.push({ run, opt, ev, flat: 0, spectrum });
  }
  options.onPhase?.('lanes');

  const judge = (lane: Lane, out: StepOutcome, prev: TraceRow, row: TraceRow): StopReason | null => {
    if (out.stop) return out.stop;
    const c = model.degenerate(out.e);
    if (c) return c;
    const gap = optimum.logLik - row.logLik;
    let converged: StopReason | null = null;
    if (gap >= 0 && gap < state.tol)
      converged = stop('converged-gap', `gap L* − L = ${gap.toExponential(2)} < ${state.tol.toExponential()}`);
    else if (row.gradNorm < state.gtol)
      converged = stop('converged-grad', `‖∇L‖ = ${row.gradNorm.toExponential(2)} < ${state.gtol.toExponential()}`);
    else {
      const rel = Math.abs(row.logLik - prev.logLik) / Math.max(1, Math.abs(row.logLik));
      lane.flat = rel < REL_DL_FLOOR ? lane.flat + 1 : 0;
      if (lane.flat >= REL_DL_PATIENCE)
        converged = stop('converged-rel-dl', `L stopped changing (|ΔL|/|L| < ${REL_DL_FLOOR} for ${REL_DL_PATIENCE} iterations)`);
    }
    if (converged) {
      const err = Math.min(normInf(sub(row.theta, optimum.theta)), normInf(sub(model.swapLabels(row.theta), optimum.theta)));
      const dL = row.logLik - optimum.logLik;
      if (err > 1e-4 * Math.max(1, normInf(optimum.theta)) && Math.abs(dL) > Math.max(10 * state.tol, 1e-9 * Math.abs(optimum.logLik)))
        return stop(
          'other-stationary-point',
          `${converged.message.replace(/^converged: /, '')}, but at L = ${row.logLik.toFixed(6)}, not EM's L* = ${optimum.logLik.toFixed(6)} (${dL > 0 ? 'higher' : 'lower'} by ${Math.abs(dL).toExponential(2)})`,
        );
      return converged;
    }
    if (row.iteration >= state.iters) return stop('iteration-cap', `reached the cap of ${state.iters} iterations`);
    return null;
  };

  const race: Race = {
    model,
    dim: model.dim,
    data: model.data,
    truth: truth ?? optimum.theta,
    init,
    optimum,
    runs: lanes.map((l) => l.run),
    get done() {
      return lanes.every((l) => l.run.stop !== null);
    },
    dispose() {
      for (const l of lanes) l.opt?.dispose?.();
    },
    advance(maxIterations: number, only?: readonly number[]): boolean {
      for (let li = 0; li < lanes.length; li++) {
        if (only && !only.includes(li)) continue;
        const lane = lanes[li];
        for (let k = 0; k < maxIterations && lane.run.stop === null && lane.opt; k++) {
          const prev = lane.run.rows[lane.run.rows.length - 1];
          const out = lane.opt.step();
          const moved = out.e.theta !== prev.theta;
          if (moved) lane.run.rows.push(rowFor(prev.iteration + 1, lane.ev.count, out.e, out.kind, lane.spectrum, out.extra));
          const row = lane.run.rows[lane.run.rows.length - 1];
          lane.run.stop = judge(lane, out, prev, row) ?? (moved ? null : stop('line-search-failed', 'no progress'));
          if (lane.run.stop) lane.opt.dispose?.();
        }
      }
      return !race.done;
    },
  };
  if (race.done) for (const l of lanes) l.opt?.dispose?.();
  return race;
}
