/**
 * The conjugate priors of the mixture posterior, their data-scaled defaults, and their log density in the
 * samplers' free coordinates (Jacobian included).
 *
 * Full model: π ~ Beta(a, a); each component (μ_k, Σ_k) ~ Normal–inverse-Wishart(m₀, κ₀, ν₀, Ψ₀):
 *   Σ_k ~ IW(ν₀, Ψ₀), μ_k | Σ_k ~ N(m₀, Σ_k/κ₀). In 1D the IW is the inverse-gamma IG(α₀ = ν₀/2, β₀ = ψ₀/2).
 * Means-only: π and Σ_k known; μ_k ~ N(m₀, C₀).
 * Defaults (weak, scaled to the data so that moving or stretching the data moves the prior with it):
 *   a = 1 (uniform weight); m₀ = sample mean; κ₀ = 0.01 (μ's prior sd is 10× the component's sd);
 *   ν₀ = D + 3 and Ψ₀ = S, the sample covariance, so E[Σ_k] = S/2 (1D: α₀ = 2, β₀ = s²/2);
 *   means-only: C₀ = 10² · S (a prior sd of 10 data sds).
 */
import { log } from '../detmath';
import { sampleCovariance, sampleMean } from '../init';
import type { Dim } from '../types';

export interface PriorSettings {
  /** Beta(a, a) on the weight π. Default 1. */
  readonly a?: number;
  /** κ₀. Default 0.01. */
  readonly kappa0?: number;
  /** ν₀ (1D: 2α₀). Default D + 3. */
  readonly nu0?: number;
  /** Ψ₀ = psiScale · sample covariance (1D: β₀ = psiScale · s²/2). Default 1. */
  readonly psiScale?: number;
  /** Means-only: μ_k's prior sd in data sds. Default 10. */
  readonly meanSd?: number;
}

export interface ComponentPrior {
  /** Prior centre of the mean (length D). */
  readonly m0: Float64Array;
  readonly kappa0: number;
  readonly nu0: number;
  /** Ψ₀: [ψ] in 1D, vech [xx, xy, yy] in 2D. */
  readonly psi0: Float64Array;
}

export interface MeanPrior {
  readonly m0: Float64Array;
  /** C₀: [c] in 1D, vech in 2D. */
  readonly cov: Float64Array;
}

/** Every hyper-parameter, per component (the defaults make both components alike: an exchangeable prior). */
export interface MixturePrior {
  readonly dim: Dim;
  readonly a: number;
  readonly comps: readonly [ComponentPrior, ComponentPrior];
  readonly means: readonly [MeanPrior, MeanPrior];
}

export const PRIOR_DEFAULTS = { a: 1, kappa0: 0.01, psiScale: 1, meanSd: 10 } as const;

export function resolvePrior(dim: Dim, data: Float64Array, s: PriorSettings = {}): MixturePrior {
  const m0 = sampleMean(data, dim);
  const S = sampleCovariance(data, dim);
  const psiScale = s.psiScale ?? PRIOR_DEFAULTS.psiScale;
  const comp: ComponentPrior = {
    m0,
    kappa0: s.kappa0 ?? PRIOR_DEFAULTS.kappa0,
    nu0: s.nu0 ?? dim + 3,
    psi0: S.map((x) => psiScale * x),
  };
  const sd = s.meanSd ?? PRIOR_DEFAULTS.meanSd;
  const mean: MeanPrior = { m0, cov: S.map((x) => sd * sd * x) };
  return { dim, a: s.a ?? PRIOR_DEFAULTS.a, comps: [comp, comp], means: [mean, mean] };
}

/** Both components have the same prior: the posterior is then symmetric under the label swap. */
export function exchangeable(prior: MixturePrior): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).every((v, i) => v === y[i]);
  const [c1, c2] = prior.comps;
  const [m1, m2] = prior.means;
  return (
    same(c1.m0, c2.m0) &&
    c1.kappa0 === c2.kappa0 &&
    c1.nu0 === c2.nu0 &&
    same(c1.psi0, c2.psi0) &&
    same(m1.m0, m2.m0) &&
    same(m1.cov, m2.cov)
  );
}

/**
 * log p(φ) + log|∂θ/∂φ| of the full model at free coordinates φ (types.ts layout), up to a constant,
 * with its gradient added into `grad`. θ is fromFree(φ), passed in to save recomputing it.
 */
export function logPriorFree(prior: MixturePrior, phi: Float64Array, theta: Float64Array, grad: Float64Array): number {
  const pi = theta[0];
  // Beta(a, a) in logit coordinates: (a − 1)·log π(1−π) + log π(1−π) (the Jacobian dπ/dz = π(1−π)).
  const lp = prior.a * (log(pi) + log(1 - pi));
  grad[0] += prior.a * (1 - 2 * pi);
  return prior.dim === 1 ? lp + niw1(prior, phi, theta, grad) : lp + niw2(prior, phi, theta, grad);
}

