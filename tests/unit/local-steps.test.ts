/**
 * localSteps (src/engine/local-steps.ts) against independent derivations on the app's own data:
 *  - the EM step against the naive reference EM map (tests/unit/mixture-reference.ts);
 *  - the gradient against central differences of the reference log-likelihood;
 *  - the Newton step against a solve with a finite-difference Hessian (central differences of the
 *    reference's textbook gradient), by plain Gaussian elimination written here;
 *  - the plane projections, angle and length ratio against the full vectors, and in 1D the
 *    exact identity μ_k' − μ_k = (σ_k²/R_k) ∂L/∂μ_k (docs/theory.md §2.3) from the reference responsibilities.
 */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/engine/data';
import { initialTheta, varianceFloor } from '../../src/engine/init';
import { angleBetween, localSteps, type Vec2 } from '../../src/engine/local-steps';
import { createModel } from '../../src/engine/race';
import type { Dim, MixtureModel, Theta } from '../../src/engine/types';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { refEMMap, refEStep, refGradient, relErr } from './mixture-reference';

const PLANE: Record<Dim, Vec2> = { 1: [1, 2], 2: [1, 3] };

function setup(dim: Dim, sep: number) {
  const state = { ...DEFAULT_STATE, methods: ['em' as const], dim, sep, n: 800, seed: 2 };
  const data = generateData(state);
  const model = createModel(dim, data, varianceFloor(state, data));
  return { data, model, init: initialTheta(state, data).theta };
}

/** θ after k plain EM iterations of the engine (a point on the way, not stationary). */
function emIterate(model: MixtureModel, theta: Theta, k: number): Theta {
  let t = theta;
  for (let i = 0; i < k; i++) t = model.mstep(model.estep(t));
  return t;
}

const step = (t: ArrayLike<number>, j: number) => 1e-5 * Math.max(1, Math.abs(t[j]));
const shifted = (t: Theta, j: number, h: number) => {
  const u = Float64Array.from(t);
  u[j] += h;
  return u;
};

/** ∂L/∂θ_j by central differences of the reference L. */
function fdGradient(dim: Dim, data: Float64Array, t: Theta): Float64Array {
  return Float64Array.from(t, (_, j) => {
    const h = step(t, j);
    return (refEStep(dim, data, shifted(t, j, h)).L - refEStep(dim, data, shifted(t, j, -h)).L) / (2 * h);
  });
}

