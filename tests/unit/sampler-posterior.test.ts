/**
 * The marginal posterior in free coordinates against an independent derivation: the textbook densities
 * (Beta, inverse-gamma / inverse-Wishart, normal) written with Math.log, the mixture likelihood summed per
 * point, and the log-Jacobian as the log-determinant of a finite-difference Jacobian of fromFree. Its
 * gradient against central differences; the mode is stationary; and the DM of mcmc/slowest.ts against the
 * engine's own spectrum (different coordinates, different assembly) at the MLE.
 */
import { determinant, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { generateData, truthTheta } from '../../src/engine/data';
import { initialTheta } from '../../src/engine/init';
import { slowestFunctional } from '../../src/engine/mcmc/slowest';
import { computeOptimum } from '../../src/engine/optimum';
import { findMode, negHessian } from '../../src/engine/samplers/mode';
import { createTarget } from '../../src/engine/samplers/posterior';
import { resolvePrior, type MixturePrior } from '../../src/engine/samplers/priors';
import { Rng } from '../../src/engine/samplers/rng';
import { createMixtureModel } from '../../src/engine/samplers/run-chains';
import type { Dim, Theta } from '../../src/engine/types';

const spec = (dim: Dim, sep: number, n = 300) => ({ dim, n, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed: 3 });

/** Independent mixture log-likelihood, summed point by point with Math.exp/log. */
function referenceLogLik(dim: Dim, data: Float64Array, t: Theta): number {
  const n = data.length / dim;
  let L = 0;
  for (let i = 0; i < n; i++) {
    const dens = [0, 1].map((k) => {
      const w = k === 0 ? t[0] : 1 - t[0];
      if (dim === 1) {
        const v = t[3 + k];
        return (w * Math.exp(-((data[i] - t[1 + k]) ** 2) / (2 * v))) / Math.sqrt(2 * Math.PI * v);
      }
      const [a, b, c] = [t[5 + 3 * k], t[6 + 3 * k], t[7 + 3 * k]];
      const det = a * c - b * b;
      const dx = data[2 * i] - t[1 + 2 * k],
        dy = data[2 * i + 1] - t[2 + 2 * k];
      const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
      return (w * Math.exp(-q / 2)) / (2 * Math.PI * Math.sqrt(det));
    });
    L += Math.log(dens[0] + dens[1]);
  }
  return L;
}

/** Independent log p(θ | x) + log|∂θ/∂φ| (constants dropped), natural θ. */
function referenceLogPost(dim: Dim, data: Float64Array, t: Theta, prior: MixturePrior, logJac: number): number {
  const L = referenceLogLik(dim, data, t);
  let lp = (prior.a - 1) * (Math.log(t[0]) + Math.log(1 - t[0]));
  for (let k = 0; k < 2; k++) {
    const cp = prior.comps[k];
    if (dim === 1) {
      const v = t[3 + k];
      const [alpha, beta] = [cp.nu0 / 2, cp.psi0[0] / 2];
      lp += -(alpha + 1) * Math.log(v) - beta / v; // inverse-gamma
      lp += -0.5 * Math.log(v / cp.kappa0) - (cp.kappa0 * (t[1 + k] - cp.m0[0]) ** 2) / (2 * v); // μ | v
    } else {
      const [a, b, c] = [t[5 + 3 * k], t[6 + 3 * k], t[7 + 3 * k]];
      const det = a * c - b * b;
      const [pa, pb, pc] = [c / det, -b / det, a / det];
      const tr = cp.psi0[0] * pa + 2 * cp.psi0[1] * pb + cp.psi0[2] * pc;
      lp += (-(cp.nu0 + 3) / 2) * Math.log(det) - tr / 2; // inverse-Wishart
      const dx = t[1 + 2 * k] - cp.m0[0],
        dy = t[2 + 2 * k] - cp.m0[1];
      lp += -0.5 * Math.log(det) - (cp.kappa0 * (pa * dx * dx + 2 * pb * dx * dy + pc * dy * dy)) / 2;
    }
  }
  return L + lp + logJac;
}

function fdLogJacobian(dim: Dim, data: Float64Array, phi: Float64Array): number {
  const m = createMixtureModel(dim, data);
  const p = phi.length;
  const J = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    const h = 1e-6;
    const a = Float64Array.from(phi),
      b = Float64Array.from(phi);
    a[j] += h;
    b[j] -= h;
    const ta = m.fromFree(a),
      tb = m.fromFree(b);
    for (let i = 0; i < p; i++) J.set(i, j, (ta[i] - tb[i]) / (2 * h));
  }
  return Math.log(Math.abs(determinant(J)));
}