/** 1D NIG in (μ, s = log v): −(ν₀+3)/2·s − (ψ₀ + κ₀(μ−m₀)²)/(2v) + s (the Jacobian dv/ds = v). */
function niw1(prior: MixturePrior, phi: Float64Array, theta: Float64Array, grad: Float64Array): number {
  let lp = 0;
  for (let k = 0; k < 2; k++) {
    const c = prior.comps[k];
    const s = phi[3 + k];
    const v = theta[3 + k];
    const d = theta[1 + k] - c.m0[0];
    const A = c.psi0[0] + c.kappa0 * d * d;
    const expo = (c.nu0 + 3) / 2 - 1;
    lp += -expo * s - A / (2 * v);
    grad[1 + k] += (-c.kappa0 * d) / v;
    grad[3 + k] += -expo + A / (2 * v);
  }
  return lp;
}

/**
 * 2D NIW in log-Cholesky coordinates: −(ν₀+4)/2·log|Σ| − ½ tr(AΣ⁻¹), A = Ψ₀ + κ₀ddᵀ, plus the Jacobian
 * log|∂ vech Σ/∂(l11, l21, l22)| = log 4 + 3 l11 + 2 l22 (vech Σ = (e^{2l11}, e^{l11} l21, l21² + e^{2l22})).
 */
function niw2(prior: MixturePrior, phi: Float64Array, theta: Float64Array, grad: Float64Array): number {
  let lp = 0;
  for (let k = 0; k < 2; k++) {
    const c = prior.comps[k];
    const o = 5 + 3 * k;
    const sa = theta[o],
      sb = theta[o + 1],
      sc = theta[o + 2];
    const det = sa * sc - sb * sb;
    const pa = sc / det,
      pb = -sb / det,
      pc = sa / det;
    const dx = theta[1 + 2 * k] - c.m0[0],
      dy = theta[2 + 2 * k] - c.m0[1];
    const Axx = c.psi0[0] + c.kappa0 * dx * dx,
      Axy = c.psi0[1] + c.kappa0 * dx * dy,
      Ayy = c.psi0[2] + c.kappa0 * dy * dy;
    const logDet = 2 * (phi[o] + phi[o + 2]);
    const cexp = (c.nu0 + 4) / 2;
    // tr(A P) with P = Σ⁻¹.
    const trAP = Axx * pa + 2 * Axy * pb + Ayy * pc;
    lp += -cexp * logDet - 0.5 * trAP + 3 * phi[o] + 2 * phi[o + 2];
    // ∂/∂μ = −κ₀ P d.
    grad[1 + 2 * k] += -c.kappa0 * (pa * dx + pb * dy);
    grad[2 + 2 * k] += -c.kappa0 * (pb * dx + pc * dy);
    // Symmetric-matrix gradient G = −c P + ½ P A P (d lp = tr(G dΣ)).
    const PAxx = pa * Axx + pb * Axy,
      PAxy = pa * Axy + pb * Ayy,
      PAyx = pb * Axx + pc * Axy,
      PAyy = pb * Axy + pc * Ayy;
    const g11 = -cexp * pa + 0.5 * (PAxx * pa + PAxy * pb);
    const g12 = -cexp * pb + 0.5 * (PAxx * pb + PAxy * pc);
    const g22 = -cexp * pc + 0.5 * (PAyx * pb + PAyy * pc);
    addCholeskyGradient(theta, o, g11, g12, g22, grad);
    grad[o] += 3;
    grad[o + 2] += 2;
  }
  return lp;
}

/** Chain rule from a symmetric-matrix gradient G of Σ_k (at θ offset o) to its log-Cholesky coordinates (as model2d). */
export function addCholeskyGradient(theta: Float64Array, o: number, g11: number, g12: number, g22: number, grad: Float64Array): void {
  const a = theta[o],
    b = theta[o + 1],
    c = theta[o + 2];
  const L11 = Math.sqrt(a),
    L21 = b / L11,
    L22sq = (a * c - b * b) / a;
  grad[o] += 2 * (g11 * L11 + g12 * L21) * L11;
  grad[o + 1] += 2 * (g12 * L11 + g22 * L21);
  grad[o + 2] += 2 * g22 * L22sq;
}

/** Means-only: Σ_k −½ (μ_k − m₀)ᵀ C₀⁻¹ (μ_k − m₀) at the means vector mu (length 2D), gradient added. */
export function logMeanPrior(prior: MixturePrior, mu: Float64Array, grad: Float64Array): number {
  let lp = 0;
  const D = prior.dim;
  for (let k = 0; k < 2; k++) {
    const { m0, cov } = prior.means[k];
    if (D === 1) {
      const d = mu[k] - m0[0];
      lp -= (0.5 * d * d) / cov[0];
      grad[k] -= d / cov[0];
    } else {
      const det = cov[0] * cov[2] - cov[1] * cov[1];
      const ia = cov[2] / det,
        ib = -cov[1] / det,
        ic = cov[0] / det;
      const dx = mu[2 * k] - m0[0],
        dy = mu[2 * k + 1] - m0[1];
      const gx = ia * dx + ib * dy,
        gy = ib * dx + ic * dy;
      lp -= 0.5 * (dx * gx + dy * gy);
      grad[2 * k] -= gx;
      grad[2 * k + 1] -= gy;
    }
  }
  return lp;
}
