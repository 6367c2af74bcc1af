/**
 * Non-uniform variates for the conjugate Gibbs updates: gamma (Marsaglia & Tsang 2000), beta, the
 * inverse-gamma and the 2×2 inverse-Wishart (Bartlett). Deterministic: only Rng, detmath and √.
 */
import { exp, log } from '../detmath';
import type { Rng } from './rng';

/** Gamma(shape, 1), shape > 0. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) · U^{1/a} (Marsaglia & Tsang §6).
    return gamma(rng, shape + 1) * exp(log(rng.uniformOpen()) / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniformOpen();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/** Beta(a, b) as X/(X + Y), X ~ Gamma(a), Y ~ Gamma(b); kept strictly inside (0, 1). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  const p = x / (x + y);
  // A gamma draw can underflow to 0 for tiny shapes: a weight of exactly 0 or 1 has no logit.
  return Math.min(Math.max(p, 1e-300), 1 - 1.1102230246251565e-16);
}

/** Inverse-gamma(α, β): density ∝ v^{−α−1} e^{−β/v}. */
export function inverseGamma(rng: Rng, alpha: number, beta_: number): number {
  return beta_ / gamma(rng, alpha);
}

/**
 * Σ ~ inverse-Wishart(ν, Ψ) in 2D (density ∝ |Σ|^{−(ν+3)/2} exp(−½ tr ΨΣ⁻¹)), vech [xx, xy, yy].
 * Bartlett: Σ⁻¹ = C A Aᵀ Cᵀ with C Cᵀ = Ψ⁻¹, A lower triangular, A11² ~ χ²(ν), A22² ~ χ²(ν − 1), A21 ~ N(0,1).
 */
export function inverseWishart2(rng: Rng, nu: number, psi: ArrayLike<number>): Float64Array {
  const [a, b, c] = [psi[0], psi[1], psi[2]];
  const det = a * c - b * b;
  // Ψ⁻¹ = [[c, −b], [−b, a]]/det and its Cholesky factor C = [[p, 0], [q, r]].
  const ia = c / det,
    ib = -b / det,
    ic = a / det;
  const p = Math.sqrt(ia);
  const q = ib / p;
  const r = Math.sqrt(Math.max(ic - q * q, 0));
  const a11 = Math.sqrt(2 * gamma(rng, nu / 2));
  const a22 = Math.sqrt(2 * gamma(rng, (nu - 1) / 2));
  const a21 = rng.normal();
  // B = C A (lower triangular), W = B Bᵀ.
  const b11 = p * a11;
  const b21 = q * a11 + r * a21;
  const b22 = r * a22;
  const wxx = b11 * b11,
    wxy = b11 * b21,
    wyy = b21 * b21 + b22 * b22;
  const wdet = b11 * b11 * b22 * b22; // det W = (det B)², exact form avoids cancellation
  return Float64Array.of(wyy / wdet, -wxy / wdet, wxx / wdet);
}
