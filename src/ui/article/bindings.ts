/**
 * Every number the article's prose shows, as a pure function of the live state. Each one reads the
 * same state and goes through the same formatter as the figure or table that shows it (format.ts),
 * so text and figure agree character for character. Nothing here computes on the data: θ*, the
 * spectrum, the traces and the local steps all come from the worker.
 *
 * A value that is not available yet reads PENDING (never NaN); `busy` marks a value that belongs to
 * settings being recomputed or a race still running (the element gets aria-busy, like the panels).
 */
import type { MethodId, StopCode } from '../../engine/types';
import { methodLabel } from '../../experiment/codec';
import { currentSteps, type LocalStepsState } from '../../state/local-steps-store';
import { field, type RowField } from '../../state/rows';
import { emObservedRates, isCurrent, rowAt, traceOf } from '../../state/run-data';
import type { AppState, MethodTrace, RunState } from '../../state/store';
import { fixed, int, isNum, sig } from '../format';
import { itersPerDecade } from '../../engine/rates';
import { hybridSwitches } from '../panels/series-data';

export const PENDING = '…';

export interface Bound {
  readonly text: string;
  readonly busy: boolean;
}

export interface LiveState {
  readonly app: AppState;
  readonly steps: LocalStepsState;
}

export type Binding = (l: LiveState) => Bound;

const ready = (text: string, busy = false): Bound => ({ text, busy });

/** One binding per method, created once (a stable identity keeps <Live> from re-registering). */
function perMethod(make: (m: MethodId) => Binding): (m: MethodId) => Binding {
  const made = new Map<MethodId, Binding>();
  return (m) => {
    let b = made.get(m);
    if (!b) made.set(m, (b = make(m)));
    return b;
  };
}
const pending: Bound = { text: PENDING, busy: true };

// ------------------------------------------------------------------ settings (instant)

export const separation: Binding = ({ app }) => ready(fixed(app.config.sep, 2));
export const sampleSize: Binding = ({ app }) => ready(int(app.config.n));
export const cursor: Binding = ({ app }) => ready(String(app.config.it));
export const tau: Binding = ({ app }) => ready(fixed(app.config.tau, 3));
export const burnIn: Binding = ({ app }) => ready(String(app.config.burn));

const NUMBER_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'];
/** How many methods race, in words ("Seven"), and the words that agree with it. */
export const methodCount: Binding = ({ app }) => {
  const k = app.config.methods.length;
  return ready(NUMBER_WORDS[k] ?? String(k));
};
export const methodNoun: Binding = ({ app }) => ready(app.config.methods.length === 1 ? 'optimiser climbs' : 'optimisers climb');

/** The trajectory plane's name: the means in 1D, their first coordinates in 2D (what the panel plots). */
export const planeName: Binding = ({ app }) =>
  ready(app.config.dim === 1 ? '(μ₁, μ₂) plane' : 'plane of the means’ x-coordinates (μ₁ x, μ₂ x)');

// ------------------------------------------------------------------ θ* and its spectrum

/** λ_max at θ*, with `busy` while the header is the previous settings'. */
function lambda(run: RunState): { lam: number; busy: boolean } | null {
  const lam = run.header?.optimum.eigenvalues[0];
  return isNum(lam) ? { lam, busy: !isCurrent(run) } : null;
}

const fromLambda =
  (format: (lam: number) => string): Binding =>
  ({ app }) => {
    const l = lambda(app.run);
    return l ? ready(format(l.lam), l.busy) : pending;
  };

/** As the spectrum panel's readout: fixed(λ, 6). */
export const lambdaMax = fromLambda((lam) => fixed(lam, 6));
export const lambdaMaxSquared = fromLambda((lam) => fixed(lam * lam, 6));
/** As the spectrum panel's caption. */
export const itersPerDecadeText = fromLambda((lam) => (lam >= 1 || lam <= 0 ? 'no finite number of' : sig(itersPerDecade(lam), 3)));
export const oneMinusLambda = fromLambda((lam) => sig(1 - lam, 3));

