/**
 * What the DM spectrum predicts for over-relaxed EM, θ ← θ + η(M(θ) − θ) (docs/theory.md §10.1).
 * Near θ* its error map is I − η(I − DM), whose eigenvalues are 1 − η(1 − λ_i), so
 *   ρ(η) = max_i |1 − η(1 − λ_i)|,  convergent iff 0 < η < 2/(1 − λ_min),
 *   η* = 2/(2 − λ_max − λ_min),     ρ* = ρ(η*) = (λ_max − λ_min)/(2 − λ_max − λ_min).
 * Pass the full spectrum (all p eigenvalues): with two components λ_min = 0 is a structural zero
 * (§3.4), and leaving it out would move η* and ρ*. Pure functions of the spectrum, for the rate panel.
 */

const extremes = (spectrum: ArrayLike<number>): { max: number; min: number } => {
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < spectrum.length; i++) {
    max = Math.max(max, spectrum[i]);
    min = Math.min(min, spectrum[i]);
  }
  if (!(max >= min)) throw new Error('the spectrum is empty or not finite');
  // Rounding leaves the structural zeros at ±1e-16: a fraction of missing information is never below 0.
  return { max, min: Math.max(0, min) };
};

/** ρ(η): the asymptotic error ratio ‖e_{t+1}‖/‖e_t‖ of fixed-η over-relaxation. */
export function relaxRate(spectrum: ArrayLike<number>, eta: number): number {
  let rho = 0;
  for (let i = 0; i < spectrum.length; i++) rho = Math.max(rho, Math.abs(1 - eta * (1 - Math.max(0, spectrum[i]))));
  return rho;
}

/** 2/(1 − λ_min): over-relaxation converges for 0 < η below this (2 when λ_min = 0). */
export const relaxBound = (spectrum: ArrayLike<number>): number => 2 / (1 - extremes(spectrum).min);

/** η* = 2/(2 − λ_max − λ_min), the η that minimises ρ(η). */
export function optimalEta(spectrum: ArrayLike<number>): number {
  const { max, min } = extremes(spectrum);
  return 2 / (2 - max - min);
}

/** ρ* = (λ_max − λ_min)/(2 − λ_max − λ_min): the best rate a fixed η reaches (≈ 2λ_max − 1 near λ_max = 1). */
export function optimalRelaxRate(spectrum: ArrayLike<number>): number {
  const { max, min } = extremes(spectrum);
  return (max - min) / (2 - max - min);
}
