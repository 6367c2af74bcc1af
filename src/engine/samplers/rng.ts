/**
 * The samplers' seeded random numbers: xoshiro128** (Blackman & Vigna 2018), period 2^128 − 1, seeded
 * by splitmix32 from (seed, stream, chain). Only 32-bit integer operations and exact float arithmetic,
 * plus detmath's log for the normals, so Node and every browser draw the same bits.
 *
 * Why not d3's randomLcg, as data.ts uses: its one 2^32 cycle is too short for chains that consume
 * 10⁷–10⁸ uniforms, and chains seeded on the same cycle can overlap.
 */
import { log } from '../detmath';

const TWO_M53 = 1 / 9007199254740992; // 2^−53

/** fmix32 of MurmurHash3: a bijective 32-bit scramble. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit key from integers of any size up to 2^53 (both halves of each enter the hash). */
export function mixKey(parts: readonly number[]): number {
  let h = 0x2545f491;
  for (const x of parts) {
    const v = Math.floor(Math.abs(x));
    h = fmix32(h ^ (v >>> 0));
    h = fmix32(h ^ Math.floor(v / 4294967296) ^ (x < 0 ? 0x80000000 : 0));
  }
  return h;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /** Independent streams for every (seed, stream, chain): e.g. stream = the sampler, chain = its index. */
  constructor(seed: number, stream = 0, chain = 0) {
    // splitmix32 from the mixed key fills the four state words (never all zero).
    let a = mixKey([seed, stream, chain]);
    const next = () => {
      a = (a + 0x9e3779b9) | 0;
      let t = a ^ (a >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Uniform on [0, 1) with 53 random bits (so u < r is exact to 2^−53 even for tiny r). */
  uniform(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) * TWO_M53;
  }

  /** Uniform on (0, 1): never 0, so its log is finite. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** `len` uniforms on [0, 1) into out (the Gibbs sweep's block; the state stays in locals). */
  fillUniform(out: Float64Array, len: number): void {
    let s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    for (let j = 0; j < len; j++) {
      let r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      const hi = (r >>> 0) >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      out[j] = (hi * 67108864 + ((r >>> 0) >>> 6)) * TWO_M53;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Standard normal: Marsaglia's polar method with detmath's log (both draws of a pair used). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let x: number, y: number, r: number;
    do {
      x = 2 * this.uniform() - 1;
      y = 2 * this.uniform() - 1;
      r = x * x + y * y;
    } while (r === 0 || r >= 1);
    const f = Math.sqrt((-2 * log(r)) / r);
    this.spare = x * f;
    this.hasSpare = true;
    return y * f;
  }

  /** out[i] ~ N(0, 1), i < out.length. */
  normals(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
