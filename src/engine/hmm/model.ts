/**
 * The 2-state Gaussian hidden Markov model as a LatentModel (em-theory.md §16), initial distribution
 * fixed at (½, ½) (one sequence cannot estimate it).
 *   θ (natural) = [a11, a22, μ1, μ2, v1, v2]   (a_kk = P(s_{t+1} = k | s_t = k), the stay probabilities)
 *   φ (free)    = [logit a11, logit a22, μ1, μ2, log v1, log v2]
 * One E-step is one forward–backward pass (forward-backward.ts, stats layout there). Newton and the
 * DM spectrum are built from finite differences of exact passes (derivatives.ts); degenerate fits,
 * the label swap and the symmetric start are in degenerate.ts.
 */
import { exp, log, log1p, sigmoid } from '../detmath';
import type { EStep, LatentModel, Theta } from '../types';
import { hmmDegenerate, hmmSwapLabels, hmmSymmetric } from './degenerate';
import { dmSpectrum, NEWTON_PASSES, newtonDirectionFD, SPECTRUM_PASSES } from './derivatives';
import { forwardBackward, PassScratch, type HmmPassParams } from './forward-backward';
import { hmmDomainError } from '../domain';

export const HMM_P = 6;

/**
 * The M-step keeps every stay probability within [A_FLOOR, 1 − A_FLOOR]: a state whose posterior
 * never leaves (no expected switch at all, as on a short sequence at p → 1) would otherwise get
 * a_kk = 1 exactly, outside the open domain. Like the variance floor, it moves only such boundary fits.
 */
export const A_FLOOR = 1e-10;

export interface HmmModel extends LatentModel {
  readonly family: 'hmm';
  /** E-steps (passes) one newtonDirection costs, and one spectrum / fullSpectrum. */
  readonly newtonPasses: number;
  readonly spectrumPasses: number;
  /** γ_t(1) = P(s_t = 1 | y, θ) for every t (one pass). */
  posteriors(theta: Theta, out?: Float64Array): Float64Array;
}

/** θ → the pass's parameters: the fixed initial (½, ½), switch probabilities 1 − a_kk (exact for a_kk ≥ ½, by Sterbenz). */
export const passParams = (t: Theta): HmmPassParams => ({
  a11: t[0],
  a12: 1 - t[0],
  a21: 1 - t[1],
  a22: t[1],
  p1: 0.5,
  p2: 0.5,
  m1: t[2],
  m2: t[3],
  v1: t[4],
  v2: t[5],
});

export function createHmmModel(data: Float64Array, options: { varianceFloor?: number } = {}): HmmModel {
  const n = data.length;
  const varianceFloor = options.varianceFloor ?? 0;
  const scratch = new PassScratch(n);

  const domainError = (t: Theta): string | null => hmmDomainError(t, varianceFloor);

  function estep(theta: Theta): EStep {
    const r = forwardBackward(data, passParams(theta), scratch);
    return { theta, logLik: r.logLik, entropy: r.entropy, stats: r.stats };
  }

  /** Baum–Welch; v' = Q/G − (S/G)² is Σ γ (y − μ')² / G without cancellation (the old-mean form, §16.2). */
  function mstep(e: EStep): Theta {
    const t = e.theta;
    const [N11, N12, N21, N22, G1, G2, S1, S2, Q1, Q2] = e.stats;
    const stay = (Nkk: number, Nko: number, a: number) => {
      const from = Nkk + Nko;
      if (!(from > 0)) return a; // never in this state before T: keep its row
      return Math.min(1 - A_FLOOR, Math.max(A_FLOOR, Nkk / from));
    };
    const emit = (G: number, S: number, Q: number, mu: number, v: number): [number, number] => {
      if (!(G > 0)) return [mu, Math.max(v, varianceFloor)]; // empty state: keep it where it is
      const dm = S / G;
      return [mu + dm, Math.max(Q / G - dm * dm, varianceFloor)];
    };
    const out = new Float64Array(HMM_P);
    out[0] = stay(N11, N12, t[0]);
    out[1] = stay(N22, N21, t[1]);
    [out[2], out[4]] = emit(G1, S1, Q1, t[2], t[4]);
    [out[3], out[5]] = emit(G2, S2, Q2, t[3], t[5]);
    return out;
  }

  /** Fisher's identity: ∇L = ∇_θ' Q(θ'|θ) at θ' = θ, from the expected counts alone. */
  function gradient(e: EStep): Float64Array {
    const [a11, a22, , , v1, v2] = e.theta;
    const [N11, N12, N21, N22, G1, G2, S1, S2, Q1, Q2] = e.stats;
    return Float64Array.of(
      N11 / a11 - N12 / (1 - a11),
      N22 / a22 - N21 / (1 - a22),
      S1 / v1,
      S2 / v2,
      (Q1 - G1 * v1) / (2 * v1 * v1),
      (Q2 - G2 * v2) / (2 * v2 * v2),
    );
  }

  /** ∂/∂ logit a_kk = N_kk(1 − a_kk) − N_ko a_kk; ∂/∂ log v_k = (Q_k/v_k − G_k)/2. */
  function gradientFree(e: EStep): Float64Array {
    const [a11, a22, , , v1, v2] = e.theta;
    const [N11, N12, N21, N22, G1, G2, S1, S2, Q1, Q2] = e.stats;
    return Float64Array.of(
      N11 * (1 - a11) - N12 * a11,
      N22 * (1 - a22) - N21 * a22,
      S1 / v1,
      S2 / v2,
      0.5 * (Q1 / v1 - G1),
      0.5 * (Q2 / v2 - G2),
    );
  }

  const logit = (a: number) => log(a) - log1p(-a);
  const toFree = (t: Theta): Float64Array => Float64Array.of(logit(t[0]), logit(t[1]), t[2], t[3], log(t[4]), log(t[5]));
  const fromFree = (f: Float64Array): Theta => Float64Array.of(sigmoid(f[0]), sigmoid(f[1]), f[2], f[3], exp(f[4]), exp(f[5]));

  function posteriors(theta: Theta, out = new Float64Array(n)): Float64Array {
    forwardBackward(data, passParams(theta), scratch, out);
    return out;
  }

  return {
    family: 'hmm',
    dim: 1,
    p: HMM_P,
    n,
    data,
    varianceFloor,
    logScaleFree: [4, 5],
    newtonPasses: NEWTON_PASSES,
    spectrumPasses: SPECTRUM_PASSES,
    domainError,
    estep,
    mstep,
    gradient,
    toFree,
    fromFree,
    gradientFree,
    posteriors,
    // `this`, not captured functions: a wrapper that spreads the model and replaces estep (a pass
    // counter, a memo) is the model the finite differences run on.
    newtonDirection(e) {
      return newtonDirectionFD(this, e);
    },
    spectrum(e) {
      return dmSpectrum(this, e.theta);
    },
    fullSpectrum(e) {
      return dmSpectrum(this, e.theta) ?? new Float64Array(0);
    },
    degenerate(e) {
      return hmmDegenerate(this, e);
    },
    swapLabels: hmmSwapLabels,
    symmetric: hmmSymmetric,
  };
}
