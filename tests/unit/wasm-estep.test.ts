/**
 * The WebAssembly SIMD E-step (src/engine/wasm): the committed binary is what estep.wat assembles to, its
 * E-steps are bit-identical to the scalar TypeScript path (the reference) over many θ and data sets, the
 * dispatch rule picks it at N ≥ KERNEL_MIN_N only, and the scalar path serves without WebAssembly SIMD.
 * Bit-identity (Object.is on every field, NaN included) is stronger than the 1e-12 relative agreement
 * asked of the kernel; a relative check would hide a path that drifts.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { randomLcg, randomNormal } from 'd3-random';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModel1D } from '../../src/engine/model1d';
import { createModel2D } from '../../src/engine/model2d';
import type { MixtureEStep, Theta } from '../../src/engine/types';
import { createEStepKernel, estepModule, KERNEL_MIN_N, kernelRuns, type EStepPath } from '../../src/engine/wasm/estep-kernel';

/** Sizes around the block (256), the lane pair, a lone block, and a tail beside the last full block. */
const SIZES = [1, 2, 3, 255, 256, 257, 511, 512, 513, 767, 768, 769, 1023, 1024, 1025, 1281, 2047, 5003];

function mixtureData(dim: 1 | 2, n: number, seed: number, sep: number, scale: number): Float64Array {
  const rng = randomLcg(seed);
  const z = randomNormal.source(rng)(0, 1);
  const out = new Float64Array(dim * n);
  for (let i = 0; i < out.length; i++) out[i] = scale * (z() + (rng() < 0.4 ? sep : 0));
  return out;
}

/** Every field of two E-steps, bit for bit; the first difference is named. */
function expectSame(a: MixtureEStep, b: MixtureEStep, what: string) {
  const fields: [string, number, number][] = [
    ['logLik', a.logLik, b.logLik],
    ['entropy', a.entropy, b.entropy],
    ['R1', a.R1, b.R1],
    ['R2', a.R2, b.R2],
    ...Array.from(a.stats, (v, i): [string, number, number] => [`stats[${i}]`, v, b.stats[i]]),
  ];
  expect(b.stats.length).toBe(a.stats.length);
  for (const [name, x, y] of fields) if (!Object.is(x, y)) expect.fail(`${what}: ${name} ${x} (scalar) vs ${y} (kernel)`);
}

const estep = (dim: 1 | 2, data: Float64Array, path: EStepPath, theta: Theta) =>
  (dim === 1 ? createModel1D(data, { estepPath: path }) : createModel2D(data, { estepPath: path })).estep(theta);

function compare(dim: 1 | 2, data: Float64Array, thetas: Theta[], what: string) {
  const scalar = dim === 1 ? createModel1D(data, { estepPath: 'scalar' }) : createModel2D(data, { estepPath: 'scalar' });
  const kernel = dim === 1 ? createModel1D(data, { estepPath: 'wasm' }) : createModel2D(data, { estepPath: 'wasm' });
  for (const theta of thetas) expectSame(scalar.estep(theta), kernel.estep(theta), `${what} θ = [${Array.from(theta).join(', ')}]`);
}

/** 1D θ: ordinary, extreme weights, extreme separations, tiny and huge variances, far means, overflow to −∞. */
const THETAS_1D: Theta[] = [
  [0.4, 0, 2, 1, 1.3],
  [0.5, 1, 1, 1, 1],
  [1e-12, 0, 2, 1, 1],
  [1 - 1e-9, -3, 3, 0.5, 2],
  [0.3, -1e4, 1e4, 1, 1],
  [0.3, 0, 1e-3, 1e-10, 1e-10],
  [0.6, 0.1, 0.2, 1e-300, 1],
  [0.6, 0.1, 0.2, 1e300, 1e-3],
  [0.2, 1e6, -1e6, 1e-2, 1e8],
  [0.45, 0, 40, 1, 1],
].map((t) => Float64Array.from(t));

/** 2D θ: [π, μ1 (2), μ2 (2), Σ1 (xx, xy, yy), Σ2]: round, correlated, nearly singular, extreme scales. */
const THETAS_2D: Theta[] = [
  [0.4, 0, 0, 2, 0, 1, 0.5, 1, 1, -0.3, 0.6],
  [0.5, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1],
  [1e-10, 0, 0, 2, 1, 1, 0, 1, 2, 0.3, 1],
  [0.3, -1e4, 0, 1e4, 5, 1, 0.2, 1, 1, 0, 1],
  [0.6, 0, 0, 1, 1, 1, 0.999999, 1, 1e-8, 0, 1e-8],
  [0.7, 1, 1, 1, 1, 1e-280, 0, 1e-280, 1, 0, 1],
  [0.2, 0, 0, 3, -2, 1e250, 1e249, 1e250, 0.01, 0.001, 0.02],
  [0.45, 0, 0, 40, 40, 1, 0, 1, 1, 0, 1],
].map((t) => Float64Array.from(t));

