/**
 * MAP-EM: EM whose M-step maximises Q(θ'|θ) + log prior(θ') (closed form for the conjugate priors). It gives
 * mode.ts a start inside the posterior mode's basin without an MLE, which can collapse (unbounded L) on
 * small data; the prior keeps every component proper. Costs one pass per iteration.
 * 1D uses the prior in the free coordinates' form (Beta(a+1, a+1) and IG(α₀ − 1) kernels after the Jacobian),
 * whose fixed point is the φ-mode itself; 2D's log-Cholesky Jacobian is not conjugate, so 2D uses the plain
 * θ-density prior and leaves the last O(1/N) to Newton.
 */
import type { MixtureEStep, MixtureModel, Theta } from '../types';
import type { MixturePrior } from './priors';
import { meanIndices, type Restriction } from './posterior';

/** A deterministic start: π = ½, means at the quartiles of the first coordinate, covariances the sample one. */
export function quartileStart(model: MixtureModel): Theta {
  const D = model.dim;
  const n = model.n;
  const xs = Float64Array.from({ length: n }, (_, i) => model.data[i * D]).sort();
  const q = (f: number) => xs[Math.min(n - 1, Math.floor(f * (n - 1)))];
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) mean[j] += model.data[i * D + j] / n;
  if (D === 1) {
    let v = 0;
    for (let i = 0; i < n; i++) v += (model.data[i] - mean[0]) ** 2 / n;
    return Float64Array.of(0.5, q(0.25), q(0.75), v, v);
  }
  let xx = 0,
    xy = 0,
    yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = model.data[2 * i] - mean[0],
      dy = model.data[2 * i + 1] - mean[1];
    xx += (dx * dx) / n;
    xy += (dx * dy) / n;
    yy += (dy * dy) / n;
  }
  return Float64Array.of(0.5, q(0.25), mean[1], q(0.75), mean[1], xx, xy, yy, xx, xy, yy);
}

/** One MAP-EM map θ → M(θ) (means-only: only the means move). prior null: plain EM (means-only MLE). */
export function mapEMStep(model: MixtureModel, restriction: Restriction, prior: MixturePrior | null, e: MixtureEStep): Theta {
  const t = e.theta;
  const out = Float64Array.from(t);
  const D = model.dim;
  const R = [e.R1, e.R2];
  const s = e.stats;
  if (restriction === 'full' && prior) out[0] = (e.R1 + prior.a - (D === 1 ? 0 : 1)) / (model.n + 2 * prior.a - (D === 1 ? 0 : 2));
  for (let k = 0; k < 2; k++) {
    const Rk = R[k];
    if (D === 1) {
      const c = t[1 + k];
      const S = s[2 * k],
        Q = s[2 * k + 1]; // Σr(x − c), Σr(x − c)²
      if (restriction === 'means') {
        const v = t[3 + k];
        if (!prior) {
          if (Rk > 0) out[1 + k] = c + S / Rk;
          continue;
        }
        const mp = prior.means[k];
        const prec = Rk / v + 1 / mp.cov[0];
        out[1 + k] = ((Rk * c + S) / v + mp.m0[0] / mp.cov[0]) / prec;
        continue;
      }
      const cp = (prior as MixturePrior).comps[k];
      const mu = (cp.kappa0 * cp.m0[0] + Rk * c + S) / (cp.kappa0 + Rk);
      const dm = mu - c;
      const within = Math.max(Q - 2 * dm * S + Rk * dm * dm, 0);
      const d0 = mu - cp.m0[0];
      out[1 + k] = mu;
      out[3 + k] = (cp.psi0[0] + within + cp.kappa0 * d0 * d0) / (Rk + cp.nu0 + 1);
      continue;
    }
    // 2D: stats [b (2), vech A (3)] per component, centred at the current mean c.
    const o = 5 * k;
    const cx = t[1 + 2 * k],
      cy = t[2 + 2 * k];
    const bx = s[o],
      by = s[o + 1];
    if (restriction === 'means') {
      if (!prior) {
        if (Rk > 0) {
          out[1 + 2 * k] = cx + bx / Rk;
          out[2 + 2 * k] = cy + by / Rk;
        }
        continue;
      }
      const mp = prior.means[k];
      const [Pa, Pb, Pc] = inv2(t[5 + 3 * k], t[6 + 3 * k], t[7 + 3 * k]);
      const [Ca, Cb, Cc] = inv2(mp.cov[0], mp.cov[1], mp.cov[2]);
      const sx = Rk * cx + bx,
        sy = Rk * cy + by;
      const rx = Pa * sx + Pb * sy + Ca * mp.m0[0] + Cb * mp.m0[1];
      const ry = Pb * sx + Pc * sy + Cb * mp.m0[0] + Cc * mp.m0[1];
      const [Ha, Hb, Hc] = inv2(Rk * Pa + Ca, Rk * Pb + Cb, Rk * Pc + Cc);
      out[1 + 2 * k] = Ha * rx + Hb * ry;
      out[2 + 2 * k] = Hb * rx + Hc * ry;
      continue;
    }
    const cp = (prior as MixturePrior).comps[k];
    const kap = cp.kappa0 + Rk;
    const mx = (cp.kappa0 * cp.m0[0] + Rk * cx + bx) / kap,
      my = (cp.kappa0 * cp.m0[1] + Rk * cy + by) / kap;
    const dx = mx - cx,
      dy = my - cy;
    // Σ r (x − μ')(x − μ')ᵀ = A − b dᵀ − d bᵀ + R d dᵀ.
    const wxx = s[o + 2] - 2 * bx * dx + Rk * dx * dx;
    const wxy = s[o + 3] - bx * dy - dx * by + Rk * dx * dy;
    const wyy = s[o + 4] - 2 * by * dy + Rk * dy * dy;
    const ex = mx - cp.m0[0],
      ey = my - cp.m0[1];
    const den = Rk + cp.nu0 + 4;
    out[1 + 2 * k] = mx;
    out[2 + 2 * k] = my;
    out[5 + 3 * k] = (cp.psi0[0] + wxx + cp.kappa0 * ex * ex) / den;
    out[6 + 3 * k] = (cp.psi0[1] + wxy + cp.kappa0 * ex * ey) / den;
    out[7 + 3 * k] = (cp.psi0[2] + wyy + cp.kappa0 * ey * ey) / den;
  }
  return out;
}

export function inv2(a: number, b: number, c: number): [number, number, number] {
  const det = a * c - b * b;
  return [c / det, -b / det, a / det];
}

/** MAP-EM from θ0 until the means move less than tol (relative to the data's scale) or maxIter passes. */
export function runMapEM(
  model: MixtureModel,
  restriction: Restriction,
  prior: MixturePrior | null,
  theta0: Theta,
  maxIter = 3000,
  tol = 1e-10,
): { theta: Theta; passes: number } {
  let theta = theta0;
  const idx = meanIndices(model.dim);
  let passes = 0;
  for (let k = 0; k < maxIter; k++) {
    const e = model.estep(theta);
    passes++;
    const next = mapEMStep(model, restriction, prior, e);
    if (model.domainError(next) !== null) break;
    let step = 0;
    for (const i of idx) step = Math.max(step, Math.abs(next[i] - theta[i]));
    theta = next;
    if (step <= tol) break;
  }
  return { theta, passes };
}
