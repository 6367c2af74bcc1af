/** Information-matrix diagnostics at any θ: I_oc, I_m, I_o and the spectrum of DM = I_oc⁻¹ I_m. */
import { dmSpectrum, isPositiveDefinite, solve } from './linalg';
import type { EStep, MixtureModel } from './types';
import { normInf, sub } from './vec';

export interface Information {
  ioc: Float64Array;
  im: Float64Array;
  io: Float64Array;
}

export function information(model: MixtureModel, e: EStep): Information {
  const ioc = model.completeInfo(e);
  const im = model.missingInfo(e.theta);
  return { ioc, im, io: ioc.map((x, i) => x - im[i]) };
}

/** The Newton step I_o⁻¹∇L with the exact observed information, or null where I_o is not positive definite. */
export function newtonDirection(model: MixtureModel, e: EStep): Float64Array | null {
  const { io } = information(model, e);
  if (!isPositiveDefinite(io, model.p)) return null;
  return solve(io, model.gradient(e), model.p);
}

/** Eigenvalues of DM(θ), descending, or null where I_oc(θ) is not positive definite. */
export function spectrumAt(model: MixtureModel, e: EStep): Float64Array | null {
  return dmSpectrum(model.completeInfo(e), model.missingInfo(e.theta), model.p);
}

/** ‖M(θ) − θ‖∞: how far θ is from being an EM fixed point. */
export function emResidual(model: MixtureModel, e: EStep): number {
  return normInf(sub(model.mstep(e), e.theta));
}