describe.each([1, 2] as const)('full-model posterior, %iD', (dim) => {
  const data = generateData(spec(dim, 2.5));
  const model = createMixtureModel(dim, data);
  const prior = resolvePrior(dim, data);
  const target = createTarget(model, 'full', prior);
  const truth = truthTheta(spec(dim, 2.5));
  const rng = new Rng(21, dim);
  const points = Array.from({ length: 4 }, () => {
    const phi = model.toFree(truth);
    return phi.map((x) => x + 0.3 * rng.normal());
  });

  it('log density differences equal the independent formula (Jacobian included)', () => {
    const g = new Float64Array(target.p);
    const ours = points.map((phi) => target.logDensityGrad(phi, g));
    const ref = points.map((phi) => referenceLogPost(dim, data, model.fromFree(phi), prior, fdLogJacobian(dim, data, phi)));
    for (let i = 1; i < points.length; i++) {
      const d = ours[i] - ours[0],
        r = ref[i] - ref[0];
      expect(Math.abs(d - r)).toBeLessThan(1e-6 * Math.max(1, Math.abs(r)));
    }
  });

  it('gradient equals central differences of the log density', () => {
    const g = new Float64Array(target.p),
      tmp = new Float64Array(target.p);
    for (const phi of points) {
      target.logDensityGrad(phi, g);
      for (let j = 0; j < target.p; j++) {
        const h = 1e-5;
        const a = Float64Array.from(phi),
          b = Float64Array.from(phi);
        a[j] += h;
        b[j] -= h;
        const fd = (target.logDensityGrad(a, tmp) - target.logDensityGrad(b, tmp)) / (2 * h);
        expect(Math.abs(fd - g[j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[j])));
      }
    }
  });

  it('is −∞ with a zero gradient outside the domain (never NaN)', () => {
    const g = new Float64Array(target.p).fill(7);
    const bad = Float64Array.from(points[0]);
    bad[dim === 1 ? 3 : 5] = 900; // exp overflows: an infinite variance
    expect(target.logDensityGrad(bad, g)).toBe(-Infinity);
    expect(Array.from(g).every((x) => x === 0)).toBe(true);
  });

  it('the mode (MAP-EM + Newton) is stationary, with a positive-definite curvature, from two starts', () => {
    const a = findMode(target);
    const b = findMode(target, truth);
    expect(a.gradNorm).toBeLessThan(1e-6);
    const dist = Math.min(
      Math.max(...a.phi.map((x, i) => Math.abs(x - b.phi[i]))),
      Math.max(...target.swap(a.phi).map((x, i) => Math.abs(x - b.phi[i]))),
    );
    expect(dist).toBeLessThan(1e-7);
    expect(slowestFunctional(target, a.phi, a.hessian)).not.toBeNull();
  });

  it("DM from the likelihood's curvature in free coordinates equals the engine's spectrum at θ*", () => {
    const opt = computeOptimum(model, initialTheta({ dim, init: 1, start: null }, data).theta, null);
    const phi = model.toFree(opt.theta);
    // −∇²L alone (no prior): a likelihood-only view of the same model through its free gradient.
    const lik = {
      ...target,
      logDensityGrad(f: Float64Array, g: Float64Array) {
        const e = model.estep(model.fromFree(f));
        g.set(model.gradientFree(e));
        return e.logLik;
      },
    };
    const s = slowestFunctional(target, phi, negHessian(lik, phi));
    expect(s).not.toBeNull();
    const ours = Array.from((s as NonNullable<typeof s>).spectrum).slice(0, (model.p + 1) / 2);
    const engine = Array.from(opt.eigenvalues).slice(0, (model.p + 1) / 2);
    ours.forEach((l, i) => expect(Math.abs(l - engine[i])).toBeLessThan(1e-5));
  });
});

describe('means-only posterior', () => {
  const sp = spec(1, 2);
  const data = generateData(sp);
  const model = createMixtureModel(1, data);
  const known = truthTheta(sp);
  const prior = resolvePrior(1, data);

  it('log density is the likelihood plus independent normal priors on the means', () => {
    const target = createTarget(model, 'means', prior, known);
    const g = new Float64Array(2);
    const phis = [Float64Array.of(0.1, 1.9), Float64Array.of(-0.4, 2.6)];
    const [a, b] = phis.map((phi) => target.logDensityGrad(phi, g));
    const ref = phis.map((phi) => {
      const t = Float64Array.from(known);
      t[1] = phi[0];
      t[2] = phi[1];
      const L = referenceLogLik(1, data, t);
      const mp = prior.means[0];
      return L - ((phi[0] - mp.m0[0]) ** 2 + (phi[1] - mp.m0[0]) ** 2) / (2 * mp.cov[0]);
    });
    expect(Math.abs(b - a - (ref[1] - ref[0]))).toBeLessThan(1e-8 * Math.abs(ref[1] - ref[0]) + 1e-9);
  });

  it("its DM at the MLE equals I_oc⁻¹ I_m of the means' sub-blocks, solved by hand", () => {
    const target = createTarget(model, 'means', null, known);
    const mle = findMode(target);
    expect(mle.gradNorm).toBeLessThan(1e-8);
    const s = slowestFunctional(target, mle.phi, mle.hessian);
    const e = model.estep(mle.theta);
    const ioc = model.completeInfo(e),
      im = model.missingInfo(mle.theta);
    // 2×2 generalised eigenproblem det(I_m − λ I_oc) = 0 on indices 1, 2: a quadratic in λ.
    const [A, B, C] = [ioc[6], ioc[7], ioc[12]];
    const [P, Q, R] = [im[6], im[7], im[12]];
    const qa = A * C - B * B,
      qb = -(A * R + C * P - 2 * B * Q),
      qc = P * R - Q * Q;
    const top = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
    expect(Math.abs((s as NonNullable<typeof s>).lambdaMax - top)).toBeLessThan(1e-6);
  });
});
