/**
 * Where EM is slow on the HMM: the eigenvector of DM for λ_max at a fixed point θ*, and how it
 * splits between the transitions, the means and the variances.
 *
 * The split is measured in the complete-data information norm, ‖v‖² = Σ_i I_oc,ii v_i², because that
 * norm does not depend on the units of the coordinates (a raw eigenvector does: rescale y and the
 * mean entries grow) and DM is self-adjoint in it, so the eigenvectors are I_oc-orthogonal (em-theory
 * §3.2). In the free coordinates I_oc is diagonal at a fixed point (§16.2):
 * (N_k1 + N_k2) a_kk (1 − a_kk) for logit a_kk, G_k / v_k for μ_k, G_k / 2 for log v_k.
 */
import { EigenvalueDecomposition } from 'ml-matrix';
import { toMatrix } from '../linalg';
import type { EStep, LatentModel } from '../types';
import { semMatrix } from './derivatives';

export interface SlowMode {
  readonly lambda: number;
  /** The eigenvector in free coordinates (unit I_oc-norm). */
  readonly vector: Float64Array;
  /** Shares of ‖v‖²_{I_oc}: transitions (logit a11, a22), means, variances (log v1, v2); they sum to 1. */
  readonly transitions: number;
  readonly means: number;
  readonly variances: number;
}

/** Diagonal of I_oc in the free coordinates at a fixed point. */
export function completeInfoDiagFree(e: EStep): Float64Array {
  const t = e.theta;
  const s = e.stats;
  return Float64Array.of(
    (s[0] + s[1]) * t[0] * (1 - t[0]),
    (s[2] + s[3]) * t[1] * (1 - t[1]),
    s[4] / t[4],
    s[5] / t[5],
    s[4] / 2,
    s[5] / 2,
  );
}

/** The shares of a free-coordinate vector in the I_oc norm. */
export function loadingShares(v: ArrayLike<number>, ioc: Float64Array): { transitions: number; means: number; variances: number } {
  const w = Array.from(ioc, (x, i) => x * v[i] * v[i]);
  const total = w.reduce((a, b) => a + b, 0);
  return { transitions: (w[0] + w[1]) / total, means: (w[2] + w[3]) / total, variances: (w[4] + w[5]) / total };
}

/** The slow mode at e.theta (meant for a fixed point: 12 passes for DM), or null where DM fails or λ_max is complex. */
export function slowMode(model: LatentModel, e: EStep): SlowMode | null {
  const J = semMatrix(model, e.theta);
  if (!J) return null;
  const evd = new EigenvalueDecomposition(toMatrix(J, model.p));
  const re = evd.realEigenvalues;
  let top = 0;
  for (let i = 1; i < re.length; i++) if (re[i] > re[top]) top = i;
  if (Math.abs(evd.imaginaryEigenvalues[top]) > 1e-9) return null;
  const raw = Float64Array.from(evd.eigenvectorMatrix.getColumn(top));
  const ioc = completeInfoDiagFree(e);
  const norm = Math.sqrt(raw.reduce((a, x, i) => a + ioc[i] * x * x, 0));
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const vector = raw.map((x) => x / norm);
  return { lambda: re[top], vector, ...loadingShares(vector, ioc) };
}
