/**
 * Test helpers around the engine's tfjs log-likelihood (written in tfjs ops, independently of the
 * analytic gradients), for autodiff cross-checks of the
 * engine's hand-derived gradients. Parametrised directly in the FREE coordinates of types.ts:
 *   1D: [logit π, μ1, μ2, log v1, log v2]
 *   2D: [logit π, μ1x, μ1y, μ2x, μ2y, l1_11, l1_21, l1_22, l2_11, l2_21, l2_22], Σ = ΛΛᵀ, Λ = [[e^l11, 0], [l21, e^l22]]
 * tfjs computes in float32: expect ~1e-4..1e-3 relative agreement, not more.
 */
import { initTf, tf, tfLogLik } from '../../src/engine/tf-loglik';

export { initTf, tfLogLik };

/** Value and ∇_φ L by tfjs reverse-mode autodiff (float32), returned as float64 arrays. */
export function tfValueAndGradFree(dim: 1 | 2, data: Float64Array, phi: Float64Array): { value: number; grad: Float64Array } {
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
