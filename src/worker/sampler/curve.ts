/**
 * The samplers' efficiency against separation: at each separation of CHAINS_CURVE_SEPS, short runs of
 * the same samplers on the same data draws (common random numbers: only the truth's means move), their
 * ESS per pass of the slowest functional and λ_max. Advanced a slice at a time; cached by the curve
 * key (the chains' keys without the separation), so a separation drag never recomputes it.
 */
import { ChainSet } from '../../engine/samplers/run-chains';
import { CHAINS_CURVE_SEPS, curveSpec } from '../../experiment/chains-spec';
import type { CurvePoint } from '../sampler-protocol';
import type { Job } from './job';

interface CurveState {
  points: CurvePoint[];
  /** The run of the next separation, while it is computed. */
  running: ChainSet | null;
}

const cache = new Map<string, CurveState>();
const MAX_CURVES = 8;

function stateOf(j: Job): CurveState {
  let c = cache.get(j.curveKey);
  if (!c) {
    if (cache.size >= MAX_CURVES) cache.delete(cache.keys().next().value!);
    c = { points: [], running: null };
    cache.set(j.curveKey, c);
  }
  return c;
}

export const curveOf = (j: Job): readonly CurvePoint[] => cache.get(j.curveKey)?.points ?? [];
export const curveDone = (j: Job): boolean => curveOf(j).length >= CHAINS_CURVE_SEPS.length;
export const CURVE_TOTAL = CHAINS_CURVE_SEPS.length;

/** One slice of the curve's work: build the next separation's chains, or advance them by about `passes`. */
export function curveSlice(j: Job, passes: number): void {
  const c = stateOf(j);
  const sep = CHAINS_CURVE_SEPS[c.points.length];
  if (sep === undefined) return;
  if (!c.running) {
    try {
      c.running = new ChainSet(curveSpec(j.state, sep));
    } catch {
      // No usable posterior mode there (a degenerate fit): the curve has a gap, not an error.
      c.points.push({ sep, lambdaMax: null, essPerPass: {}, maxRhat: null });
    }
    return;
  }
  if (!c.running.advancePasses(passes)) return;
  const set = c.running;
  c.running = null;
  const results = set.results();
  const essPerPass = Object.fromEntries(results.map((r) => [r.sampler, r.summary.essPerPass]));
  const rhats = results.map((r) => r.summary.maxRhat).filter((x): x is number => x !== null);
  c.points.push({ sep, lambdaMax: set.setup.lambdaMax, essPerPass, maxRhat: rhats.length ? Math.max(...rhats) : null });
}
