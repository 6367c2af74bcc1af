/**
 * The three candidate moves at one θ (docs/theory.md §2), in natural coordinates:
 *   EM step      M(θ) − θ              ≈ I_oc(θ)⁻¹ ∇L(θ)   (a preconditioned gradient step)
 *   gradient     ∇L(θ)                 (Fisher identity: free with the E-step)
 *   Newton step  I_o(θ)⁻¹ ∇L(θ) = −H⁻¹∇L, with I_o = I_oc − I_m (Louis) — null where I_o is not PD
 * and their projections on a plane of two coordinates (the trajectory panel's μ₁–μ₂ plane), with
 * the angle between the projected EM step and gradient and the ratio of the projected lengths of
 * the EM and Newton steps: what the figure draws, so what the text may say about it.
 * Cost: one E-step and one pass for I_m.
 */
import type { LatentModel, Theta } from './types';
import { normInf, sub } from './vec';

export type Vec2 = readonly [number, number];

export interface PlaneSteps {
  /** θ's coordinates in the plane: where the arrows start. */
  readonly origin: Vec2;
  readonly em: Vec2;
  readonly gradient: Vec2;
  readonly newton: Vec2 | null;
  /** Angle between the projected EM step and gradient in degrees (equal units on both axes), or null if either is zero. */
  readonly angleDeg: number | null;
  /** ‖projected EM step‖ / ‖projected Newton step‖, or null without a Newton step. */
  readonly emOverNewton: number | null;
  /** θ is an EM fixed point to float64 resolution: the steps are rounding noise, their directions meaningless. */
  readonly converged: boolean;
}

/** ‖M(θ) − θ‖∞ below this (relative to max(1, ‖θ‖∞)) is noise: gradient and Newton step are then dominated by rounding. */
const FIXED_POINT_TOL = 1e-10;

export interface LocalSteps {
  readonly em: Float64Array;
  readonly gradient: Float64Array;
  readonly newton: Float64Array | null;
  readonly plane: PlaneSteps;
}

const project = (v: Float64Array, [a, b]: Vec2): Vec2 => [v[a], v[b]];
const len = (v: Vec2): number => Math.hypot(v[0], v[1]);

/** Degrees between two plane vectors, or null when either has no direction. */
export function angleBetween(u: Vec2, v: Vec2): number | null {
  const nu = len(u);
  const nv = len(v);
  if (!(nu > 0) || !(nv > 0) || !Number.isFinite(nu * nv)) return null;
  // atan2 of cross and dot: accurate for small angles too (acos loses half the digits near 0).
  return (Math.atan2(Math.abs(u[0] * v[1] - u[1] * v[0]), u[0] * v[0] + u[1] * v[1]) * 180) / Math.PI;
}

/** The three steps at θ, or null when θ is outside the model's domain or L is not finite there. */
export function localSteps(model: LatentModel, theta: Theta, plane: Vec2): LocalSteps | null {
  if (model.domainError(theta) !== null) return null;
  const e = model.estep(theta);
  if (!Number.isFinite(e.logLik)) return null;
  const em = sub(model.mstep(e), theta);
  const gradient = model.gradient(e);
  const newton = model.newtonDirection(e);
  const pEm = project(em, plane);
  const pNewton = newton ? project(newton, plane) : null;
  const nNewton = pNewton ? len(pNewton) : 0;
  return {
    em,
    gradient,
    newton,
    plane: {
      origin: project(theta, plane),
      em: pEm,
      gradient: project(gradient, plane),
      newton: pNewton,
      angleDeg: angleBetween(pEm, project(gradient, plane)),
      emOverNewton: nNewton > 0 && Number.isFinite(nNewton) ? len(pEm) / nNewton : null,
      converged: normInf(em) <= FIXED_POINT_TOL * Math.max(1, normInf(theta)),
    },
  };
}