/** λ_max as a share in words: "about 98 %", "99.7 %", "more than 99.9 %". */
export function percentMissing(lam: number): string {
  const pct = 100 * lam;
  if (pct >= 99.95) return 'more than 99.9 %';
  if (pct >= 99.5) return `${pct.toFixed(1)} %`;
  if (pct < 0.5) return 'less than 1 %';
  return `about ${Math.round(pct)} %`;
}
export const missingShare = fromLambda(percentMissing);

/** A plain-words reading of λ_max for the reader who only scrolls. */
export function rateVerdict(lam: number): string {
  if (lam < 0.3) return 'little is missing, and EM converges almost like Newton’s method';
  if (lam < 0.9) return 'a fair share is missing, and EM converges steadily';
  if (lam < 0.99) return 'most of it is missing, and EM slows down';
  return 'almost all of it is missing, and EM crawls';
}
export const rateVerdictText = fromLambda(rateVerdict);

// ------------------------------------------------------------------ observed rates (EM's own trace)

function observed(pick: 'paramRatio' | 'gapRatio'): Binding {
  return ({ app }) => {
    const { run } = app;
    if (!run.header) return pending;
    const em = traceOf(run, 'em');
    if (!em) return ready('— (EM is not in the race)');
    const rates = emObservedRates(run);
    const v = rates?.[pick];
    const busy = !isCurrent(run) || em.stop === null;
    return isNum(v)
      ? ready(fixed(v, 6), busy)
      : ready(em.stop ? 'not measurable (too few asymptotic iterations)' : 'not measured yet', busy);
  };
}
export const observedParamRatio = observed('paramRatio');
export const observedGapRatio = observed('gapRatio');
export const observedWindow: Binding = ({ app }) => {
  const { run } = app;
  const em = run.header ? traceOf(run, 'em') : undefined;
  if (!em) return pending;
  const r = emObservedRates(run);
  const w = r?.paramWindow ?? r?.gapWindow;
  return w ? ready(`iterations ${w[0]}–${w[1]}`, !isCurrent(run) || em.stop === null) : ready('no asymptotic iterations yet', true);
};

// ------------------------------------------------------------------ the race

const CONVERGED: readonly StopCode[] = ['converged-gap', 'converged-grad', 'converged-rel-dl'];

/** E-steps charged up to the trace's last row. */
const lastEvaluations = (t: MethodTrace): number => field('evaluations')(t, t.count - 1);

/** E-steps a method used up to its stop (the readout table's "E-steps" at any cursor past it). */
export const eSteps = perMethod((m): Binding => ({ app }) => {
  const { run } = app;
  const t = run.header ? traceOf(run, m) : undefined;
  if (!t || !t.stop || t.count === 0) return ready('computing', true);
  return ready(int(lastEvaluations(t)), !isCurrent(run));
});

export const outcome = perMethod((m): Binding => ({ app }) => {
  const { run } = app;
  const t = run.header ? traceOf(run, m) : undefined;
  if (!t || !t.stop) return ready('still running', true);
  const its = `${int(t.count - 1)} iterations`;
  return ready(CONVERGED.includes(t.stop.code) ? its : `${its}, stopped: ${t.stop.message}`, !isCurrent(run));
});

interface RaceResult {
  winner: MethodTrace | null;
  cost: number;
}

/** The converged method with the fewest E-steps, once every method has stopped (null while running). */
function raceResult(run: RunState): RaceResult | null | 'running' {
  if (!run.header || run.traces.length === 0) return null;
  if (run.traces.some((t) => !t.stop || t.count === 0)) return 'running';
  let best: RaceResult = { winner: null, cost: Infinity };
  for (const t of run.traces) {
    if (!CONVERGED.includes(t.stop!.code)) continue;
    const cost = lastEvaluations(t);
    if (cost < best.cost) best = { winner: t, cost };
  }
  return best;
}

