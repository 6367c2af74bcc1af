/**
 * What the Sampler mode shows of the chains, against the engine's own numbers: the chain plane's
 * coordinates and directions are biorthogonal and its eigenvalues are DM_B's; each draw's view row
 * gives the very functional the summary relabels and sums (its lag-1 and ESS again from the rows);
 * a prefix's diagnostics equal a shorter run's (the cursor's numbers are those a run of that length
 * would report); the log-posterior grid is the target's density; the crossovers interpolate.
 */
import { describe, expect, it } from 'vitest';
import { chainPlane, planeCoords, planePoint } from '../../src/engine/samplers/chain-plane';
import { VIEW_FIELDS, functionalAcf, planeBox, planeLogPosterior, viewRows } from '../../src/engine/samplers/chain-view';
import { essBulk } from '../../src/engine/mcmc/ess';
import { ChainSet } from '../../src/engine/samplers/run-chains';
import { chainSetSpec } from '../../src/experiment/chains-spec';
import { crossover } from '../../src/experiment/crossover';
import { stateWith } from '../query';

const spec = (over: Parameters<typeof stateWith>[0]) => chainSetSpec(stateWith({ n: 300, mode: 'sample', ...over }));

describe('the chain plane', () => {
  for (const [free, dim] of [
    ['means', 1],
    ['all', 1],
    ['all', 2],
    ['means', 2],
  ] as const)
    it(`${free}, ${dim}D: biorthogonal coordinates, DM_B's two largest eigenvalues, the mode at its place`, () => {
      const set = new ChainSet({ ...spec({ free, dim, sep: 2 }), draws: 10, burn: 10 });
      const { target, mode, functional } = set.setup;
      const plane = chainPlane(target, mode.phi, mode.hessian)!;
      expect(plane.kind).toBe(free === 'means' && dim === 1 ? 'means' : 'eigen');
      const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(dot(plane.coords[i], plane.dirs[j])).toBeCloseTo(i === j ? 1 : 0, 10);
      const [a, b] = planeCoords(plane, planePoint(plane, 0.7, -1.3));
      expect(a).toBeCloseTo(0.7, 10);
      expect(b).toBeCloseTo(-1.3, 10);
      expect(plane.eigen[0].lambda).toBeCloseTo(functional!.spectrum[0], 8);
      expect(plane.eigen[1].lambda).toBeCloseTo(functional!.spectrum[1], 8);
      const m = planeCoords(plane, mode.phi);
      expect(m[0]).toBeCloseTo(plane.mode[0], 10);
      expect(m[1]).toBeCloseTo(plane.mode[1], 10);
      // The twin is the swapped mode, and far in the mode's metric at 2σ.
      const t = planeCoords(plane, target.swap(mode.phi));
      expect(t[0]).toBeCloseTo(plane.twin[0], 10);
      expect(plane.twinDistance).toBeGreaterThan(10);
    });

  it('the grid is the target’s log density at the cell centres; the box shows the twin only where the components overlap', () => {
    const set = new ChainSet({ ...spec({ free: 'means', sep: 1, n: 1000 }), draws: 10, burn: 10 });
    const { target, mode } = set.setup;
    const plane = chainPlane(target, mode.phi, mode.hessian)!;
    const box = planeBox(plane, 6);
    expect(box.showsTwin).toBe(true);
    expect(box.x0).toBeLessThan(Math.min(plane.mode[0], plane.twin[0]));
    expect(box.x1 - box.x0).toBeCloseTo(box.y1 - box.y0, 12);
    const rows = planeLogPosterior(target, plane, box, 2, 4);
    const grad = new Float64Array(target.p);
    const a = box.x0 + (3.5 / 6) * (box.x1 - box.x0);
    const b = box.y0 + (3.5 / 6) * (box.y1 - box.y0);
    expect(rows[6 + 3]).toBe(target.logDensityGrad(Float64Array.of(a, b), grad));
    const far = new ChainSet({ ...spec({ free: 'means', sep: 3, n: 1000 }), draws: 10, burn: 10 }).setup;
    expect(planeBox(chainPlane(far.target, far.mode.phi, far.mode.hessian)!, 6).showsTwin).toBe(false);
  });
});

