/**
 * The article's bindings (src/ui/article/bindings.ts) on hand-built run states: the race's winner and
 * E-step counts, the hybrid's switch, the symmetric-start sentence, stale values marked busy, the
 * share of missing information in words — and no binding ever prints NaN, undefined or Infinity,
 * whatever the state (empty, computing, non-finite numbers).
 */
import { describe, expect, it } from 'vitest';
import type { MethodId, StopCode } from '../../src/engine/types';
import { DEFAULT_STATE } from '../../src/experiment/schema';
import type { LocalStepsState } from '../../src/state/local-steps-store';
import { emptyRun, type AppState, type MethodTrace, type RunState } from '../../src/state/store';
import * as B from '../../src/ui/article/bindings';
import { STEP_KINDS } from '../../src/engine/methods/registry';
import { COL, rowStride, type RaceHeader } from '../../src/worker/protocol';

const P = 5;
const STRIDE = rowStride(P);

interface Row {
  evals: number;
  H?: number;
  step?: (typeof STEP_KINDS)[number];
}

function trace(method: MethodId, rows: Row[], stop: StopCode | null): MethodTrace {
  const buf = new Float64Array(rows.length * STRIDE);
  rows.forEach((r, i) => {
    buf[i * STRIDE + COL.iteration] = i;
    buf[i * STRIDE + COL.evaluations] = r.evals;
    buf[i * STRIDE + COL.entropy] = r.H ?? 0.5;
    buf[i * STRIDE + COL.step] = STEP_KINDS.indexOf(r.step ?? (i === 0 ? 'start' : 'em'));
  });
  return { method, p: P, buf, count: rows.length, eigenCount: 0, stop: stop ? { code: stop, message: `${stop} (test)` } : null };
}

/** k rows with E-steps 1…k. */
const rows = (k: number, extra: Partial<Row> = {}): Row[] => Array.from({ length: k }, (_, i) => ({ evals: i + 1, ...extra }));

function header(epoch: number, lambdaMax: number): RaceHeader {
  const z = new Float64Array(P);
  return {
    epoch,
    query: '',
    dim: 1,
    p: P,
    n: 10,
    data: new Float64Array(10),
    truth: z,
    init: z,
    optimum: { theta: z, logLik: -1, eigenvalues: Float64Array.of(lambdaMax, 0.5, 0.1, 0, 0), emResidual: 0, gradNorm: 0 },
    methods: [],
    deferred: [],
    buildMs: 0,
  };
}

function live(traces: MethodTrace[], opts: { lambdaMax?: number; stale?: boolean; it?: number } = {}): B.LiveState {
  const run: RunState = { ...emptyRun(), epoch: opts.stale ? 2 : 1, header: header(1, opts.lambdaMax ?? 0.9), traces };
  const methods = traces.map((t) => t.method);
  const app: AppState = {
    config: { ...DEFAULT_STATE, methods: methods.length ? methods : DEFAULT_STATE.methods, it: opts.it ?? 0 },
    view: { xAxis: 'iterations', playing: false, speed: 10, focus: 'em', helpOpen: false },
    run,
    repairs: [],
    workerError: null,
    toast: null,
    preset: null,
    classroom: { hide: [], lock: [] },
  };
  const steps: LocalStepsState = { key: '', method: null, row: -1, steps: null, wanted: '' };
  return { app, steps };
}

describe('the race', () => {
  const done = [
    trace('em', rows(700), 'converged-gap'),
    trace('ecg', rows(120), 'converged-grad'),
    trace('grad', rows(50), 'iteration-cap'),
  ];

  it('the winner is the converged method with the fewest E-steps (a capped run does not count)', () => {
    expect(B.winner(live(done))).toEqual({ text: 'ECG, with 120 E-steps', busy: false });
    // 700 / 120 = 5.833…, three significant digits.
    expect(B.emVersusWinner(live(done)).text).toBe('EM needed 5.83 times as many.');
  });

  it('no winner while a method is still running; E-steps read "computing" until a method stops', () => {
    const running = [...done.slice(0, 2), trace('grad', rows(30), null)];
    expect(B.winner(live(running)).busy).toBe(true);
    expect(B.eSteps('grad')(live(running))).toEqual({ text: 'computing', busy: true });
    expect(B.eSteps('ecg')(live(running))).toEqual({ text: '120', busy: false });
  });

  it('E-steps print with thousands groups, like the readout table', () => {
    expect(B.eSteps('em')(live([trace('em', rows(1234), 'converged-gap')])).text).toBe('1,234');
  });

  it('nobody wins when no method converged', () => {
    expect(B.winner(live([trace('em', rows(5), 'iteration-cap')])).text).toBe('nobody: no method converged');
  });
});

