/**
 * The mixture log-likelihood written independently in tfjs ops, for autodiff cross-checks of the
 * engine's hand-derived gradients. Parametrised directly in the FREE coordinates of types.ts:
 *   1D: [logit π, μ1, μ2, log v1, log v2]
 *   2D: [logit π, μ1x, μ1y, μ2x, μ2y, l1_11, l1_21, l1_22, l2_11, l2_21, l2_22], Σ = ΛΛᵀ, Λ = [[e^l11, 0], [l21, e^l22]]
 * tfjs computes in float32: expect ~1e-4..1e-3 relative agreement, not more.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export async function initTf(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

const LOG_2PI = Math.log(2 * Math.PI);

/** L(φ) as a tf scalar. `data` is [N] (1D) or [N, 2] (2D). Functional ops only (no chained-op registration). */
export function tfLogLik(dim: 1 | 2, data: tf.Tensor, phi: tf.Tensor1D): tf.Scalar {
  const { sub, mul, div, exp, square, add } = tf;
  const at = (i: number) => tf.slice(phi, [i], [1]);
  // log σ(±a) = −softplus(∓a) (tf.logSigmoid's custom gradient breaks inside valueAndGrad here)
  const logW1 = tf.neg(tf.softplus(tf.neg(at(0))));
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
      const ex = sub(x, at(mo)),
        ey = sub(y, at(mo + 1));
      const z1 = div(ex, exp(at(o)));
      const z2 = div(sub(ey, mul(at(o + 1), z1)), exp(at(o + 2)));
      const q = add(square(z1), square(z2));
      return sub(sub(sub(logW, LOG_2PI), add(at(o), at(o + 2))), mul(q, 0.5));
    };
    l1 = comp(logW1, 5, 1);
    l2 = comp(logW2, 8, 3);
  }
  return tf.sum(tf.logSumExp(tf.stack([l1, l2], 1), 1));
}

/** Value and ∇_φ L by tfjs reverse-mode autodiff (float32), returned as float64 arrays. */
export function tfValueAndGradFree(
  dim: 1 | 2,
  data: Float64Array,
  phi: Float64Array,
): { value: number; grad: Float64Array } {
  const n = dim === 1 ? data.length : data.length / 2;
  const data32 = Float32Array.from(data);
  const [value, grad] = tf.tidy(() => {
    const d = dim === 1 ? tf.tensor1d(data32) : tf.tensor2d(data32, [n, 2]);
    const f = (p: tf.Tensor) => tfLogLik(dim, d, p as tf.Tensor1D);
    const r = tf.valueAndGrad(f)(tf.tensor1d(Float32Array.from(phi)));
    return [r.value, r.grad];
  });
  const out = { value: value.dataSync()[0], grad: Float64Array.from(grad.dataSync()) };
  value.dispose();
  grad.dispose();
  return out;
}