/** The Hessian of L by central differences of the reference gradient, symmetrised. */
function fdHessian(dim: Dim, data: Float64Array, t: Theta): number[][] {
  const p = t.length;
  const cols = Array.from({ length: p }, (_, j) => {
    const h = step(t, j);
    const a = refGradient(dim, data, shifted(t, j, h));
    const b = refGradient(dim, data, shifted(t, j, -h));
    return Array.from(a, (x, i) => (x - b[i]) / (2 * h));
  });
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => 0.5 * (cols[j][i] + cols[i][j])));
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function gaussSolve(A: number[][], b: ArrayLike<number>): Float64Array {
  const p = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = c + 1; r < p; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= p; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let s = m[r][p];
    for (let k = r + 1; k < p; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Cholesky test for a symmetric matrix. */
function isPositiveDefinite(A: number[][]): boolean {
  const p = A.length;
  const L = A.map(() => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  return true;
}

describe.each([1, 2] as const)('%iD', (dim) => {
  // Separated enough that the observed information is positive definite a few EM steps in.
  const { data, model, init } = setup(dim, 3);
  /** The first EM iterate where the engine finds I_o positive definite (searched, not assumed). */
  const concave = (() => {
    let t = init;
    for (let k = 0; k < 60; k++, t = emIterate(model, t, 1)) if (localSteps(model, t, PLANE[dim])!.newton) return t;
    throw new Error('I_o never became positive definite along EM');
  })();
  const points: [string, Theta][] = [
    ['the seeded start', init],
    ['EM iteration 3', emIterate(model, init, 3)],
  ];

  it.each(points)('at %s, the EM step is the reference M-step minus θ', (_, theta) => {
    const s = localSteps(model, theta, PLANE[dim])!;
    const ref = refEMMap(dim, data, theta).map((x, i) => x - theta[i]);
    expect(relErr(s.em, ref)).toBeLessThan(1e-9);
  });

  it.each(points)('at %s, the gradient agrees with central differences of L', (_, theta) => {
    const s = localSteps(model, theta, PLANE[dim])!;
    expect(relErr(s.gradient, fdGradient(dim, data, theta))).toBeLessThan(1e-6);
  });

  it('the Newton step solves −H x = ∇L with a finite-difference Hessian H', () => {
    const theta = concave;
    const s = localSteps(model, theta, PLANE[dim])!;
    const H = fdHessian(dim, data, theta);
    const x = gaussSolve(
      H.map((row) => row.map((v) => -v)),
      refGradient(dim, data, theta),
    );
    expect(relErr(s.newton!, x)).toBeLessThan(1e-5);
  });

  it('where there is no Newton step, the finite-difference Hessian is not negative definite', () => {
    const theta = points.map(([, t]) => t).find((t) => localSteps(model, t, PLANE[dim])!.newton === null);
    expect(theta, 'the seeded start lies where L is not concave (so the null branch is exercised)').toBeDefined();
    expect(isPositiveDefinite(fdHessian(dim, data, theta!).map((row) => row.map((v) => -v)))).toBe(false);
    expect(isPositiveDefinite(fdHessian(dim, data, concave).map((row) => row.map((v) => -v)))).toBe(true);
  });

  it('the plane values are the projections of the full vectors', () => {
    const theta = concave;
    const s = localSteps(model, theta, PLANE[dim])!;
    const [a, b] = PLANE[dim];
    expect(s.plane.origin).toEqual([theta[a], theta[b]]);
    expect(s.plane.em).toEqual([s.em[a], s.em[b]]);
    expect(s.plane.gradient).toEqual([s.gradient[a], s.gradient[b]]);
    expect(s.plane.newton).toEqual([s.newton![a], s.newton![b]]);
    const cos =
      (s.em[a] * s.gradient[a] + s.em[b] * s.gradient[b]) / (Math.hypot(s.em[a], s.em[b]) * Math.hypot(s.gradient[a], s.gradient[b]));
    expect(s.plane.angleDeg!).toBeCloseTo((Math.acos(cos) * 180) / Math.PI, 6);
    expect(s.plane.emOverNewton!).toBeCloseTo(Math.hypot(s.em[a], s.em[b]) / Math.hypot(s.newton![a], s.newton![b]), 12);
  });

  it('at θ* there is no step left (converged), on the way there is', () => {
    let t = init;
    for (let k = 0; k < 5000 && !localSteps(model, t, PLANE[dim])!.plane.converged; k++) t = emIterate(model, t, 1);
    const s = localSteps(model, t, PLANE[dim])!;
    expect(s.plane.converged).toBe(true);
    expect(Math.max(...Array.from(s.em, Math.abs))).toBeLessThan(1e-9);
    expect(localSteps(model, concave, PLANE[dim])!.plane.converged).toBe(false);
  });

  it('outside the domain there are no steps', () => {
    const bad = Float64Array.from(init);
    bad[0] = 1.5;
    expect(localSteps(model, bad, PLANE[dim])).toBeNull();
  });
});

describe('1D: EM preconditions the means’ gradient by σ_k²/R_k (docs/theory.md §2.3)', () => {
  const { data, model, init } = setup(1, 1.5);
  it('so the angle is the one between (σ₁²g₁/R₁, σ₂²g₂/R₂) and (g₁, g₂)', () => {
    const theta = emIterate(model, init, 2);
    const { r } = refEStep(1, data, theta);
    const R1 = r.reduce((s, x) => s + x, 0);
    const R2 = r.length - R1;
    const g = refGradient(1, data, theta);
    const expected = angleBetween([(theta[3] / R1) * g[1], (theta[4] / R2) * g[2]], [g[1], g[2]])!;
    const s = localSteps(model, theta, PLANE[1])!;
    expect(s.plane.em[0]).toBeCloseTo((theta[3] / R1) * g[1], 9);
    expect(s.plane.angleDeg!).toBeCloseTo(expected, 6);
    // A step and the gradient it preconditions never point apart by 90° or more (P is positive definite).
    expect(s.plane.angleDeg!).toBeLessThan(90);
  });
});

describe('angleBetween', () => {
  it('is 0 for parallel, 90 for orthogonal, 180 for opposite vectors and null without a direction', () => {
    expect(angleBetween([1, 2], [2, 4])).toBeCloseTo(0, 12);
    expect(angleBetween([1, 0], [0, -3])).toBeCloseTo(90, 12);
    expect(angleBetween([1, 1], [-2, -2])).toBeCloseTo(180, 12);
    expect(angleBetween([0, 0], [1, 0])).toBeNull();
  });
});