describe('the WebAssembly SIMD E-step', () => {
  it('is what scripts/build-wasm.mjs assembles from estep.wat, byte for byte', () => {
    // Exits 1 (and execFileSync throws) unless the committed estep-wasm.ts is exactly the rebuilt one.
    const out = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('matches');
  });

  it('compiles in this Node (WebAssembly SIMD)', () => {
    expect(estepModule()).toBeInstanceOf(WebAssembly.Module);
  });

  for (const dim of [1, 2] as const) {
    const thetas = dim === 1 ? THETAS_1D : THETAS_2D;
    it(`${dim}D: bit-identical to the scalar path at every size around the block and lane widths`, () => {
      for (const n of SIZES) compare(dim, mixtureData(dim, n, n, 2, 1), thetas, `N = ${n}`);
    });

    it(`${dim}D: bit-identical on separated, tiny-scale and huge-scale data`, () => {
      for (const [sep, scale] of [
        [0, 1],
        [30, 1],
        [3, 1e-150],
        [3, 1e150],
        [2, 1e-6],
      ])
        compare(dim, mixtureData(dim, 1537, 7, sep, scale), thetas, `sep ${sep} scale ${scale}`);
    });

    it(`${dim}D: bit-identical on random θ and data (fast-check)`, () => {
      const p = dim === 1 ? 5 : 11;
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 3000 }),
          fc.integer({ min: 1, max: 1e6 }),
          fc.double({ min: 0, max: 20, noNaN: true }),
          fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: p, maxLength: p }),
          (n, seed, sep, raw) => {
            const data = mixtureData(dim, n, seed, sep, 1);
            const theta = new Float64Array(p);
            theta[0] = 1 / (1 + Math.exp(-3 * raw[0])); // π in (0, 1)
            for (let i = 1; i < 5; i++) theta[i] = 4 * raw[i];
            if (dim === 1) {
              theta[3] = Math.exp(3 * raw[3]);
              theta[4] = Math.exp(3 * raw[4]);
            } else
              for (const o of [5, 8]) {
                const l11 = Math.exp(raw[o]),
                  l21 = raw[o + 1],
                  l22 = Math.exp(raw[o + 2]);
                theta.set([l11 * l11, l11 * l21, l21 * l21 + l22 * l22], o); // Σ = ΛΛᵀ: positive definite
              }
            compare(dim, data, [theta], `N = ${n} seed ${seed}`);
          },
        ),
        { numRuns: 60, seed: 16 + dim },
      );
    });
  }

  it(`serves models of N ≥ KERNEL_MIN_N = ${KERNEL_MIN_N} (auto), never below, never when told 'scalar'`, () => {
    const runs = (dim: 1 | 2, n: number, path: EStepPath = 'auto') => {
      const before = kernelRuns.count;
      estep(dim, mixtureData(dim, n, 3, 2, 1), path, dim === 1 ? THETAS_1D[0] : THETAS_2D[0]);
      return kernelRuns.count - before;
    };
    for (const dim of [1, 2] as const) {
      expect(runs(dim, KERNEL_MIN_N - 1)).toBe(0);
      expect(runs(dim, KERNEL_MIN_N)).toBe(1);
      expect(runs(dim, 100_000)).toBe(1);
      expect(runs(dim, 100_000, 'scalar')).toBe(0);
      expect(runs(dim, 10, 'wasm')).toBe(1);
    }
    expect(createEStepKernel(1, new Float64Array(KERNEL_MIN_N - 1))).toBeNull();
  });
});

describe('without WebAssembly SIMD', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  // A fresh copy of the engine modules, so that the module cache of estep-kernel.ts sees the stubbed global.
  async function freshEngine() {
    vi.resetModules();
    const kernel = await import('../../src/engine/wasm/estep-kernel');
    const { createModel1D: create1D } = await import('../../src/engine/model1d');
    const { createModel2D: create2D } = await import('../../src/engine/model2d');
    return { kernel, create1D, create2D };
  }

  for (const [what, stub] of [
    ['no WebAssembly at all', undefined],
    ['a WebAssembly that refuses the SIMD binary', { ...WebAssembly, validate: () => false }],
  ] as const)
    it(`falls back to the scalar path: ${what}`, async () => {
      vi.stubGlobal('WebAssembly', stub);
      const { kernel, create1D, create2D } = await freshEngine();
      expect(kernel.estepModule()).toBeNull();
      const d1 = mixtureData(1, 4000, 1, 2, 1),
        d2 = mixtureData(2, 4000, 1, 2, 1);
      expectSame(createModel1D(d1, { estepPath: 'scalar' }).estep(THETAS_1D[0]), create1D(d1).estep(THETAS_1D[0]), '1D fallback');
      expectSame(createModel2D(d2, { estepPath: 'scalar' }).estep(THETAS_2D[0]), create2D(d2).estep(THETAS_2D[0]), '2D fallback');
      expect(kernel.kernelRuns.count).toBe(0);
      expect(() => create1D(d1, { estepPath: 'wasm' }).estep(THETAS_1D[0])).toThrow(/unavailable/);
    });
});
