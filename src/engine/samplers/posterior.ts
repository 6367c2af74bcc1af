/**
 * The marginal posterior the marginal samplers target, log p(φ | x) up to a constant, with z summed out:
 * L(θ(φ)) from one E-step (one pass over the data, which also gives ∇L by Fisher's identity) plus the
 * prior and log|∂θ/∂φ| (priors.ts). φ are the free coordinates of the restriction:
 *   full:  the model's free coordinates (types.ts: logit π, means, log variances / log-Cholesky);
 *   means: the two means only (length 2D), with π and Σ_k held at `fixed`.
 * Outside the domain (or where L is not finite) the log density is −∞ and the gradient zero: a sampler
 * rejects there, so no non-finite number reaches a draw.
 */
import type { MixtureModel, Theta } from '../types';
import { logMeanPrior, logPriorFree, type MixturePrior } from './priors';

export type Restriction = 'full' | 'means';

export interface Target {
  readonly restriction: Restriction;
  readonly model: MixtureModel;
  /** Length of φ. */
  readonly p: number;
  /** null: the likelihood alone (for the means-only MLE). */
  readonly prior: MixturePrior | null;
  /** log p(φ | x) + const, and ∇_φ into grad (length p). One pass. */
  logDensityGrad(phi: Float64Array, grad: Float64Array): number;
  /** θ (natural, types.ts layout) of φ. */
  theta(phi: Float64Array): Theta;
  /** φ of θ. */
  free(theta: Theta): Float64Array;
  /** φ in the other labelling. */
  swap(phi: Float64Array): Float64Array;
  /** ∂θ/∂φ at φ (model.p × p, row-major). */
  jacobian(phi: Float64Array): Float64Array;
}

/** Indices of the means in θ (and in the full model's φ). */
export const meanIndices = (dim: 1 | 2): number[] => (dim === 1 ? [1, 2] : [1, 2, 3, 4]);

export function createTarget(
  model: MixtureModel,
  restriction: Restriction,
  prior: MixturePrior | null,
  fixed: Theta | null = null,
): Target {
  if (restriction === 'full') {
    if (!prior) throw new Error('the full model needs a proper prior: its likelihood is unbounded');
    return fullTarget(model, prior);
  }
  if (!fixed || fixed.length !== model.p) throw new Error('the means-only restriction needs the known θ (weight and covariances)');
  return meansTarget(model, prior, fixed);
}

function fullTarget(model: MixtureModel, prior: MixturePrior): Target {
  const p = model.p;
  return {
    restriction: 'full',
    model,
    p,
    prior,
    logDensityGrad(phi, grad) {
      grad.fill(0);
      const theta = model.fromFree(phi);
      if (model.domainError(theta) !== null) return -Infinity;
      const e = model.estep(theta);
      if (!Number.isFinite(e.logLik)) return -Infinity;
      const g = model.gradientFree(e);
      for (let i = 0; i < p; i++) grad[i] = g[i];
      const lp = e.logLik + logPriorFree(prior, phi, theta, grad);
      return Number.isFinite(lp) && grad.every(Number.isFinite) ? lp : reject(grad);
    },
    theta: (phi) => model.fromFree(phi),
    free: (theta) => model.toFree(theta),
    swap: (phi) => model.toFree(model.swapLabels(model.fromFree(phi))),
    jacobian(phi) {
      // Central differences of fromFree: smooth and cheap (no pass over the data), error ~h².
      const J = new Float64Array(p * p);
      for (let j = 0; j < p; j++) {
        const h = 1e-5 * Math.max(1, Math.abs(phi[j]));
        const a = Float64Array.from(phi);
        const b = Float64Array.from(phi);
        a[j] += h;
        b[j] -= h;
        const ta = model.fromFree(a),
          tb = model.fromFree(b);
        for (let i = 0; i < p; i++) J[i * p + j] = (ta[i] - tb[i]) / (a[j] - b[j]);
      }
      return J;
    },
  };
}

function meansTarget(model: MixtureModel, prior: MixturePrior | null, fixed: Theta): Target {
  const idx = meanIndices(model.dim);
  const p = idx.length;
  const pt = model.p;
  const theta = (phi: Float64Array): Theta => {
    const t = Float64Array.from(fixed);
    for (let i = 0; i < p; i++) t[idx[i]] = phi[i];
    return t;
  };
  const D = model.dim;
  return {
    restriction: 'means',
    model,
    p,
    prior,
    logDensityGrad(phi, grad) {
      grad.fill(0);
      const t = theta(phi);
      if (model.domainError(t) !== null) return -Infinity;
      const e = model.estep(t);
      if (!Number.isFinite(e.logLik)) return -Infinity;
      const g = model.gradientFree(e); // the means' entries are ∂L/∂μ in both coordinate systems
      for (let i = 0; i < p; i++) grad[i] = g[idx[i]];
      const lp = e.logLik + (prior ? logMeanPrior(prior, phi, grad) : 0);
      return Number.isFinite(lp) && grad.every(Number.isFinite) ? lp : reject(grad);
    },
    theta,
    free: (t) => Float64Array.from(idx, (i) => t[i]),
    // The two means exchange (the known π and Σ_k stay: the swap is a symmetry only when they are alike).
    swap: (phi) => (D === 1 ? Float64Array.of(phi[1], phi[0]) : Float64Array.of(phi[2], phi[3], phi[0], phi[1])),
    jacobian() {
      const J = new Float64Array(pt * p);
      for (let j = 0; j < p; j++) J[idx[j] * p + j] = 1;
      return J;
    },
  };
}

function reject(grad: Float64Array): number {
  grad.fill(0);
  return -Infinity;
}

/** The swap is a symmetry of the posterior: exchangeable prior and, for means-only, alike known parts. */
export function swapIsSymmetry(target: Target, fixed: Theta | null, priorExchangeable: boolean): boolean {
  if (!priorExchangeable) return false;
  if (target.restriction === 'full') return true;
  const f = fixed as Theta;
  const s = target.model.swapLabels(f);
  const known = Array.from({ length: f.length }, (_, i) => i).filter((i) => !meanIndices(target.model.dim).includes(i));
  return known.every((i) => s[i] === f[i]);
}
