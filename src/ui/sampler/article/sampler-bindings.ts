/**
 * The numbers the Sampler mode's prose shows, as pure functions of the live state (the sampler run,
 * the cursor), through the same formatters as its panels (sampler-format.ts), so text and figures
 * agree character for character. A value not known yet reads "…" and is busy (aria-busy).
 */
import { SAMPLER_LABELS, type SamplerId } from '../../../experiment/sampler-list';
import { receivedDraws, sampleCurrent, statOf, useSampleRun, type SampleRunState } from '../../../state/sampler-store';
import { PENDING, type Binding, type Bound } from '../../article/bindings';
import { crossoverText, curveCrossovers, type MarginalId } from '../crossovers';
import { corr, count, percent, rate, sigma } from '../sampler-format';

const pending: Bound = { text: PENDING, busy: true };
const ready = (text: string, busy = false): Bound => ({ text, busy });

/** The run, when it belongs to the settings now requested; the diagnostics are busy until they are the cursor's. */
function current(it: number): { run: SampleRunState & { header: NonNullable<SampleRunState['header']> }; fresh: boolean } | null {
  const run = useSampleRun.getState();
  if (!sampleCurrent(run)) return null;
  return { run, fresh: run.summary !== null && run.summary.at === Math.min(it, receivedDraws(run)) };
}

export const lambdaMaxB: Binding = ({ app }) => {
  const c = current(app.config.it);
  return c ? ready(corr(c.run.header.lambdaMax)) : pending;
};

/** λ_max at the MLE in means-only, else at the mode (what the ACF panel's caption shows first). */
export const lambdaMle: Binding = ({ app }) => {
  const c = current(app.config.it);
  if (!c) return pending;
  return ready(c.run.header.lambdaMle !== null ? corr(c.run.header.lambdaMle) : 'not computed in the full model');
};

export const predictedEss: Binding = ({ app }) => {
  const c = current(app.config.it);
  return c ? ready(rate(c.run.header.predictedGibbs?.essPerPass)) : pending;
};

const perSampler = (make: (s: SamplerId) => Binding): ((s: SamplerId) => Binding) => {
  const made = new Map<SamplerId, Binding>();
  return (s) => {
    let b = made.get(s);
    if (!b) made.set(s, (b = make(s)));
    return b;
  };
};

function stat(it: number, s: SamplerId) {
  const c = current(it);
  if (!c) return null;
  if (!c.run.header.samplers.includes(s)) return 'absent' as const;
  const st = statOf(c.run, s);
  return st ? { st, busy: !c.fresh } : null;
}

export const lag1 = perSampler((s): Binding => ({ app }) => {
  const x = stat(app.config.it, s);
  if (x === 'absent') return ready(`— (${SAMPLER_LABELS[s]} is not sampling)`);
  return x ? ready(corr(x.st.summary.lag1), x.busy) : pending;
});

export const essPerPass = perSampler((s): Binding => ({ app }) => {
  const x = stat(app.config.it, s);
  if (x === 'absent') return ready('—');
  return x ? ready(rate(x.st.summary.essPerPass), x.busy) : pending;
});

export const switched = perSampler((s): Binding => ({ app }) => {
  const x = stat(app.config.it, s);
  if (x === 'absent') return ready('—');
  return x ? ready(percent(x.st.summary.switchedFraction), x.busy) : pending;
});

export const drawsShown: Binding = ({ app }) => {
  const c = current(app.config.it);
  return c ? ready(count(Math.min(app.config.it, receivedDraws(c.run)))) : pending;
};

/** The best sampler per pass at the cursor, in words. */
export const bestSampler: Binding = ({ app }) => {
  const c = current(app.config.it);
  if (!c || !c.run.summary) return pending;
  const scored = c.run.summary.stats.filter((x) => typeof x.summary.essPerPass === 'number');
  if (scored.length === 0) return ready('not known yet (too few draws)', true);
  const best = scored.reduce((a, b) => ((b.summary.essPerPass as number) > (a.summary.essPerPass as number) ? b : a));
  return ready(`${SAMPLER_LABELS[best.sampler]}, with ${rate(best.summary.essPerPass)} effective draws per pass`, !c.fresh);
};

export const crossoverOf = perSampler((s): Binding => ({ app }) => {
  const c = current(app.config.it);
  if (!c) return pending;
  if (!c.run.header.samplers.includes('gibbs')) return ready('— (DA Gibbs is not sampling)');
  if (!c.run.header.samplers.includes(s)) return ready(`— (${SAMPLER_LABELS[s]} is not sampling)`);
  const x = curveCrossovers(c.run.curve, c.run.curveTotal, c.run.header.samplers);
  return x ? ready(crossoverText(x.get(s as MarginalId) ?? null)) : { text: 'still being computed', busy: true };
});

export const separationB: Binding = ({ app }) => ready(sigma(app.config.sep));
