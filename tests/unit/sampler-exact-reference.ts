/**
 * Exact posterior moments of the mixture for tiny N, by enumerating all 2^N labellings z: given z every
 * conditional is conjugate, so p(θ | x) = Σ_z p(z | x) p(θ | z, x) with p(z | x) ∝ p(z) p(x | z) in closed
 * form (Beta–binomial × Normal–inverse-gamma / Normal–inverse-Wishart / normal–normal marginals).
 * Written from the textbook formulas with Math.log and its own log-gamma; it shares no code with the
 * samplers. Non-exchangeable priors are allowed (they pin the labelling, so no relabelling is needed).
 */
import type { MixturePrior } from '../../src/engine/samplers/priors';

/** log Γ(x), x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function lgamma(x: number): number {
  const c = [
    // eslint-disable-next-line no-loss-of-precision -- Lanczos' published coefficients, digit for digit.
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

/** Named posterior moments E[f] and E[f²]. */
export type Moments = Record<string, { mean: number; sq: number }>;

function accumulate(terms: { logW: number; m: Record<string, [number, number]> }[]): Moments {
  const top = Math.max(...terms.map((t) => t.logW));
  const w = terms.map((t) => Math.exp(t.logW - top));
  const W = w.reduce((s, v) => s + v, 0);
  const out: Moments = {};
  for (const key of Object.keys(terms[0].m)) {
    out[key] = {
      mean: terms.reduce((s, t, i) => s + (w[i] * t.m[key][0]) / W, 0),
      sq: terms.reduce((s, t, i) => s + (w[i] * t.m[key][1]) / W, 0),
    };
  }
  return out;
}

/** Full 1D model: moments of pi, mu1, mu2, prec1 = 1/v1, prec2 = 1/v2. */
export function exactFull1D(x: number[], prior: MixturePrior): Moments {
  const N = x.length;
  const terms = [];
  for (let mask = 0; mask < 1 << N; mask++) {
    const groups = [x.filter((_, i) => !(mask & (1 << i))), x.filter((_, i) => mask & (1 << i))];
    const [n1, n2] = groups.map((g) => g.length);
    const a = prior.a;
    let logW = lbeta(a + n1, a + n2) - lbeta(a, a);
    const m: Record<string, [number, number]> = {};
    const A = a + n1,
      B = a + n2;
    m.pi = [A / (A + B), (A * (A + 1)) / ((A + B) * (A + B + 1))];
    groups.forEach((g, k) => {
      const c = prior.comps[k];
      const [m0, k0, a0, b0] = [c.m0[0], c.kappa0, c.nu0 / 2, c.psi0[0] / 2];
      const n = g.length;
      const xbar = n ? g.reduce((s, v) => s + v, 0) / n : 0;
      const S = g.reduce((s, v) => s + (v - xbar) ** 2, 0);
      const kap = k0 + n;
      const mean = (k0 * m0 + n * xbar) / kap;
      const al = a0 + n / 2;
      const be = b0 + S / 2 + (k0 * n * (xbar - m0) ** 2) / (2 * kap);
      logW += -(n / 2) * Math.log(2 * Math.PI) + 0.5 * Math.log(k0 / kap) + a0 * Math.log(b0) - al * Math.log(be) + lgamma(al) - lgamma(a0);
      m[`mu${k + 1}`] = [mean, mean * mean + be / ((al - 1) * kap)];
      m[`prec${k + 1}`] = [al / be, (al * (al + 1)) / (be * be)];
    });
    terms.push({ logW, m });
  }
  return accumulate(terms);
}

/** Full 2D model (pairs x[i] = [x, y]): pi, mu1x … mu2y, P1xx, P1xy, P2yy (entries of Σ_k⁻¹). */
export function exactFull2D(x: [number, number][], prior: MixturePrior): Moments {
  const N = x.length;
  const terms = [];
  const lgamma2 = (a: number) => 0.5 * Math.log(Math.PI) + lgamma(a) + lgamma(a - 0.5);
  for (let mask = 0; mask < 1 << N; mask++) {
    const groups = [x.filter((_, i) => !(mask & (1 << i))), x.filter((_, i) => mask & (1 << i))];
    const A = prior.a + groups[0].length,
      B = prior.a + groups[1].length;
    let logW = lbeta(A, B) - lbeta(prior.a, prior.a);
    const m: Record<string, [number, number]> = { pi: [A / (A + B), (A * (A + 1)) / ((A + B) * (A + B + 1))] };
    groups.forEach((g, k) => {
      const c = prior.comps[k];
      const n = g.length;
      const xb = [0, 1].map((j) => (n ? g.reduce((s, v) => s + v[j], 0) / n : 0));
      const S = [0, 0, 0];
      for (const v of g) {
        S[0] += (v[0] - xb[0]) ** 2;
        S[1] += (v[0] - xb[0]) * (v[1] - xb[1]);
        S[2] += (v[1] - xb[1]) ** 2;
      }
      const kap = c.kappa0 + n;
      const mean = [0, 1].map((j) => (c.kappa0 * c.m0[j] + n * xb[j]) / kap);
      const d = [xb[0] - c.m0[0], xb[1] - c.m0[1]];
      const f = (c.kappa0 * n) / kap;
      const psi = [c.psi0[0] + S[0] + f * d[0] * d[0], c.psi0[1] + S[1] + f * d[0] * d[1], c.psi0[2] + S[2] + f * d[1] * d[1]];
      const nu = c.nu0 + n;
      const det = (p: ArrayLike<number>) => p[0] * p[2] - p[1] * p[1];
      logW +=
        -n * Math.log(Math.PI) +
        Math.log(c.kappa0 / kap) +
        (c.nu0 / 2) * Math.log(det(c.psi0)) -
        (nu / 2) * Math.log(det(psi)) +
        lgamma2(nu / 2) -
        lgamma2(c.nu0 / 2);
      const ES = psi.map((v) => v / (nu - 3)); // E[Σ]
      ['x', 'y'].forEach((ax, j) => {
        m[`mu${k + 1}${ax}`] = [mean[j], mean[j] * mean[j] + ES[j === 0 ? 0 : 2] / kap];
      });
      // Σ⁻¹ ~ Wishart(ν, V = Ψ⁻¹): E = νV, Var(W_ij) = ν(V_ij² + V_ii V_jj).
      const dp = det(psi);
      const V = [psi[2] / dp, -psi[1] / dp, psi[0] / dp];
      const mom = (i: number, ii: number, jj: number): [number, number] => [
        nu * V[i],
        nu * (V[i] * V[i] + V[ii] * V[jj]) + (nu * V[i]) ** 2,
      ];
      if (k === 0) {
        m.P1xx = mom(0, 0, 0);
        m.P1xy = mom(1, 0, 2);
      } else m.P2yy = mom(2, 2, 2);
    });
    terms.push({ logW, m });
  }
  return accumulate(terms);
}

