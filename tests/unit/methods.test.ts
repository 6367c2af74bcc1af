/**
 * The methods as they run in a race: agreement on L*, monotonicity, cost accounting, the
 * hybrid's switching rule, Newton's fallback, the paper's qualitative claims, degenerate input and
 * determinism. Cases are small (N ≤ 1000, capped iterations) so the file runs in a few seconds.
 *
 * Independent checks: E-step accounting is compared with a count of the passes over the data made
 * through a wrapped model; Newton's fallback rule is checked against the observed information from
 * finite differences of the naive reference gradient (mixture-reference.ts), not the engine's I_o.
 * Every race run here is checked number by number for NaN / ±Infinity (rows, optimum, run document).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateData } from '../../src/engine/data';
import { symmetricEigenvalues } from '../../src/engine/linalg';
import { createModel1D } from '../../src/engine/model1d';
import { createModel2D } from '../../src/engine/model2d';
import { createRace } from '../../src/engine/build';
import { raceOnModel } from '../../src/engine/race';
import type { Race } from '../../src/engine/trace';
import { METHOD_IDS } from '../../src/engine/methods/registry';
import type { Dim, MethodId, MixtureModel, Theta } from '../../src/engine/types';
import { runDocument } from '../../src/experiment/document';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import type { ExperimentState } from '../../src/experiment/state';
import { alignedDist, refGradient } from './mixture-reference';

// ---------------------------------------------------------------------------------------------
// Helpers

const races: Race[] = [];

const state = (over: Partial<ExperimentState>): ExperimentState => ({
  ...DEFAULT_STATE,
  methods: [...METHOD_IDS],
  ...over,
});

/** Every number that leaves the engine for this race, with a path for the error message. */
function nonFinite(race: Race): string[] {
  const bad: string[] = [];
  const check = (path: string, x: unknown) => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) bad.push(`${path} = ${x}`);
    } else if (ArrayBuffer.isView(x) || Array.isArray(x)) {
      Array.from(x as ArrayLike<unknown>).forEach((v, i) => check(`${path}[${i}]`, v));
    } else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) check(`${path}.${k}`, v);
    }
  };
  check('optimum', race.optimum);
  check('init', race.init);
  check('truth', race.truth);
  check('data', race.data);
  for (const run of race.runs) {
    if (run.stop === null) bad.push(`${run.method}: still running`);
    else if (/NaN|Infinity/.test(run.stop.message)) bad.push(`${run.method}: stop message ${run.stop.message}`);
    run.rows.forEach((row, k) => {
      for (const [key, v] of Object.entries(row)) check(`${run.method}.rows[${k}].${key}`, v ?? 0);
    });
  }
  // The run document is what users download: JSON would turn NaN into null silently.
  check('document', JSON.parse(JSON.stringify(runDocument(race, state({}), { summary: true }))));
  return bad;
}

async function finish(race: Race): Promise<Race> {
  races.push(race);
  while (race.advance(1000));
  expect(nonFinite(race)).toEqual([]);
  return race;
}

const runRace = async (over: Partial<ExperimentState>) => finish(await createRace(state(over)));

const run = (race: Race, method: MethodId) => {
  const r = race.runs.find((x) => x.method === method);
  if (!r) throw new Error(`${method} is not in the race`);
  return r;
};
const last = <T>(xs: T[]): T => xs[xs.length - 1];
const scaleOf = (t: ArrayLike<number>) => Math.max(1, ...Array.from(t, Math.abs));

// METHODS_TEST_REPORT=1 prints the CPU time of each test (wall time is meaningless on a shared machine).
let cpu0 = process.cpuUsage();
beforeEach(() => {
  cpu0 = process.cpuUsage();
});
afterEach((ctx) => {
  const c = process.cpuUsage(cpu0);
  if (process.env.METHODS_TEST_REPORT) console.info(`${((c.user + c.system) / 1000).toFixed(0)} ms CPU: ${ctx.task.name}`);
});
const report: string[] = [];
const note = (line: string) => report.push(line);
afterAll(() => {
  if (process.env.METHODS_TEST_REPORT) console.info(report.join('\n'));
});

