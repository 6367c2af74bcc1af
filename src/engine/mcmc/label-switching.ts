/**
 * Label switching. The posterior with an exchangeable prior is symmetric under swapping the components,
 * so a chain may visit both labellings (at small separations it does). A draw is "switched" when its
 * swapped labelling lies closer to the mode, in the mode's curvature metric (φ − φ̂)ᵀH(φ − φ̂) ('mode'),
 * or, in 1D, when μ₁ > μ₂ while the mode has μ₁ < μ₂ ('order'). Relabelling maps each draw to its
 * labelling by that rule before any autocorrelation: valid for the DA kernel, which commutes with the
 * swap, and for the marginal samplers, whose target is swap-symmetric (em-theory.md §15.3). Where the
 * swap is no symmetry (unlike known parts in means-only, or unlike priors) nothing is relabelled
 * ('none'): the other labelling is then a different, genuine mode.
 */
export type RelabelRule = 'mode' | 'order' | 'none';

export interface Relabelled {
  /** Draws in the mode's labelling (n × p row-major). */
  readonly phi: Float64Array;
  /** Draws that were in the other labelling. */
  readonly switched: number;
}

const quad = (x: Float64Array, c: Float64Array, H: Float64Array, p: number): number => {
  let s = 0;
  for (let i = 0; i < p; i++) {
    const di = x[i] - c[i];
    let r = 0;
    for (let j = 0; j < p; j++) r += H[i * p + j] * (x[j] - c[j]);
    s += di * r;
  }
  return s;
};

export interface SwapGeometry {
  readonly p: number;
  readonly center: Float64Array;
  readonly H: Float64Array;
  readonly swap: (phi: Float64Array) => Float64Array;
  /** Indices in φ of the two means' first coordinates (for 'order'). */
  readonly firstMeans: readonly [number, number];
}

/** Whether a draw is in the other labelling than the mode, by the rule (for 'none': by the mode rule, counted only). */
export function isSwitched(g: SwapGeometry, phi: Float64Array, rule: RelabelRule): boolean {
  if (rule === 'order') {
    const [a, b] = g.firstMeans;
    return Math.sign(phi[a] - phi[b]) !== Math.sign(g.center[a] - g.center[b]) && phi[a] !== phi[b];
  }
  return quad(g.swap(phi), g.center, g.H, g.p) < quad(phi, g.center, g.H, g.p);
}

/** Relabels n draws (row-major) by the rule; 'none' counts switched draws but keeps them. */
export function relabel(g: SwapGeometry, draws: Float64Array, rule: RelabelRule): Relabelled {
  const p = g.p;
  const n = draws.length / p;
  const out = Float64Array.from(draws);
  let switched = 0;
  for (let i = 0; i < n; i++) {
    const phi = draws.subarray(i * p, (i + 1) * p);
    if (isSwitched(g, phi, rule)) {
      switched++;
      if (rule !== 'none') out.set(g.swap(phi), i * p);
    }
  }
  return { phi: out, switched };
}
