/**
 * The mixture log-likelihood written in tfjs ops (float32), in the FREE coordinates of types.ts.
 * Used by the Adam/momentum baseline (tfjs autodiff + optimisers) and by the tests as an independent
 * autodiff check of the analytic gradients. Always the deterministic pure-JS cpu backend, so the
 * browser worker and the Node CLI produce identical numbers. Loaded lazily (dynamic import) so tfjs
 * never enters the main bundle.
 *
 * What a pass costs on the cpu backend: an elementwise kernel 20–50 ns per element (a per-element
 * callback; exp and log cost most), a matMul ~15 ns per output element, and every op, however
 * small, ~5–10 µs with its gradient. So the per-point work is a few thin matMuls and three
 * elementwise kernels (a product, softplus and, in the backward pass, sigmoid), and the parameters
 * are handled as [2]-vectors (one entry per component) rather than as scalars.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };

export async function initTf(): Promise<void> {
  tf.enableProdMode(); // no debug checks, and no "install tfjs-node" banner in the CLI
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The data as tfLogLik wants them, built once per run: the points centred at their mean with a
 * column of −1 appended (X, [N, dim + 1]), so that z = Λ⁻¹(p − μ) is X times a small matrix; ½XᵀX,
 * which gives ½Σ_n |z_n|² without a pass over the data; and the small constant matrices the formulas
 * multiply by. Centring keeps the coefficients of X·W, and so their rounding, small.
 */
export interface TfData {
  readonly dim: 1 | 2;
  readonly n: number;
  readonly tensors: Readonly<Record<string, tf.Tensor>>;
  dispose(): void;
}

export function tfData(dim: 1 | 2, data: ArrayLike<number>): TfData {
  const n = dim === 1 ? data.length : data.length / 2;
  const x32 = Float32Array.from(data);
  const k = dim + 1;
  const centre = [0, 0];
  for (let j = 0; j < dim; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x32[dim * i + j];
    centre[j] = n > 0 ? Math.fround(s / n) : 0;
  }
  const X = new Float32Array(n * k);
  const gram = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) X[k * i + j] = x32[dim * i + j] - centre[j];
    X[k * i + dim] = -1;
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) gram[k * r + c] += X[k * i + r] * X[k * i + c];
  }
  const tensors: Record<string, tf.Tensor> = {
    X: tf.tensor2d(X, [n, k]),
    halfGram: tf.tensor2d(
      Float32Array.from(gram, (v) => 0.5 * v),
      [k, k],
    ), // ½ XᵀX
    ones: tf.ones([1, n]),
    halfDiff: tf.tensor2d([-0.5, 0.5], [2, 1]), // × [W1 W2] → ½(W2 − W1)
    sum: tf.tensor2d([1, 1], [2, 1]), // → W1 + W2
    second: tf.tensor2d([0, 1], [2, 1]), // → W2
  };
  if (dim === 1) {
    Object.assign(tensors, {
      centre: tf.tensor1d([centre[0], centre[0]]),
      onesK: tf.ones([1, 2]),
      c12: tf.tensor1d([1, 0, 0, -0.5, 0.5]), // c1 − c2 = a − ½(s1 − s2)
      pick: tf.tensor2d([0, -1], [2, 1]), // −(½ N s2 + ½ Σ z2²)
    });
  } else {
    Object.assign(tensors, {
      // rows μx, μy, −l11, −l21, −l22; columns: component 1, component 2
      select: selection(11, [1, 3, 2, 4, 5, 8, 6, 9, 7, 10], [1, 1, 1, 1, -1, -1, -1, -1, -1, -1]),
      centre: tf.tensor2d([centre[0], centre[0], centre[1], centre[1], 0, 0, 0, 0, 0, 0], [5, 2]),
      zeros: tf.zeros([2]),
      // c1 − c2 = a − (l1_11 + l1_22) + (l2_11 + l2_22); −N log|Λ2| = −N (l2_11 + l2_22)
      c12: tf.tensor1d([1, 0, 0, 0, 0, -1, 0, -1, 1, 0, 1]),
      logDet2: tf.tensor1d([0, 0, 0, 0, 0, 0, 0, 0, -n, 0, -n]),
    });
  }
  return {
    dim,
    n,
    tensors,
    dispose: () => Object.values(tensors).forEach((t) => t.dispose()),
  };
}

/** [p, idx.length] matrix with φ·S = sign ⊙ φ[idx]: a matMul and its gradient cost less than gather's (unsortedSegmentSum). */
function selection(p: number, idx: number[], sign: number[]): tf.Tensor2D {
  const s = new Float32Array(p * idx.length);
  idx.forEach((i, j) => (s[i * idx.length + j] = sign[j]));
  return tf.tensor2d(s, [p, idx.length]);
}

