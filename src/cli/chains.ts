/**
 * `npm run lab -- 'v=1&mode=sample&…'`: the Sampler mode headless. Runs every chosen sampler's chains
 * (chains-spec.ts: the app's very chains) to the end and prints the chains document (JSON), with
 * every draw under --draws, or every draw as CSV under --csv. Tells the size of long work on stderr
 * first, and its progress on a terminal or with --progress, as the race does.
 */
import { chainsCsv, chainsDocument } from '../experiment/chains-document';
import { runStateChains } from '../experiment/chains-run';
import { CHAINS } from '../experiment/chains-spec';
import { SAMPLER_LABELS } from '../experiment/sampler-list';
import type { ExperimentState } from '../experiment/state';
import { ANNOUNCE_S, duration, grouped, probeEStepMs, progressReporter } from './estimate';

export const CHAINS_FLAGS = ['--draws'] as const;

/** Passes per iteration assumed for the estimate (NUTS varies: a few to a few dozen leapfrog steps). */
const PASSES_PER_ITERATION = { gibbs: 1.2, rwm: 1, mala: 1, hmc: 1, nuts: 12 } as const;

export function chainsCommand(state: ExperimentState, flags: ReadonlySet<string>): string | null {
  const its = (state.warm + state.draws) * CHAINS;
  const passes = state.samplers.reduce((s, id) => s + its * (id === 'hmc' ? state.leap : PASSES_PER_ITERATION[id]), 0);
  const estepMs = probeEStepMs(state);
  const expected = (passes * estepMs) / 1000;
  if (expected > ANNOUNCE_S || flags.has('--dry-run'))
    process.stderr.write(
      `em-lab: N = ${grouped(state.n)}, ${state.samplers.map((s) => SAMPLER_LABELS[s]).join(', ')}: ${CHAINS} chains × ${grouped(state.warm + state.draws)} iterations each, ` +
        `about ${grouped(passes)} passes over the data; one pass takes ${estepMs.toPrecision(2)} ms here, so roughly ${duration(expected)}\n`,
    );
  if (flags.has('--dry-run')) return null;
  const progress = progressReporter(flags.has('--progress') || (expected > ANNOUNCE_S && process.stderr.isTTY));
  const t0 = performance.now();
  const keepDraws = flags.has('--draws') || flags.has('--csv');
  const input = runStateChains(state, {
    keepDraws,
    onProgress: (set) => {
      const { iteration, total } = set.progress;
      progress.report(`${duration((performance.now() - t0) / 1000)}: iteration ${grouped(iteration)} of ${grouped(total)} per chain`);
    },
  });
  progress.done();
  if (flags.has('--csv')) return chainsCsv(input);
  return JSON.stringify(chainsDocument(input, { summary: flags.has('--summary'), draws: flags.has('--draws') }), null, 2) + '\n';
}
