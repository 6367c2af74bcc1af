/**
 * Effective sample size of m chains (Vehtari et al. 2021, §3.2; Stan's and ArviZ's `ess`):
 * the multi-chain autocorrelation ρ̂_t = 1 − (W − mean_c γ_{c,t}) / var⁺, var⁺ = (n−1)/n·W + B/n, truncated by
 * Geyer's initial positive sequence (pairs ρ̂_{2k} + ρ̂_{2k+1} > 0), made monotone (initial monotone
 * sequence), τ̂ = −1 + 2Σ_{t≤T} ρ̂_t + ρ̂_{T+1} (the antithetic correction), bounded below by 1/log₁₀(mn).
 * Bulk ESS: the same on the rank-normalised split chains. Tail ESS: min over the 5 % and 95 % quantile
 * indicators of the split chains.
 */
import { autocovariance } from './autocov';
import { rankNormalize, splitChains } from './ranks';

/** The multi-chain autocorrelation ρ̂_t (t = 0 … n−1) and var⁺; null when undefined (n < 3 or constant). */
export function combinedAutocorrelation(chains: readonly Float64Array[]): { rho: Float64Array; varPlus: number } | null {
  const m = chains.length;
  const n = Math.min(...chains.map((c) => c.length));
  if (m === 0 || n < 3) return null;
  const acov = chains.map((c) => autocovariance(c.subarray(0, n)));
  const means = chains.map((c) => c.subarray(0, n).reduce((s, v) => s + v, 0) / n);
  const meanVar = (acov.reduce((s, a) => s + a[0], 0) / m) * (n / (n - 1)); // W
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) {
    const mm = means.reduce((s, v) => s + v, 0) / m;
    varPlus += means.reduce((s, v) => s + (v - mm) * (v - mm), 0) / (m - 1); // B/n
  }
  if (!(varPlus > 0) || !Number.isFinite(varPlus)) return null;
  const rho = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let at = 0;
    for (let c = 0; c < m; c++) at += acov[c][t];
    rho[t] = 1 - (meanVar - at / m) / varPlus;
  }
  rho[0] = 1;
  return { rho, varPlus };
}

/** τ̂ from ρ̂ by Geyer's initial monotone sequence (the Stan variant); total = m·n draws. */
export function geyerTau(rhoIn: Float64Array, total: number): number {
  const n = rhoIn.length;
  const rho = new Float64Array(n);
  rho[0] = 1;
  let even = 1;
  let odd = rhoIn[1];
  rho[1] = odd;
  let t = 0;
  // Initial positive sequence: keep pairs while their sum is positive.
  while (t < n - 5 && even + odd > 0) {
    t += 2;
    even = rhoIn[t];
    odd = rhoIn[t + 1];
    if (even + odd >= 0) {
      rho[t] = even;
      rho[t + 1] = odd;
    }
  }
  const maxT = t;
  if (even > 0) rho[maxT] = even; // the improved (antithetic-aware) estimate keeps a positive last even term
  // Initial monotone sequence: no pair may exceed the one before it.
  for (let s = 2; s <= maxT - 2; s += 2) {
    if (rho[s] + rho[s + 1] > rho[s - 2] + rho[s - 1]) {
      rho[s] = (rho[s - 2] + rho[s - 1]) / 2;
      rho[s + 1] = rho[s];
    }
  }
  let sum = 0;
  for (let s = 0; s < maxT; s++) sum += rho[s];
  const tau = -1 + 2 * sum + rho[maxT];
  return Math.max(tau, 1 / Math.log10(total));
}

/** ESS of the chains as given (no splitting, no ranks); null when undefined. */
export function essBasic(chains: readonly Float64Array[]): number | null {
  const ac = combinedAutocorrelation(chains);
  if (!ac) return constantEss(chains);
  const total = chains.length * ac.rho.length;
  return total / geyerTau(ac.rho, total);
}

/** A constant quantity is known exactly from any number of draws: Stan reports m·n. */
function constantEss(chains: readonly Float64Array[]): number | null {
  const n = Math.min(...chains.map((c) => c.length));
  if (chains.length === 0 || n < 3) return null;
  const v0 = chains[0][0];
  return chains.every((c) => c.subarray(0, n).every((v) => v === v0)) ? chains.length * n : null;
}

/** Integrated autocorrelation time τ̂ of the chains as given, null when undefined. */
export function integratedTime(chains: readonly Float64Array[]): number | null {
  const ac = combinedAutocorrelation(chains);
  if (!ac) return null;
  return geyerTau(ac.rho, chains.length * ac.rho.length);
}

/** Bulk ESS: ESS of the rank-normalised split chains. */
export function essBulk(chains: readonly Float64Array[]): number | null {
  return essBasic(rankNormalize(splitChains(chains)));
}

/** ESS of the mean: split chains, raw values (for Monte Carlo standard errors of means). */
export function essMean(chains: readonly Float64Array[]): number | null {
  return essBasic(splitChains(chains));
}

function quantile(sorted: Float64Array, p: number): number {
  // Type 7 (linear interpolation), R's and NumPy's default.
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Tail ESS: the smaller ESS of the indicators x ≤ q₀.₀₅ and x ≤ q₀.₉₅ (split chains). */
export function essTail(chains: readonly Float64Array[]): number | null {
  const all = Float64Array.from(chains.flatMap((c) => Array.from(c))).sort();
  if (all.length === 0) return null;
  const split = splitChains(chains);
  const e = [0.05, 0.95].map((p) => {
    const q = quantile(all, p);
    return essBasic(split.map((c) => c.map((v) => (v <= q ? 1 : 0))));
  });
  if (e[0] === null || e[1] === null) return null;
  return Math.min(e[0], e[1]);
}