/**
 * L(φ) as a tf scalar. `data`: a TfData, or (for the tests) the raw points as a tensor of shape [N]
 * (1D) or [N, 2] (2D), prepared on every call (inside tf.tidy). Functional ops only (no chained-op registration).
 *
 * With l_k = log π_k N(p | μ_k, Σ_k) = c_k − ½|z_k|², z_k = Λ_k⁻¹(p − μ_k), and u = l1 − l2:
 * L = Σ_n [l2 + softplus(u)] (the cpu softplus kernel is stable for any |u|: it returns u or e^u
 * beyond ±14), one elementwise kernel instead of a max/sub/exp/exp/add/log chain. Per point,
 * u − (c1 − c2) = ½(|z2|² − |z1|²) = ½(z2 − z1)·(z2 + z1): two thin matMuls of X and one product. Each
 * factor is an affine function of the centred point summed in float64 and rounded once, so it is
 * about as accurate as forming p − μ_k; expanding the quadratics in powers of the centred point
 * would save the product but cancels for a narrow component (σ² = 2e-6 inside the default 1D data:
 * L off by 1e-5 relative and the gradient by 2e-3; in 2D the gradient by 2e-2). Σ_n l2 needs only
 * ½XᵀX, no pass over the data. log π2 = −softplus(a): tf.logSigmoid (a customGrad op) failed inside
 * optimizer.minimize in tfjs 4.22.
 */
export function tfLogLik(dim: 1 | 2, data: tf.Tensor | TfData, phi: tf.Tensor1D): tf.Scalar {
  // A raw tensor is prepared here: call inside tf.tidy, which then disposes the prepared tensors.
  if (data instanceof tf.Tensor) return tfLogLik(dim, tfData(dim, data.dataSync()), phi);
  return dim === 1 ? logLik1(data, phi) : logLik2(data, phi);
}

function logLik1(d: TfData, phi: tf.Tensor1D): tf.Scalar {
  const { sub, mul, add, matMul } = tf;
  const t = d.tensors;
  const [a, mu, s] = tf.split(phi, [1, 2, 2]);
  const r = tf.exp(mul(s, -0.5)); // 1/σ_k
  // Rows: the coefficients of xc and of −1 in z_k = r_k (xc − m_k); columns: components.
  const W = tf.stack([r, mul(r, sub(mu, t.centre))]);
  const prod = mul(matMul(t.X, matMul(W, t.halfDiff)), matMul(t.X, matMul(W, t.sum))); // ½(z2 − z1)(z2 + z1)
  // c1 − c2 as a rank-0 scalar: against shape [1] the cpu backend's add takes a slow per-element index path
  const u = add(prod, tf.sum(mul(phi, t.c12)));
  // Σ_n l2 = −N softplus(a) − ½ N s2 − ½ Σ z2² − ½ N log 2π
  const zz = matMul(t.onesK, mul(W, matMul(t.halfGram, W))); // ½ [Σ z1², Σ z2²]
  const rest = sub(mul(tf.softplus(a), -d.n), 0.5 * LOG_2PI * d.n);
  const total = add(add(matMul(t.ones, tf.softplus(u)), matMul(add(zz, mul(s, 0.5 * d.n)), t.pick)), rest);
  return tf.reshape(total, []);
}

function logLik2(d: TfData, phi: tf.Tensor1D): tf.Scalar {
  const { sub, mul, add, exp, matMul, reshape } = tf;
  const t = d.tensors;
  const [mx, my, nl11, nl21, nl22] = tf.unstack(sub(reshape(matMul(reshape(phi, [1, 11]), t.select), [5, 2]), t.centre));
  const ia = exp(nl11);
  const id = exp(nl22);
  const ng = mul(mul(id, nl21), ia);
  // Λ⁻¹ = [[ia, 0], [ng, id]]: z1 = ia (xc − mx), z2 = ng (xc − mx) + id (yc − my). Rows: (basis xc, yc, −1)
  // × (z1, z2), flattened; columns: components.
  const W = tf.stack([ia, ng, t.zeros, id, mul(ia, mx), add(mul(ng, mx), mul(id, my))]);
  const A = reshape(matMul(t.X, reshape(matMul(W, t.halfDiff), [3, 2])), [d.n, 1, 2]); // ½(z2 − z1) per point
  const B = reshape(matMul(t.X, reshape(matMul(W, t.sum), [3, 2])), [d.n, 2, 1]); // z1 + z2
  // The per-point dot products as a batched matMul: cheaper, with its gradient, than mul and a row-sum.
  const u = add(reshape(matMul(A, B), [d.n, 1]), tf.sum(mul(phi, t.c12)));
  // Σ_n l2 = −N softplus(a) − N log|Λ2| − ½ Σ |z2|² − N log 2π
  const W2 = reshape(matMul(W, t.second), [3, 2]);
  const zz2 = tf.sum(mul(W2, matMul(t.halfGram, W2))); // ½ Σ |z2|²
  const a = tf.slice(phi, [0], [1]);
  const rest = add(sub(mul(tf.softplus(a), -d.n), LOG_2PI * d.n), sub(tf.sum(mul(phi, t.logDet2)), zz2));
  return reshape(add(matMul(t.ones, tf.softplus(u)), rest), []);
}
