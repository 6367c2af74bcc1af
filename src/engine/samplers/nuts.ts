/**
 * The No-U-Turn Sampler (Hoffman & Gelman 2014) in its multinomial form (Betancourt 2017), as Stan runs it:
 * the trajectory doubles forwards or backwards at random until the generalised no-U-turn criterion fails
 * (across the whole tree and, as Stan ≥ 2.26, across the seams between merged subtrees) or a step
 * diverges (energy error > 1000); within a subtree the state is drawn in proportion to e^{−H}, at the top
 * level by biased progressive sampling. The kernel is reversible. Identity mass in whitened coordinates,
 * maximum depth 10, ε by dual averaging towards a mean acceptance of 0.8 during burn-in.
 * Cost: one pass per leapfrog step.
 */
import { exp, log1p } from '../detmath';
import { dot, MarginalChain, type MarginalOptions, type Transition } from './marginal';

interface State {
  q: Float64Array;
  r: Float64Array;
  g: Float64Array;
  lp: number;
}

/** Per-subtree outputs of buildTree (Stan's reference arguments). */
interface Sub {
  propose: State;
  /** Momenta at the subtree's first and last states (in the direction of travel). */
  rBeg: Float64Array;
  rEnd: Float64Array;
  rho: Float64Array;
  logW: number;
}

const MAX_DEPTH = 10;
const MAX_DELTA_H = 1000;

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/** The no-U-turn criterion with identity mass: the summed momentum ρ still points along both ends. */
const noUTurn = (rMinus: Float64Array, rPlus: Float64Array, rho: Float64Array) => dot(rPlus, rho) > 0 && dot(rMinus, rho) > 0;

const sum = (a: Float64Array, b: Float64Array) => a.map((x, i) => x + b[i]);

export class NutsChain extends MarginalChain {
  readonly sampler = 'nuts' as const;
  /** Leapfrog steps and the statistics of the current transition. */
  private nLeap = 0;
  private sumAccept = 0;
  private divergent = false;
  private h0 = 0;
  /** Tree depth of the last transition (for reports). */
  depth = 0;

  constructor(o: MarginalOptions) {
    super(o, 1, 0.8);
  }

  private leapfrog(z: State, eps: number): State {
    const p = this.p;
    const r = new Float64Array(p);
    const q = new Float64Array(p);
    for (let i = 0; i < p; i++) r[i] = z.r[i] + 0.5 * eps * z.g[i];
    for (let i = 0; i < p; i++) q[i] = z.q[i] + eps * r[i];
    const g = new Float64Array(p);
    const lp = this.density.logDensityGrad(q, g);
    for (let i = 0; i < p; i++) r[i] += 0.5 * eps * g[i];
    return { q, r, g, lp };
  }

  /** Builds a subtree of 2^depth states from z (updated in place to the last state); null when invalid. */
  private buildTree(depth: number, z: { s: State }, eps: number): Sub | null {
    if (depth === 0) {
      const next = this.leapfrog(z.s, eps);
      this.nLeap++;
      z.s = next;
      let h = -next.lp + 0.5 * dot(next.r, next.r);
      if (!Number.isFinite(h)) h = Infinity;
      if (h - this.h0 > MAX_DELTA_H) this.divergent = true;
      const logW = this.h0 - h;
      this.sumAccept += logW > 0 ? 1 : logW === -Infinity ? 0 : exp(logW);
      if (this.divergent) return null;
      return { propose: next, rBeg: next.r, rEnd: next.r, rho: Float64Array.from(next.r), logW };
    }
    const init = this.buildTree(depth - 1, z, eps);
    if (!init) return null;
    const fin = this.buildTree(depth - 1, z, eps);
    if (!fin) return null;
    const logW = logAddExp(init.logW, fin.logW);
    // Multinomial choice between the halves, in proportion to their weights.
    const propose = this.rng.uniform() < exp(fin.logW - logW) ? fin.propose : init.propose;
    const rho = sum(init.rho, fin.rho);
    const ok =
      noUTurn(init.rBeg, fin.rEnd, rho) &&
      noUTurn(init.rBeg, fin.rBeg, sum(init.rho, fin.rBeg)) &&
      noUTurn(init.rEnd, fin.rEnd, sum(fin.rho, init.rEnd));
    if (!ok) return null;
    return { propose, rBeg: init.rBeg, rEnd: fin.rEnd, rho, logW };
  }

  protected transition(eps: number): Transition {
    const p = this.p;
    const r0 = this.rng.normals(new Float64Array(p));
    const z0: State = { q: this.u, r: r0, g: this.grad, lp: this.logp };
    this.h0 = -this.logp + 0.5 * dot(r0, r0);
    this.nLeap = 0;
    this.sumAccept = 0;
    this.divergent = false;
    // The two ends of the trajectory; momenta are stored as travelled forwards in time.
    const fwd = { s: z0 };
    const bck = { s: { ...z0, r: r0.map((x) => -x), g: z0.g } };
    let rFwdEnd = r0,
      rBckEnd = r0; // momenta at the forward and backward ends (forward-time sign)
    let rho = Float64Array.from(r0);
    let logW = 0;
    let sample = z0;
    let depth = 0;
    for (; depth < MAX_DEPTH; depth++) {
      const forward = this.rng.uniform() < 0.5;
      const sub = this.buildTree(depth, forward ? fwd : bck, eps);
      if (!sub) break;
      // In forward time, the backward subtree's momenta are negated and its order reversed.
      const subBeg = forward ? sub.rBeg : sub.rEnd.map((x) => -x);
      const subEnd = forward ? sub.rEnd : sub.rBeg.map((x) => -x);
      const subRho = forward ? sub.rho : sub.rho.map((x) => -x);
      // Biased progressive sampling: move to the new subtree with probability min(1, W_new / W_old).
      if (sub.logW > logW || this.rng.uniform() < exp(sub.logW - logW)) sample = sub.propose;
      logW = logAddExp(logW, sub.logW);
      const oldRho = rho;
      rho = sum(oldRho, subRho);
      let ok: boolean;
      if (forward) {
        // old tree [rBckEnd … rFwdEnd], new subtree [subBeg … subEnd] after it
        ok =
          noUTurn(rBckEnd, subEnd, rho) && noUTurn(rBckEnd, subBeg, sum(oldRho, subBeg)) && noUTurn(rFwdEnd, subEnd, sum(subRho, rFwdEnd));
        rFwdEnd = subEnd;
      } else {
        // new subtree [subBeg … subEnd] before the old tree [rBckEnd … rFwdEnd]
        ok =
          noUTurn(subBeg, rFwdEnd, rho) && noUTurn(subBeg, rBckEnd, sum(subRho, rBckEnd)) && noUTurn(subEnd, rFwdEnd, sum(oldRho, subEnd));
        rBckEnd = subBeg;
      }
      if (!ok) {
        depth++;
        break;
      }
    }
    this.depth = depth;
    const moved = sample !== z0;
    if (moved) {
      this.u = sample.q;
      this.logp = sample.lp;
      this.grad = sample.g;
    }
    const acceptProb = this.nLeap > 0 ? this.sumAccept / this.nLeap : 0;
    return { accepted: moved, acceptProb, passes: this.nLeap };
  }
}