describe('the view rows and the cursor’s diagnostics', () => {
  const set = new ChainSet({ ...spec({ sep: 1.5, samplers: ['gibbs', 'rwm'] }), draws: 400, burn: 100 });
  set.advance(500);
  const { setup } = set;
  const geometry = {
    swap: set.geometry,
    rule: setup.relabel,
    w: setup.functional!.w,
    plane: chainPlane(setup.target, setup.mode.phi, setup.mode.hessian),
  };
  const fOf = (s: 'gibbs' | 'rwm', upTo: number) =>
    [0, 1, 2, 3].map((c) => {
      const rows = new Float64Array(upTo * VIEW_FIELDS);
      viewRows(geometry, set.phiOf(s, c)!, set.costOf(s, c)!, 0, upTo, rows);
      return Float64Array.from({ length: upTo }, (_, t) => rows[t * VIEW_FIELDS]);
    });

  it('give the summary’s functional: the same lag-1 (ACF) and bulk ESS, and the passes so far', () => {
    const [gibbs] = set.results();
    const f = fOf('gibbs', 400);
    expect(functionalAcf(f, 40)![1]).toBe(gibbs.summary.lag1);
    expect(essBulk(f)).toBe(gibbs.summary.essBulk);
    const rows = new Float64Array(400 * VIEW_FIELDS);
    viewRows(geometry, set.phiOf('gibbs', 2)!, set.costOf('gibbs', 2)!, 0, 400, rows);
    expect(rows[399 * VIEW_FIELDS + 4]).toBe(400); // Gibbs: one pass per sweep
    expect([...rows.filter((_, i) => i % VIEW_FIELDS === 3)].every((x) => x === 0 || x === 1)).toBe(true);
  });

  it('on a prefix equal those of a run that long (bit for bit), and fail if the prefix is not respected', () => {
    const short = new ChainSet({ ...spec({ sep: 1.5, samplers: ['gibbs', 'rwm'] }), draws: 150, burn: 100 });
    short.advance(250);
    const a = set.results(150);
    const b = short.results();
    expect(JSON.stringify(a.map((r) => [r.passes, r.acceptance, r.summary]))).toBe(
      JSON.stringify(b.map((r) => [r.passes, r.acceptance, r.summary])),
    );
    expect(JSON.stringify(set.results(151).map((r) => r.summary))).not.toBe(JSON.stringify(b.map((r) => r.summary)));
  });
});

describe('the crossover', () => {
  const curve = (pairs: [number, number, number][]) => pairs.map(([sep, g, m]) => ({ sep, essPerPass: { gibbs: g, rwm: m } }));
  it('interpolates the separation where the marginal sampler stops being ahead, in log(ratio)', () => {
    const c = crossover(
      curve([
        [1, 0.01, 0.1],
        [2, 0.1, 0.1 * Math.exp(-1)],
        [3, 0.5, 0.1],
      ]),
      'rwm',
    );
    // r: log 10 at 1, −1 at 2: zero at 1 + log 10 / (log 10 + 1).
    expect(c).toEqual({ kind: 'at', sep: 1 + Math.log(10) / (Math.log(10) + 1) });
  });
  it('says when one is ahead everywhere, and when there is too little to tell', () => {
    expect(
      crossover(
        curve([
          [1, 0.2, 0.1],
          [2, 0.3, 0.1],
        ]),
        'rwm',
      ),
    ).toEqual({ kind: 'gibbs-everywhere' });
    expect(
      crossover(
        curve([
          [1, 0.01, 0.1],
          [2, 0.02, 0.1],
        ]),
        'rwm',
      ),
    ).toEqual({ kind: 'marginal-everywhere' });
    expect(crossover(curve([[1, 0.01, 0.1]]), 'rwm')).toEqual({ kind: 'unknown' });
    expect(
      crossover(
        [
          { sep: 1, essPerPass: { gibbs: 0.1, rwm: null } },
          { sep: 2, essPerPass: { gibbs: 0.1 } },
        ],
        'rwm',
      ),
    ).toEqual({ kind: 'unknown' });
  });
});
