/**
 * The mixture log-likelihood written in tfjs ops (float32), in the FREE coordinates of types.ts.
 * Used by the Adam/momentum baseline (tfjs autodiff + optimisers) and by the tests as an independent
 * autodiff check of the analytic gradients. Always the deterministic pure-JS cpu backend, so the
 * browser worker and the Node CLI produce identical numbers. Loaded lazily (dynamic import) so tfjs
 * never enters the main bundle.
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

/** L(φ) as a tf scalar. `data` is [N] (1D) or [N, 2] (2D). Functional ops only (no chained-op registration). */
export function tfLogLik(dim: 1 | 2, data: tf.Tensor, phi: tf.Tensor1D): tf.Scalar {
  const { sub, mul, div, exp, square, add } = tf;
  // Scalars, not shape-[1] slices: the cpu backend's binary ops take a per-element index-juggling
  // path when broadcasting [N] against [1], and a plain loop against a rank-0 scalar (~5× faster).
  const at = (i: number) => tf.reshape(tf.slice(phi, [i], [1]), []);
  const logW1 = tf.neg(tf.softplus(tf.neg(at(0)))); // log σ(a); tf.logSigmoid (a customGrad op) failed inside optimizer.minimize in tfjs 4.22
  const logW2 = tf.neg(tf.softplus(at(0)));
  let l1: tf.Tensor, l2: tf.Tensor;
  if (dim === 1) {
    // log π_k − ½ log 2π − ½ s_k − (x − μ_k)² / (2 e^{s_k})
    const comp = (logW: tf.Tensor, mu: tf.Tensor, s: tf.Tensor) =>
      sub(sub(sub(logW, 0.5 * LOG_2PI), mul(s, 0.5)), div(square(sub(data, mu)), mul(exp(s), 2)));
    l1 = comp(logW1, at(1), at(3));
    l2 = comp(logW2, at(2), at(4));
  } else {
    const x = tf.reshape(tf.slice(data, [0, 0], [-1, 1]), [-1]);
    const y = tf.reshape(tf.slice(data, [0, 1], [-1, 1]), [-1]);
    // Quadratic form by forward substitution with Λ: z = Λ⁻¹e, q = |z|², log|Σ| = 2(l11 + l22).
    const comp = (logW: tf.Tensor, o: number, mo: number) => {
      const ex = sub(x, at(mo));
      const ey = sub(y, at(mo + 1));
      const z1 = div(ex, exp(at(o)));
      const z2 = div(sub(ey, mul(at(o + 1), z1)), exp(at(o + 2)));
      const q = add(square(z1), square(z2));
      return sub(sub(sub(logW, LOG_2PI), add(at(o), at(o + 2))), mul(q, 0.5));
    };
    l1 = comp(logW1, 5, 1);
    l2 = comp(logW2, 8, 3);
  }
  // logsumexp of the two components written with same-shape [N] ops (tf.logSumExp over a stacked
  // [N, 2] broadcasts [N, 2] against [N, 1], which the cpu backend does element by element, slowly).
  const m = tf.maximum(l1, l2);
  return tf.sum(add(m, tf.log(add(exp(sub(l1, m)), exp(sub(l2, m))))));
}

/** The data as a float32 tensor of shape [N] or [N, 2]. */
export const dataTensor = (dim: 1 | 2, data: Float64Array): tf.Tensor =>
  dim === 1 ? tf.tensor1d(Float32Array.from(data)) : tf.tensor2d(Float32Array.from(data), [data.length / 2, 2]);
