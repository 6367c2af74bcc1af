/**
 * The tfjs log-likelihood (src/engine/tf-loglik.ts, float32) against the float64 engine at points
 * where its float32 evaluation is hardest: far from the data (one component's density underflows at
 * every point), and a component much narrower than the data's spread (near a collapse, where the
 * quadratic forms must not be formed by cancellation). Also: the prepared data (TfData) and the raw
 * tensor give the same numbers, and nothing leaks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/engine/data';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import { createModel1D } from '../../src/engine/model1d';
import { createModel2D } from '../../src/engine/model2d';
import { initTf, tf, tfData, tfLogLik } from '../../src/engine/tf-loglik';

beforeAll(async () => {
  await initTf();
});

const N = 2000;
// Free coordinates (types.ts). 1D: [logit π, μ1, μ2, log v1, log v2]; the data: N(0, 1) and N(2.5, 1).
const PHI_1D: [string, number[]][] = [
  ['at the start', [0, 0, 2, 0, 0]],
  ['off the optimum', [0.3, -1, 3, -1, 0.5]],
  ['both components far from the data', [2, 30, -20, -3, 2]],
  ['component 1 at 100 (its density underflows)', [5, 100, 0, 0, 0]],
  ['component 1 narrow (σ² = 2.5e-3)', [-1, 0.1, 5, -6, 1]],
  ['component 1 collapsing (σ² = 2.3e-6) inside the data', [0, 4.1, 0, -13, 0]],
];
// 2D: [logit π, μ1x, μ1y, μ2x, μ2y, l1_11, l1_21, l1_22, l2_11, l2_21, l2_22], Σ = ΛΛᵀ.
const PHI_2D: [string, number[]][] = [
  ['at the start', [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]],
  ['off the optimum', [0.3, -1, 0.5, 3, -1, -0.5, 0.3, 0.2, 0.1, -0.4, 0.2]],
  ['both components far from the data', [2, 30, -20, -5, 8, -2, 1, 0.5, 1, 0.5, -1]],
  ['component 1 narrow', [-1, 0.1, 0.2, 4, 0, -3, 0.2, -3, 0, 0, 0]],
  ['component 1 narrow and strongly correlated', [0, 1, 0, 2, 0, -5, 3, -4, 0, 0, 0]],
];

/** Value and ∇φ by tfjs autodiff (float32). */
function tfValueAndGrad(dim: 1 | 2, data: tf.Tensor | ReturnType<typeof tfData>, phi: number[]): { value: number; grad: number[] } {
  return tf.tidy(() => {
    const r = tf.valueAndGrad((p: tf.Tensor) => tfLogLik(dim, data, p as tf.Tensor1D))(tf.tensor1d(phi));
    return { value: r.value.dataSync()[0], grad: Array.from(r.grad.dataSync()) };
  });
}

for (const [dim, points] of [
  [1, PHI_1D],
  [2, PHI_2D],
] as const) {
  describe(`${dim}D tfLogLik`, () => {
    const raw = generateData({ ...DEFAULT_STATE, dim, n: N });
    const model = dim === 1 ? createModel1D(raw) : createModel2D(raw);

    it.each(points)('value and gradient match the float64 engine: %s', (_label, phi) => {
      const data = tfData(dim, raw);
      const { value, grad } = tfValueAndGrad(dim, data, phi);
      data.dispose();
      const e = model.estep(model.fromFree(Float64Array.from(phi)));
      expect(Math.abs(value - e.logLik) / Math.abs(e.logLik)).toBeLessThan(1e-6);
      // float32: relative to the gradient's largest entry. Expanding the quadratic forms around the
      // data mean would miss this by 1e-3 (1D) to 2e-2 (2D) at the narrow components.
      const g = model.gradientFree(e);
      const scale = Math.max(...g.map(Math.abs));
      const err = Math.max(...g.map((gi, i) => Math.abs(grad[i] - gi)));
      expect(err / scale).toBeLessThan(3e-4);
    });

    it('the raw data tensor gives exactly what the prepared data give, and nothing leaks', () => {
      const before = tf.memory().numTensors;
      const data = tfData(dim, raw);
      const phi = points[1][1];
      const prepared = tfValueAndGrad(dim, data, phi);
      data.dispose();
      const t = dim === 1 ? tf.tensor1d(Float32Array.from(raw)) : tf.tensor2d(Float32Array.from(raw), [N, 2]);
      const fromRaw = tfValueAndGrad(dim, t, phi);
      t.dispose();
      expect(fromRaw).toEqual(prepared);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
