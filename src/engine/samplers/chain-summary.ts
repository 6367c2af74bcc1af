/**
 * The diagnostics of one sampler's chains after burn-in: relabelling, then rank-normalised bulk and tail
 * ESS, split-R̂ and the lag-1 autocorrelation of the slowest functional wᵀφ, and per-coordinate ESS and R̂
 * (free coordinates φ). Costs per pass of the data: essPerPass = essBulk(wᵀφ) / passes after burn-in.
 * Every number is finite or null (too few draws, or a constant quantity where a ratio is undefined).
 */
import { canonicalLag1 } from '../mcmc/canonical-lag';
import { combinedAutocorrelation, essBulk, essTail, integratedTime } from '../mcmc/ess';
import { relabel, type RelabelRule, type SwapGeometry } from '../mcmc/label-switching';
import { rhat } from '../mcmc/rhat';

export interface ChainSummary {
  /** Chains and draws per chain (after burn-in) the numbers are computed from. */
  readonly chains: number;
  readonly draws: number;
  /** Of the slowest functional wᵀφ (rank-normalised, split chains, Vehtari et al. 2021). */
  readonly essBulk: number | null;
  readonly essTail: number | null;
  readonly essPerPass: number | null;
  readonly rhat: number | null;
  /** Multi-chain lag-1 autocorrelation of wᵀφ (raw values): → λ_max for DA Gibbs. */
  readonly lag1: number | null;
  /** The largest lag-1 autocorrelation of any linear functional of φ, from the draws alone (mcmc/canonical-lag.ts). */
  readonly lag1Max: number | null;
  /** Integrated autocorrelation time of wᵀφ (Geyer's initial monotone sequence). */
  readonly tau: number | null;
  /** Fraction of draws that were in the other labelling, and the rule used to relabel them. */
  readonly switchedFraction: number;
  readonly relabel: RelabelRule;
  /** Per free coordinate φ_i (after relabelling). */
  readonly perCoordinate: {
    readonly essBulk: (number | null)[];
    readonly rhat: (number | null)[];
    readonly mean: number[];
    readonly sd: number[];
  };
  /** Smallest bulk ESS and largest R̂ over the coordinates and the functional. */
  readonly minEssBulk: number | null;
  readonly maxRhat: number | null;
}

const finiteOrNull = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);

/** phiDraws: per chain, n × p row-major free coordinates after burn-in; passes: after burn-in, all chains. */
export function summarizeChains(
  phiDraws: readonly Float64Array[],
  p: number,
  w: Float64Array | null,
  geometry: SwapGeometry,
  rule: RelabelRule,
  passes: number,
): ChainSummary {
  const m = phiDraws.length;
  const n = Math.min(...phiDraws.map((d) => d.length / p));
  let switched = 0;
  const rel = phiDraws.map((d) => {
    const r = relabel(geometry, d.subarray(0, n * p), rule);
    switched += r.switched;
    return r.phi;
  });
  const coord = (i: number) => rel.map((d) => Float64Array.from({ length: n }, (_, t) => d[t * p + i]));
  const per = { essBulk: [] as (number | null)[], rhat: [] as (number | null)[], mean: [] as number[], sd: [] as number[] };
  for (let i = 0; i < p; i++) {
    const c = coord(i);
    per.essBulk.push(n >= 4 ? finiteOrNull(essBulk(c)) : null);
    per.rhat.push(n >= 4 ? finiteOrNull(rhat(c)) : null);
    const all = c.flatMap((x) => Array.from(x));
    const mean = all.length ? all.reduce((s, v) => s + v, 0) / all.length : 0;
    per.mean.push(mean);
    per.sd.push(all.length > 1 ? Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1)) : 0);
  }
  const f = rel.map((d) =>
    Float64Array.from({ length: n }, (_, t) => {
      let s = 0;
      for (let i = 0; i < p; i++) s += (w ? w[i] : i === 0 ? 1 : 0) * d[t * p + i];
      return s;
    }),
  );
  const enough = n >= 4;
  const eb = enough ? finiteOrNull(essBulk(f)) : null;
  const ac = enough ? combinedAutocorrelation(f) : null;
  const rh = enough ? finiteOrNull(rhat(f)) : null;
  const ess = [eb, ...per.essBulk].filter((x): x is number => x !== null);
  const rhs = [rh, ...per.rhat].filter((x): x is number => x !== null);
  return {
    chains: m,
    draws: n,
    essBulk: eb,
    essTail: enough ? finiteOrNull(essTail(f)) : null,
    essPerPass: eb !== null && passes > 0 ? eb / passes : null,
    rhat: rh,
    lag1: ac ? finiteOrNull(ac.rho[1]) : null,
    lag1Max: enough ? finiteOrNull(canonicalLag1(rel, p)) : null,
    tau: enough ? finiteOrNull(integratedTime(f)) : null,
    switchedFraction: m * n > 0 ? switched / (m * n) : 0,
    relabel: rule,
    perCoordinate: per,
    minEssBulk: ess.length ? Math.min(...ess) : null,
    maxRhat: rhs.length ? Math.max(...rhs) : null,
  };
}