afterAll(() => {
  // Belt and braces: every race of this file, re-checked after all tests ran.
  for (const race of races) expect(nonFinite(race)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------

describe('every method reaches the same L* on a well-separated case', () => {
  // Adam: its update moves each free coordinate by about lr per step whatever the gradient's size,
  // so from a start a few units from θ* it needs at least distance/lr steps, and then its float32
  // updates must settle to a gap < tol. The app's default lr = 0.05 gets there too, just more slowly;
  // lr = 0.1 halves the approach, and a cap of 3000 iterations leaves a wide margin. Every other
  // method converges in well under 100 iterations here.
  it.each([
    [1, 500],
    [2, 300],
  ] as const)('%iD (N = %i, sep = 6)', async (dim, n) => {
    const tol = 1e-9;
    const race = await runRace({ dim, n, sep: 6, lr: 0.1, iters: 3000, tol });
    for (const r of race.runs) {
      const row = last(r.rows);
      const gap = race.optimum.logLik - row.logLik;
      expect(r.stop?.code, `${r.method}: ${r.stop?.message}`).toMatch(/^converged/);
      expect(Math.abs(gap), r.method).toBeLessThan(tol);
      // same maximum, not merely the same height (labels may differ: L cannot tell them apart)
      expect(alignedDist(dim, row.theta, race.optimum.theta), r.method).toBeLessThan(1e-3 * scaleOf(race.optimum.theta));
      note(
        `${dim}D same L*: ${r.method} ${r.stop?.code} after ${row.iteration} its / ${row.evaluations} E-steps, gap ${gap.toExponential(2)}`,
      );
    }
  });
});

describe('monotonicity', () => {
  it.each([
    [1, 1],
    [1, 3],
    [2, 2],
  ] as const)("EM's L never decreases along its trace (%iD, sep = %s)", async (dim, sep) => {
    // tol below the float64 resolution of L: EM runs on into the rounding floor, where a naive
    // implementation would start to wobble.
    const race = await runRace({ dim, sep, n: 1000, methods: ['em', 'squarem'], iters: 20_000, tol: 1e-14, gtol: 1e-12 });
    const rows = run(race, 'em').rows;
    expect(rows.length).toBeGreaterThan(10);
    let worst = 0;
    for (let k = 1; k < rows.length; k++) {
      // a few ulps of |L| is the float64 resolution of L itself (docs/theory.md §12.5)
      const ulps = (rows[k].logLik - rows[k - 1].logLik) / (Number.EPSILON * Math.abs(rows[k - 1].logLik));
      worst = Math.min(worst, ulps);
    }
    note(`${dim}D sep ${sep}: EM's largest decrease of L over ${rows.length - 1} its: ${(-worst).toFixed(2)} ulps`);
    expect(worst).toBeGreaterThanOrEqual(-4);

    // SQUAREM may go down, but never by more than its objfn.inc = 1 safeguard allows.
    const sq = run(race, 'squarem').rows;
    for (let k = 1; k < sq.length; k++) expect(sq[k].logLik).toBeGreaterThanOrEqual(sq[k - 1].logLik - 1);
  });
});

// ---------------------------------------------------------------------------------------------

/** A model whose passes over the data are counted (E-steps, I_m passes, rejected trial points). */
function countingModel(model: MixtureModel): { model: MixtureModel; passes: () => number } {
  let n = 0;
  const wrapped: MixtureModel = {
    ...model,
    estep: (t) => {
      n++;
      return model.estep(t);
    },
    missingInfo: (t) => {
      n++;
      return model.missingInfo(t);
    },
    // A trial outside the domain costs no pass, but the engine's rule is that every trial point counts.
    domainError: (t) => {
      const err = model.domainError(t);
      if (err !== null) n++;
      return err;
    },
  };
  return { model: wrapped, passes: () => n };
}

describe('evaluation accounting', () => {
  it('EM costs exactly one E-step per iteration; every method’s cumulative count increases', async () => {
    const race = await runRace({ dim: 1, n: 300, sep: 3, lr: 0.1, iters: 60 });
    run(race, 'em').rows.forEach((row, k) => expect(row.evaluations).toBe(k + 1));
    for (const r of race.runs) {
      expect(r.rows[0].evaluations).toBe(1); // the E-step at the shared start
      for (let k = 1; k < r.rows.length; k++) {
        expect(r.rows[k].iteration).toBe(k);
        expect(r.rows[k].evaluations, r.method).toBeGreaterThan(r.rows[k - 1].evaluations);
      }
    }
  });

  it.each(['em', 'grad', 'ecg', 'hybrid', 'squarem', 'relax', 'adarelax', 'jjcg', 'qn1', 'ecme', 'newton'] as const)(
    '%s: the recorded evaluations equal the passes over the data, trial by trial',
    async (method) => {
      const s = state({ dim: 1, n: 500, sep: 1.5, methods: [method], iters: 200 });
      const data = generateData(s);
      const counted = countingModel(createModel1D(data, { varianceFloor: 1e-6 }));
      const init = Float64Array.of(0.5, -0.5, 2, 1.5, 1.5);
      const race = await raceOnModel(counted.model, init, null, s);
      races.push(race);
      const rows = race.runs[0].rows;
      let maxPerIteration = 0;
      while (!race.done) {
        const before = counted.passes();
        const n = rows.length;
        race.advance(1);
        if (rows.length > n) {
          const cost = rows[n].evaluations - rows[n - 1].evaluations;
          expect(cost, `iteration ${n}`).toBe(counted.passes() - before);
          maxPerIteration = Math.max(maxPerIteration, cost);
        }
      }
      expect(nonFinite(race)).toEqual([]);
      expect(rows.length).toBeGreaterThan(5);
      if (method === 'em') expect(maxPerIteration).toBe(1);
      // Line searches, rejected trials and ECME's weight solve cost several E-steps per iteration: all must be counted.
      if (['ecg', 'grad', 'adarelax', 'jjcg', 'qn1', 'ecme'].includes(method)) expect(maxPerIteration).toBeGreaterThan(1);
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe('hybrid EM–ECG', () => {
  it.each([
    [1, 1, 0.5, 5],
    [2, 1, 0.5, 5],
    [1, 1, 0.45, 40],
  ] as const)('%iD sep %s, τ = %s, burn-in %i: EM until H ≥ τ after the burn-in, then ECG for good', async (dim, sep, tau, burn) => {
    const race = await runRace({ dim, sep, n: 1000, tau, burn, methods: ['hybrid'], iters: 5000 });
    const rows = run(race, 'hybrid').rows;
    // The rule, from the recorded entropies: the step of iteration i is decided at row i − 1.
    let switchAt = -1;
    for (let i = burn + 1; i < rows.length && switchAt < 0; i++) if (rows[i - 1].entropy >= tau) switchAt = i;
    expect(switchAt, 'the case must exercise the switch').toBeGreaterThan(0);
    rows.slice(1).forEach((row, j) => expect(row.step, `iteration ${j + 1}`).toBe(j + 1 < switchAt ? 'em' : 'cg'));
    expect(rows.length).toBeGreaterThan(switchAt + 1); // ran on after the switch, and never switched back
  });

  it('with τ = 1 it is EM, row for row and bit for bit', async () => {
    const race = await runRace({ dim: 1, n: 300, sep: 1, tau: 1, burn: 0, methods: ['em', 'hybrid'], iters: 5000 });
    const em = run(race, 'em');
    const hy = run(race, 'hybrid');
    expect(hy.rows.length).toBe(em.rows.length);
    expect(hy.stop).toEqual(em.stop);
    hy.rows.forEach((row, k) => {
      const ref = em.rows[k];
      expect(row.step).toBe(k === 0 ? 'start' : 'em');
      expect([row.iteration, row.evaluations, row.logLik, row.entropy, row.gradNorm]).toEqual([
        ref.iteration,
        ref.evaluations,
        ref.logLik,
        ref.entropy,
        ref.gradNorm,
      ]);
      expect(Array.from(row.theta)).toEqual(Array.from(ref.theta));
    });
  });
});

describe("the paper's qualitative claims, in E-steps to gap < tol", () => {
  it.each([1, 2] as const)('%iD: ECG beats EM when the components overlap (sep = 1)', async (dim) => {
    const race = await runRace({ dim, sep: 1, n: 1000, methods: ['em', 'ecg'], iters: 20_000 });
    for (const r of race.runs) expect(r.stop?.code, r.method).toBe('converged-gap');
    const [em, ecg] = [last(run(race, 'em').rows), last(run(race, 'ecg').rows)];
    note(`${dim}D sep 1: E-steps to gap < tol: EM ${em.evaluations}, ECG ${ecg.evaluations}`);
    expect(ecg.evaluations).toBeLessThan(em.evaluations);
  });

  it.each([1, 2] as const)('%iD: EM beats gradient ascent when they are well separated (sep = 6)', async (dim) => {
    const race = await runRace({ dim, sep: 6, n: 1000, methods: ['em', 'grad'], iters: 5000 });
    for (const r of race.runs) expect(r.stop?.code, r.method).toBe('converged-gap');
    note(
      `${dim}D sep 6: E-steps to gap < tol: EM ${last(run(race, 'em').rows).evaluations}, grad ${last(run(race, 'grad').rows).evaluations}`,
    );
    expect(last(run(race, 'em').rows).evaluations).toBeLessThan(last(run(race, 'grad').rows).evaluations);
  });
});

// ---------------------------------------------------------------------------------------------

/** λ_min of I_o = −∇²L by central differences of the naive reference gradient, relative to λ_max. */
function ioMinRelative(dim: Dim, data: Float64Array, theta: Theta): number {
  const p = theta.length;
  const H = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(theta[j]));
    const a = Float64Array.from(theta);
    const b = Float64Array.from(theta);
    a[j] += h;
    b[j] -= h;
    const ga = refGradient(dim, data, a);
    const gb = refGradient(dim, data, b);
    for (let i = 0; i < p; i++) H[i * p + j] = -(ga[i] - gb[i]) / (a[j] - b[j]);
  }
  const sym = H.map((_, k) => 0.5 * (H[k] + H[(k % p) * p + Math.floor(k / p)]));
  const ev = symmetricEigenvalues(sym, p);
  return ev[p - 1] / Math.abs(ev[0]);
}

describe('Newton', () => {
  it.each([
    [1, 1, 300],
    [2, 1, 300],
    [1, 3, 1000],
  ] as const)("%iD sep %s N %i: 'newton' steps only where I_o is PD, EM steps where it is not, Newton near θ*", async (dim, sep, n) => {
    const race = await runRace({ dim, sep, n, methods: ['newton'], iters: 2000 });
    const r = run(race, 'newton');
    expect(r.stop?.code).toMatch(/^converged/);
    const rows = r.rows;
    const model = dim === 1 ? createModel1D(race.data) : createModel2D(race.data);
    const kinds = new Set(rows.slice(1).map((x) => x.step));
    expect([...kinds].sort()).toEqual(['em', 'newton']); // the case exercises both
    for (let k = 1; k < rows.length; k++) {
      const from = rows[k - 1].theta;
      const rel = ioMinRelative(dim, race.data, from);
      const what = `iteration ${k} (λ_min/λ_max of I_o = ${rel.toExponential(2)})`;
      if (rows[k].step === 'newton') {
        expect(rel, what).toBeGreaterThan(-1e-6); // PD up to finite-difference error
        expect(rows[k].logLik, what).toBeGreaterThanOrEqual(rows[k - 1].logLik);
      } else {
        expect(rows[k].step).toBe('em');
        // the fallback is exactly the EM map
        expect(Array.from(rows[k].theta), what).toEqual(Array.from(model.mstep(model.estep(from))));
      }
      if (rel < -1e-6) expect(rows[k].step, what).toBe('em');
      // Near θ* (and above the float64 floor of L) every step is a Newton step.
      const near = alignedDist(dim, from, race.optimum.theta) < 1e-3 * scaleOf(from);
      if (near && race.optimum.logLik - rows[k - 1].logLik > 1e-10) expect(rows[k].step, what).toBe('newton');
    }
    // at least one EM fallback from a point where I_o is clearly indefinite
    expect(rows.slice(1).some((row, j) => row.step === 'em' && ioMinRelative(dim, race.data, rows[j].theta) < -1e-6)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('degenerate input: each method stops with a named reason, and nothing is NaN', () => {
  it.each([
    [1, [0.5, 1, 1, 2, 2]],
    [2, [0.3, 1, 0, 1, 0, 2, 0.1, 1, 2, 0.1, 1]],
  ] as const)('%iD symmetric start: every method stops at iteration 0', async (dim, start) => {
    const race = await runRace({ dim, n: 300, sep: 3, start: [...start] });
    for (const r of race.runs) {
      expect(r.stop?.code, r.method).toBe('symmetric-start');
      expect(r.rows).toHaveLength(1);
    }
  });

  it('too few points (6 in 1D): every method stops at iteration 0', async () => {
    const model = createModel1D(Float64Array.of(-1.2, -0.3, 0.1, 2.2, 3.1, 3.5), { varianceFloor: 1e-6 });
    const race = await finish(await raceOnModel(model, Float64Array.of(0.5, -0.3, 3.1, 1, 1), null, state({})));
    for (const r of race.runs) {
      expect(r.stop?.code, r.method).toBe('too-few-points');
      expect(r.rows).toHaveLength(1);
    }
  });

  /** N = 200 points of the default experiment at sep = 3, plus extra points; floor 1e-6 × sample variance. */
  function withExtra(dim: Dim, extra: number[]): MixtureModel {
    const base = generateData(state({ dim, n: 200, sep: 3 }));
    const data = Float64Array.from([...base, ...extra]);
    const mean = data.reduce((a, b) => a + b, 0) / data.length; // 1D only (the floor's scale)
    const v = data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length;
    return dim === 1 ? createModel1D(data, { varianceFloor: 1e-6 * v }) : createModel2D(data, { varianceFloor: 1e-6 });
  }

  it('a component started on a single outlier with a tiny variance: every method stops on collapse', async () => {
    const model = withExtra(1, [9]);
    const race = await finish(await raceOnModel(model, Float64Array.of(0.01, 9, 1.5, 1e-3, 3), null, state({ lr: 0.1, iters: 300 })));
    for (const r of race.runs) expect(r.stop?.code, r.method).toBe('collapse');
  });

  it('a repeated data point pulls a component to the variance floor: EM-based methods stop on collapse', async () => {
    const model = withExtra(1, [5, 5, 5]);
    const race = await finish(await raceOnModel(model, Float64Array.of(0.02, 5, 1.5, 1e-2, 3), null, state({ lr: 0.1, iters: 300 })));
    for (const m of ['em', 'hybrid', 'squarem', 'newton'] as const) {
      expect(run(race, m).stop?.code, m).toBe('collapse');
      // it went there by iterating, not by being flagged at the start
      expect(run(race, m).rows.length, m).toBeGreaterThan(1);
    }
  });

  it.each([
    [1, 200],
    [2, 60],
  ] as const)('%iD extreme separation (sep = 12): everything finite, EM converges (cap %i)', async (dim, iters) => {
    const race = await runRace({ dim, n: 300, sep: 12, lr: 0.1, iters });
    expect(run(race, 'em').stop?.code).toMatch(/^converged/);
  });

  it.each([1, 2] as const)('%iD an outlier 1e4 away: everything finite', async (dim) => {
    const model = withExtra(dim, dim === 1 ? [1e4] : [1e4, 1e4]);
    const start = dim === 1 ? Float64Array.of(0.5, 0, 3, 1, 1) : Float64Array.of(0.5, 0, 0, 3, 0, 1, 0, 1, 1, 0, 1);
    const race = await finish(await raceOnModel(model, start, null, state({ dim, lr: 0.1, iters: 100 })));
    for (const r of race.runs) expect(r.stop).not.toBeNull();
  });
});

describe('determinism', () => {
  it('two races from the same state give bitwise identical traces (every method)', async () => {
    const s = { dim: 2 as const, n: 200, sep: 3, iters: 40 };
    const [a, b] = [await runRace(s), await runRace(s)];
    const bits = (x: number) => new Uint8Array(Float64Array.of(x).buffer).join(',');
    for (let m = 0; m < a.runs.length; m++) {
      const [ra, rb] = [a.runs[m], b.runs[m]];
      expect(rb.stop).toEqual(ra.stop);
      expect(rb.rows.length).toBe(ra.rows.length);
      ra.rows.forEach((row, k) => {
        const other = rb.rows[k];
        expect(other.step).toBe(row.step);
        for (const key of ['iteration', 'evaluations', 'logLik', 'entropy', 'gradNorm'] as const)
          expect(bits(other[key]), `${ra.method} row ${k} ${key}`).toBe(bits(row[key]));
        expect(new Uint8Array(other.theta.buffer, other.theta.byteOffset, other.theta.byteLength)).toEqual(
          new Uint8Array(row.theta.buffer, row.theta.byteOffset, row.theta.byteLength),
        );
      });
    }
  });
});