/** Means-only 1D (known pi, v1, v2; μ_k ~ N(m0_k, c_k)): mu1, mu2. */
export function exactMeans1D(x: number[], prior: MixturePrior, known: ArrayLike<number>): Moments {
  const N = x.length;
  const terms = [];
  for (let mask = 0; mask < 1 << N; mask++) {
    const groups = [x.filter((_, i) => !(mask & (1 << i))), x.filter((_, i) => mask & (1 << i))];
    let logW = groups[0].length * Math.log(known[0]) + groups[1].length * Math.log(1 - known[0]);
    const m: Record<string, [number, number]> = {};
    groups.forEach((g, k) => {
      const v = known[3 + k];
      const { m0, cov } = prior.means[k];
      const c = cov[0];
      const n = g.length;
      const sx = g.reduce((s, t) => s + t, 0),
        sxx = g.reduce((s, t) => s + t * t, 0);
      const P = n / v + 1 / c;
      const M = (sx / v + m0[0] / c) / P;
      logW += -(n / 2) * Math.log(2 * Math.PI * v) - 0.5 * Math.log(c * P) - 0.5 * (sxx / v + (m0[0] * m0[0]) / c - P * M * M);
      m[`mu${k + 1}`] = [M, M * M + 1 / P];
    });
    terms.push({ logW, m });
  }
  return accumulate(terms);
}

/** Means-only 2D (known pi and Σ_k = known[5..7], known[8..10]; μ_k ~ N(m0_k, C_k)): mu1x … mu2y. */
export function exactMeans2D(x: [number, number][], prior: MixturePrior, known: ArrayLike<number>): Moments {
  const N = x.length;
  const inv = (a: number, b: number, c: number) => {
    const d = a * c - b * b;
    return [c / d, -b / d, a / d];
  };
  const terms = [];
  for (let mask = 0; mask < 1 << N; mask++) {
    const groups = [x.filter((_, i) => !(mask & (1 << i))), x.filter((_, i) => mask & (1 << i))];
    let logW = groups[0].length * Math.log(known[0]) + groups[1].length * Math.log(1 - known[0]);
    const m: Record<string, [number, number]> = {};
    groups.forEach((g, k) => {
      const o = 5 + 3 * k;
      const S = [known[o], known[o + 1], known[o + 2]];
      const Si = inv(S[0], S[1], S[2]);
      const { m0, cov } = prior.means[k];
      const Ci = inv(cov[0], cov[1], cov[2]);
      const n = g.length;
      const sx = [g.reduce((s, v) => s + v[0], 0), g.reduce((s, v) => s + v[1], 0)];
      const quad = (P: number[], v: number[]) => P[0] * v[0] * v[0] + 2 * P[1] * v[0] * v[1] + P[2] * v[1] * v[1];
      // b = Σ⁻¹Σx + C⁻¹m0, P = nΣ⁻¹ + C⁻¹; log ML = −n log 2π − (n/2)log|Σ| − ½log|C| − ½log|P| − ½(Σ xᵀΣ⁻¹x + m0ᵀC⁻¹m0 − bᵀP⁻¹b).
      const b = [
        Si[0] * sx[0] + Si[1] * sx[1] + Ci[0] * m0[0] + Ci[1] * m0[1],
        Si[1] * sx[0] + Si[2] * sx[1] + Ci[1] * m0[0] + Ci[2] * m0[1],
      ];
      const P = [n * Si[0] + Ci[0], n * Si[1] + Ci[1], n * Si[2] + Ci[2]];
      const V = inv(P[0], P[1], P[2]);
      const det = (A: number[]) => A[0] * A[2] - A[1] * A[1];
      logW += -n * Math.log(2 * Math.PI) - (n / 2) * Math.log(det(S)) - 0.5 * Math.log(det(Array.from(cov))) - 0.5 * Math.log(det(P));
      logW += -0.5 * (g.reduce((s, v) => s + quad(Si, v), 0) + quad(Ci, Array.from(m0)) - quad(V, b));
      const M = [V[0] * b[0] + V[1] * b[1], V[1] * b[0] + V[2] * b[1]];
      m[`mu${k + 1}x`] = [M[0], M[0] * M[0] + V[0]];
      m[`mu${k + 1}y`] = [M[1], M[1] * M[1] + V[2]];
    });
    terms.push({ logW, m });
  }
  return accumulate(terms);
}
