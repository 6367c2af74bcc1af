/**
 * The WebAssembly SIMD E-step (estep.wat): loading, one instance per model, and the dispatch rule.
 *
 * The kernel computes, per block of BLOCK points, the same block sums as the scalar loops of model1d.ts and
 * model2d.ts, bit for bit (estep.wat says why); the model then adds log(prod) and the compensated block sums
 * with addBlocks, in the scalar path's order. So the kernel changes the speed of an E-step and nothing else:
 * every document stays byte-identical whichever path ran (tests/unit/wasm-estep.test.ts checks it over many θ
 * and data sets). The scalar TypeScript path stays the reference, and the fallback wherever WebAssembly SIMD
 * is missing or refused (e.g. a main thread that forbids synchronous compilation).
 */
import { expNegConstants, log } from '../detmath';
import type { NeumaierSums } from '../summation';
import { BLOCK } from '../summation';
import { ESTEP_WASM_BASE64 } from './estep-wasm';

/**
 * The kernel serves models of at least this many points (two blocks). Below it the scalar path is as fast (a
 * lone block runs both lanes on the same points) and a model needs no instance and no second copy of its
 * data. The rule changes speed only, never a result.
 */
export const KERNEL_MIN_N = 512;

/** Which E-step a model runs: 'auto' (the kernel where the rule and the platform allow), or one forced. */
export type EStepPath = 'auto' | 'scalar' | 'wasm';

/** Doubles per block in the kernel's results: top, prod, H, then the model's other slots. */
export const BLOCK_WIDTH = { 1: 9, 2: 15 } as const;

const CONSTANTS_BYTES = 4096; // FRAC and the exp constants (estep.wat's layout)
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;
let constants: Float64Array | undefined;

/** The kernel's first 2088 bytes: FRAC, INV_C, C_HI, C_LO, 1/6 and 1/24 (as expNeg's literals round them). */
function kernelConstants(): Float64Array {
  const c = expNegConstants();
  const out = new Float64Array(261);
  out.set(c.frac, 0);
  out.set([c.invC, c.cHi, c.cLo, 1 / 6, 1 / 24], 256);
  return out;
}

/** The compiled module, or null where WebAssembly or its SIMD proposal is unavailable. Compiled once. */
export function estepModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'object') {
      const text = atob(ESTEP_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null; // e.g. compilation refused: the scalar path serves
  }
  return compiled;
}

/** E-steps run by a kernel, in this module instance (for the tests of the dispatch rule). */
export const kernelRuns = { count: 0 };

/** One model's kernel: `run` fills and returns the per-block results (a view into the instance's memory). */
export interface EStepKernel {
  readonly blocks: Float64Array;
  readonly nBlocks: number;
  run(params: Float64Array): Float64Array;
}

/**
 * A kernel for `n` points of dimension `dim` in `data` (interleaved in 2D), or null when the path is
 * 'scalar', or 'auto' below KERNEL_MIN_N or without WebAssembly SIMD. 'wasm' throws rather than fall back
 * (for the tests and the benchmark, which must know which path ran).
 */
export function createEStepKernel(dim: 1 | 2, data: Float64Array, path: EStepPath = 'auto'): EStepKernel | null {
  const n = data.length / dim;
  if (path === 'scalar' || (path === 'auto' && n < KERNEL_MIN_N)) return null;
  const mod = estepModule();
  if (!mod) {
    if (path === 'wasm') throw new Error('createEStepKernel: WebAssembly SIMD is unavailable');
    return null;
  }
  try {
    return instantiate(mod, dim, data);
  } catch (err) {
    if (path === 'wasm') throw err;
    return null; // e.g. no memory for the instance: the scalar path serves
  }
}

function instantiate(mod: WebAssembly.Module, dim: 1 | 2, data: Float64Array): EStepKernel {
  const n = data.length / dim;
  const width = BLOCK_WIDTH[dim];
  const nBlocks = Math.ceil(n / BLOCK);
  const blocksAt = CONSTANTS_BYTES;
  const dataAt = blocksAt + Math.ceil((nBlocks * width * 8) / 16) * 16;
  const bytes = dataAt + (n + BLOCK) * dim * 8; // a block of zero padding, for lane 1 past the tail's end
  const instance = new WebAssembly.Instance(mod, {});
  const exports = instance.exports as {
    memory: WebAssembly.Memory;
    estep1d: (x: number, n: number, out: number, ...p: number[]) => void;
    estep2d: (x: number, n: number, out: number, ...p: number[]) => void;
  };
  const memory = exports.memory;
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages); // before any view: growing detaches the old buffer
  const f64 = new Float64Array(memory.buffer);
  f64.set((constants ??= kernelConstants()), 0);
  f64.set(data, dataAt / 8);
  const blocks = new Float64Array(memory.buffer, blocksAt, nBlocks * width);
  const fn = dim === 1 ? exports.estep1d : exports.estep2d;
  return {
    blocks,
    nBlocks,
    run(p: Float64Array): Float64Array {
      kernelRuns.count++;
      if (dim === 1) fn(dataAt, n, blocksAt, p[0], p[1], p[2], p[3], p[4], p[5]);
      else fn(dataAt, n, blocksAt, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
      return blocks;
    },
  };
}

/**
 * The scalar path's end of each block, on the kernel's block results: L gets top and log(prod), the entropy
 * H + log(prod), and slot k − 1 the block's entry k ≥ 3, each through the compensated sums, in block order.
 */
export function addBlocks(acc: NeumaierSums, blocks: Float64Array, nBlocks: number, width: number): void {
  for (let b = 0, o = 0; b < nBlocks; b++, o += width) {
    const logProd = log(blocks[o + 1]);
    acc.add(0, blocks[o]);
    acc.add(0, logProd);
    acc.add(1, blocks[o + 2] + logProd);
    for (let k = 3; k < width; k++) acc.add(k - 1, blocks[o + k]);
  }
}
