/** Information-matrix diagnostics of the mixture at any θ: I_oc, I_m, I_o and the spectrum of DM = I_oc⁻¹ I_m. */
import { EigenvalueDecomposition } from 'ml-matrix';
import { dmSpectrum, isPositiveDefinite, solve, toMatrix } from './linalg';
import type { EStep, LatentModel, MixtureEStep, MixtureModel } from './types';
import { normInf, sub } from './vec';

export interface Information {
  ioc: Float64Array;
  im: Float64Array;
  io: Float64Array;
}

export function information(model: MixtureModel, e: MixtureEStep): Information {
  const ioc = model.completeInfo(e);
  const im = model.missingInfo(e.theta);
  return { ioc, im, io: ioc.map((x, i) => x - im[i]) };
}

/** The Newton step I_o⁻¹∇L with the exact observed information, or null where I_o is not positive definite. */
export function newtonDirection(model: MixtureModel, e: MixtureEStep): Float64Array | null {
  const { io } = information(model, e);
  if (!isPositiveDefinite(io, model.p)) return null;
  return solve(io, model.gradient(e), model.p);
}

/** Eigenvalues of DM(θ), descending, or null where I_oc(θ) is not positive definite. */
export function spectrumAt(model: LatentModel, e: EStep): Float64Array | null {
  if (model.family !== 'mixture') return model.spectrum(e);
  const m = model as MixtureModel;
  const me = e as MixtureEStep;
  return dmSpectrum(m.completeInfo(me), m.missingInfo(me.theta), m.p);
}

/** Eigenvalues of DM for reports: the symmetric form, else the real parts of the general eigenproblem. */
export function fullSpectrum(model: MixtureModel, e: MixtureEStep): Float64Array {
  const sym = spectrumAt(model, e);
  if (sym) return sym;
  const p = model.p;
  const ioc = model.completeInfo(e);
  const im = model.missingInfo(e.theta);
  const dm = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const col = solve(
      ioc,
      Float64Array.from({ length: p }, (_, i) => im[i * p + j]),
      p,
    );
    if (!col) return new Float64Array(0);
    for (let i = 0; i < p; i++) dm[i * p + j] = col[i];
  }
  return realSpectrum(dm, p);
}

/** Real parts of a general p×p matrix's eigenvalues, descending (non-finite ones dropped). */
export function realSpectrum(matrix: Float64Array, p: number): Float64Array {
  const ev = new EigenvalueDecomposition(toMatrix(matrix, p)).realEigenvalues;
  return Float64Array.from(ev.filter(Number.isFinite)).sort().reverse();
}

/** ‖M(θ) − θ‖∞: how far θ is from being an EM fixed point. */
export function emResidual(model: LatentModel, e: EStep): number {
  return normInf(sub(model.mstep(e), e.theta));
}