export const winner: Binding = ({ app }) => {
  const r = raceResult(app.run);
  if (r === null || r === 'running') return { text: 'still being decided (the race is computing)', busy: true };
  if (!r.winner) return ready('nobody: no method converged', !isCurrent(app.run));
  return ready(`${methodLabel(r.winner.method)}, with ${int(r.cost)} E-steps`, !isCurrent(app.run));
};

export const emVersusWinner: Binding = ({ app }) => {
  const { run } = app;
  const r = raceResult(run);
  if (r === null || r === 'running') return { text: '', busy: true };
  const em = traceOf(run, 'em');
  if (!r.winner || !em) return ready('');
  if (r.winner.method === 'em') return ready('EM itself won.', !isCurrent(run));
  const ratio = lastEvaluations(em) / r.cost;
  return ready(`EM needed ${sig(ratio, 3)} times as many.`, !isCurrent(run));
};

// ------------------------------------------------------------------ values at the cursor

/** A method's value of `name` at the cursor, formatted as the readout table does. */
const atCursor =
  (m: MethodId, name: RowField, format: (v: number) => string): Binding =>
  ({ app }) => {
    const { run, config } = app;
    const t = run.header ? traceOf(run, m) : undefined;
    if (!t) return ready(`— (${methodLabel(m)} is not in the race)`);
    const r = rowAt(t, config.it);
    if (r < 0) return pending;
    return ready(format(field(name)(t, r)), !isCurrent(run));
  };

export const entropyAt = perMethod((m) => atCursor(m, 'entropy', (v) => fixed(v, 4)));

/** Where the hybrid switched from EM to ECG (the ▲ of the log-likelihood and entropy panels). */
export const hybridSwitch: Binding = ({ app }) => {
  const { run, config } = app;
  const t = run.header ? traceOf(run, 'hybrid') : undefined;
  if (!config.methods.includes('hybrid')) return ready('is not in the race (tick it under Methods)');
  if (!t || t.count === 0) return pending;
  const [k] = hybridSwitches(t, t.count);
  const busy = !isCurrent(run);
  if (k !== undefined) return ready(`switched from EM to ECG at iteration ${k}`, busy);
  if (t.stop) return ready(`never switched: it stayed with EM until it stopped at iteration ${t.count - 1}`, busy);
  return ready(`has not switched by iteration ${t.count - 1} (still running)`, true);
};

/** Whether the start is symmetric, read from how the runs stopped. */
export const symmetricStatus: Binding = ({ app }) => {
  const { run } = app;
  if (!run.header || run.traces.length === 0) return pending;
  const sym = run.traces.filter((t) => t.stop?.code === 'symmetric-start');
  const busy = !isCurrent(run);
  if (sym.length === 0) return ready('the current start is not symmetric, so the components can move apart', busy);
  const who = sym.length === run.traces.length ? 'every method' : sym.map((t) => methodLabel(t.method)).join(', ');
  return ready(`the current start is symmetric: ${who} stopped at iteration 0, and the components never separate`, busy);
};

// ------------------------------------------------------------------ the three steps at θ

/** Where the arrows are: "EM’s point at iteration 12". */
export const stepsWhere: Binding = ({ steps }) => {
  const m = steps.method;
  const s = currentSteps(steps);
  if (!s || !m) return pending;
  return ready(`${methodLabel(m)}’s point at iteration ${steps.row}`);
};

const fromSteps =
  (format: (s: NonNullable<ReturnType<typeof currentSteps>>) => string): Binding =>
  ({ steps }) => {
    const s = currentSteps(steps);
    if (!s) return steps.key !== '' && steps.key === steps.wanted ? ready('— (no step: θ is outside the model’s domain)') : pending;
    return ready(format(s));
  };

export const stepAngle = fromSteps((s) => (s.converged ? '0° (no step is left)' : isNum(s.angleDeg) ? `${fixed(s.angleDeg, 1)}°` : '—'));

export const emOverNewton = fromSteps((s) => {
  if (s.converged) return '— (EM has converged here: no step is left)';
  if (s.newton === null) return '— (not defined here: L is not concave at this point, so Newton has no step)';
  return isNum(s.emOverNewton) ? sig(s.emOverNewton, 3) : '—';
});