describe('stale settings', () => {
  it('λ_max keeps its last value but is busy while the header belongs to the previous settings', () => {
    expect(B.lambdaMax(live([], { lambdaMax: 0.98765432 }))).toEqual({ text: '0.987654', busy: false });
    expect(B.lambdaMax(live([], { lambdaMax: 0.98765432, stale: true }))).toEqual({ text: '0.987654', busy: true });
    expect(B.lambdaMaxSquared(live([], { lambdaMax: 0.5 })).text).toBe('0.250000');
  });
});

describe('the hybrid and the symmetric start', () => {
  it('reports the iteration of the first ECG step', () => {
    const h = trace(
      'hybrid',
      [
        { evals: 1, step: 'start' },
        { evals: 2, step: 'em' },
        { evals: 3, step: 'em' },
        { evals: 9, step: 'cg' },
      ],
      null,
    );
    expect(B.hybridSwitch(live([h])).text).toBe('switched from EM to ECG at iteration 3');
    const never = trace('hybrid', rows(4), 'converged-gap');
    expect(B.hybridSwitch(live([never])).text).toBe('never switched: it stayed with EM until it stopped at iteration 3');
  });

  it('says the components never separate only when the runs stopped on a symmetric start', () => {
    const sym = [trace('em', rows(1), 'symmetric-start'), trace('ecg', rows(1), 'symmetric-start')];
    expect(B.symmetricStatus(live(sym)).text).toMatch(/every method stopped at iteration 0, and the components never separate$/);
    expect(B.symmetricStatus(live([trace('em', rows(9), 'converged-gap')])).text).toMatch(/not symmetric/);
  });

  it('reads the entropy at the cursor, or a placeholder while that row is computing', () => {
    const t = trace(
      'em',
      [
        { evals: 1, H: 0.9 },
        { evals: 2, H: 0.61234 },
      ],
      null,
    );
    expect(B.entropyAt('em')(live([t], { it: 1 })).text).toBe('0.6123');
    expect(B.entropyAt('em')(live([t], { it: 5 }))).toEqual({ text: B.PENDING, busy: true });
  });
});

describe('the share of missing information in words', () => {
  it.each([
    [0.9724, 'about 97 %'],
    [0.5, 'about 50 %'],
    [0.99628, '99.6 %'],
    [0.99972, 'more than 99.9 %'],
    [0.001, 'less than 1 %'],
  ])('λ_max = %s reads "%s"', (lam, words) => expect(B.percentMissing(lam)).toBe(words));
});

describe('never NaN, undefined or Infinity', () => {
  const perMethod = [B.eSteps, B.outcome, B.entropyAt];
  const notBindings: unknown[] = [...perMethod, B.percentMissing, B.rateVerdict];
  const bindings = Object.values(B).filter((v): v is B.Binding => typeof v === 'function' && !notBindings.includes(v));
  const states: [string, B.LiveState][] = [
    ['no header yet', { ...live([]), app: { ...live([]).app, run: emptyRun() } }],
    ['empty traces', live([])],
    ['non-finite λ_max', live([trace('em', rows(3), null)], { lambdaMax: NaN })],
    ['λ_max = 1', live([trace('em', rows(3), 'symmetric-start')], { lambdaMax: 1 })],
    ['non-finite cells', live([trace('em', [{ evals: NaN, H: NaN }], 'non-finite')], { lambdaMax: Infinity })],
    ['stale', live([trace('hybrid', rows(2), null)], { stale: true })],
  ];
  it.each(states)('%s', (_, l) => {
    expect(bindings.length).toBeGreaterThan(15);
    const texts = [
      ...bindings.map((b) => b(l).text),
      ...perMethod.flatMap((f) => (['em', 'hybrid', 'adam'] as const).map((m) => f(m)(l).text)),
    ];
    for (const t of texts) expect(t).not.toMatch(/NaN|undefined|Infinity/);
  });
});
