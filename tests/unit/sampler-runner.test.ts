/**
 * The chain runner: bit-identical draws for the same inputs however the iterations are sliced (the worker's
 * advance(k)), finite outputs for every sampler in 1D and 2D, pass accounting (Gibbs/RWM/MALA one per
 * iteration, HMC L, NUTS its leapfrog steps), and label switching detected and undone.
 */
import { describe, expect, it } from 'vitest';
import { generateData, truthTheta } from '../../src/engine/data';
import { relabel, type SwapGeometry } from '../../src/engine/mcmc/label-switching';
import { ChainSet, runChains, type ChainSetSpec } from '../../src/engine/samplers/run-chains';
import { SAMPLER_IDS } from '../../src/engine/samplers/sampler';
import type { Dim } from '../../src/engine/types';

const dataSpec = (dim: Dim, sep: number, n = 200) => ({ dim, n, sep, w: 0.5, vr: 1, aspect: 0.5, rot: 30, seed: 4 });
const base = (dim: Dim, sep = 3): ChainSetSpec => ({
  data: generateData(dataSpec(dim, sep)),
  dim,
  samplers: SAMPLER_IDS,
  draws: 150,
  burn: 100,
  chains: 4,
  seed: 9,
  leap: 5,
  keepDraws: true,
});

const finiteDeep = (x: unknown): boolean => {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'boolean') return true;
  if (ArrayBuffer.isView(x)) return Array.from(x as Float64Array).every(Number.isFinite);
  if (Array.isArray(x)) return x.every(finiteDeep);
  return Object.values(x as object).every(finiteDeep);
};

describe('ChainSet', () => {
  it('same spec → the same draws, bit for bit; slicing advance(k) changes nothing', () => {
    const spec = base(1);
    const a = runChains(spec).results;
    const set = new ChainSet(spec);
    const slices = [1, 7, 30, 3, 1000];
    for (const k of slices) set.advance(k);
    expect(set.done).toBe(true);
    const b = set.results();
    for (let i = 0; i < a.length; i++) {
      expect(b[i].sampler).toBe(a[i].sampler);
      (a[i].draws as Float64Array[]).forEach((d, c) =>
        expect(Buffer.from((b[i].draws as Float64Array[])[c].buffer).equals(Buffer.from(d.buffer))).toBe(true),
      );
      expect(b[i].summary).toEqual(a[i].summary);
    }
    // Slices by pass budget (a worker's time slice) give the same draws too.
    const byPasses = new ChainSet(spec);
    while (!byPasses.advancePasses(97));
    expect(byPasses.results().map((r) => r.summary)).toEqual(a.map((r) => r.summary));
    // A different seed gives different draws.
    const c = runChains({ ...spec, seed: 10, samplers: ['rwm'] }).results[0];
    expect(Array.from((c.draws as Float64Array[])[0])).not.toEqual(Array.from((a[1].draws as Float64Array[])[0]));
  });

  it('a sampler’s draws do not depend on which other samplers run', () => {
    const both = runChains(base(1)).results.find((r) => r.sampler === 'nuts');
    const alone = runChains({ ...base(1), samplers: ['nuts'] }).results[0];
    expect(Array.from((alone.draws as Float64Array[])[2])).toEqual(Array.from((both?.draws as Float64Array[])[2]));
  });

  it.each([1, 2] as const)('%iD: every sampler returns finite numbers and counts its passes', (dim) => {
    const spec = base(dim);
    const { results, setup } = runChains(spec);
    expect(setup.lambdaMax).not.toBeNull();
    for (const r of results) {
      expect(finiteDeep({ ...r, summary: { ...r.summary } })).toBe(true);
      expect(r.summary.draws).toBe(150);
      expect((r.draws as Float64Array[])[0].length).toBe(150 * (dim === 1 ? 5 : 11));
      const perIter = r.passes / (4 * 150);
      if (r.sampler === 'hmc') expect(perIter).toBeLessThanOrEqual(5);
      else if (r.sampler === 'nuts') expect(perIter).toBeGreaterThanOrEqual(1);
      else expect(perIter).toBe(1);
      if (r.sampler !== 'gibbs') expect(r.stepSize).toBeGreaterThan(0);
      expect(r.summary.rhat).toBeGreaterThan(0.9); // short chains: finite, not necessarily converged
    }
  });

  it('means-only needs the known parameters, and keeps them in every draw', () => {
    const spec = { ...base(2), restriction: 'means' as const };
    expect(() => new ChainSet(spec)).toThrow(/known/);
    const known = truthTheta(dataSpec(2, 3));
    const { results } = runChains({ ...spec, known });
    for (const r of results) {
      const d = (r.draws as Float64Array[])[0];
      for (let t = 0; t < 150; t++) for (const i of [0, 5, 6, 7, 8, 9, 10]) expect(d[t * 11 + i]).toBe(known[i]);
    }
  });

  it('drawsOf streams a chain from any index', () => {
    const set = new ChainSet({ ...base(1), samplers: ['gibbs'] });
    set.advance(120); // 100 burn-in + 20 draws
    expect(set.drawsOf('gibbs', 0)?.length).toBe(20 * 5);
    expect(set.drawsOf('gibbs', 0, 15)?.length).toBe(5 * 5);
    expect(set.progress).toEqual({ iteration: 120, total: 250 });
  });
});

describe('label switching', () => {
  const g: SwapGeometry = {
    p: 2,
    center: Float64Array.of(-1, 1),
    H: Float64Array.of(1, 0, 0, 1),
    swap: (phi) => Float64Array.of(phi[1], phi[0]),
    firstMeans: [0, 1],
  };
  it('relabels draws nearer the swapped mode, by either rule; "none" only counts', () => {
    const draws = Float64Array.of(-0.9, 1.1, 1.2, -0.8, 0.3, 0.1);
    const m = relabel(g, draws, 'mode');
    expect(m.switched).toBe(2);
    expect(Array.from(m.phi)).toEqual([-0.9, 1.1, -0.8, 1.2, 0.1, 0.3]);
    expect(relabel(g, draws, 'order').switched).toBe(2);
    const n = relabel(g, draws, 'none');
    expect(n.switched).toBe(2);
    expect(Array.from(n.phi)).toEqual(Array.from(draws));
  });

  it('a Gibbs chain on overlapping components visits both labellings, and the fraction is reported', () => {
    const s = dataSpec(1, 0.8, 100);
    const known = truthTheta(s); // π = ½, equal variances: the swap is a symmetry
    const { results, setup } = runChains({
      data: generateData(s),
      dim: 1,
      restriction: 'means',
      known,
      samplers: ['gibbs'],
      draws: 2000,
      burn: 200,
      seed: 3,
    });
    expect(setup.relabel).toBe('mode');
    expect(results[0].summary.switchedFraction).toBeGreaterThan(0.05);
  });

  it('unlike known variances make the swap no symmetry: nothing is relabelled', () => {
    const s = { ...dataSpec(1, 0.8, 100), vr: 3 };
    const { setup } = runChains({
      data: generateData(s),
      dim: 1,
      restriction: 'means',
      known: truthTheta(s),
      samplers: ['gibbs'],
      draws: 20,
      burn: 10,
      seed: 3,
    });
    expect(setup.relabel).toBe('none');
  });
});
