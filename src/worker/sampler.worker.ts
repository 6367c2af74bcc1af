/**
 * The sampler worker's API (comlink): the Sampler mode's chains in a worker of their own, so the race
 * worker and the race mode never wait for them. It owns one job — the chains of the latest settings —
 * advanced by the scheduler in slices (sampler/scheduler.ts); replies carry the job's epoch.
 */
import * as Comlink from 'comlink';
import { generateData } from '../engine/data';
import { DEFAULT_STATE } from '../experiment/schema';
import { chainsCsv, chainsDocument } from '../experiment/chains-document';
import { chainsInput } from '../experiment/chains-run';
import { chainSetSpec } from '../experiment/chains-spec';
import { decodeQuery } from '../experiment/codec';
import { ChainSet } from '../engine/samplers/run-chains';
import { takeGrid } from './sampler/contours';
import { CURVE_TOTAL, curveOf } from './sampler/curve';
import { batchesSince, createJob, summaryAt } from './sampler/job';
import { currentJob, isIdle, schedule, setCurrentJob } from './sampler/scheduler';
import type { SamplerConfigureReply, SamplerPull, SamplerWorkerApi } from './sampler-protocol';

let latestEpoch = -1;

const api: SamplerWorkerApi = {
  async configure(query, epoch, cursor) {
    latestEpoch = Math.max(latestEpoch, epoch);
    if (epoch < latestEpoch) return { ok: false, superseded: true, epoch };
    setCurrentJob(null);
    try {
      const { state } = decodeQuery(query);
      const j = createJob(epoch, state, cursor);
      setCurrentJob(j);
      const reply: SamplerConfigureReply = { ok: true, header: j.header };
      return reply;
    } catch (e) {
      return { ok: false, superseded: false, epoch, error: e instanceof Error ? e.message : String(e) };
    }
  },

  async pull(epoch, since, cursor, at, curveSent) {
    const j = currentJob();
    if (!j || j.epoch !== epoch) return null;
    if (cursor !== j.cursor) {
      j.cursor = cursor;
      schedule();
    }
    const batches = batchesSince(j, since);
    const curve = curveOf(j);
    const reply: SamplerPull = {
      epoch,
      batches,
      summary: at === null ? null : summaryAt(j, at),
      contours: takeGrid(j),
      curve: curve.length > curveSent ? [...curve] : null,
      curveTotal: CURVE_TOTAL,
      done: j.set.done,
      idle: isIdle(j),
      error: j.error,
    };
    return Comlink.transfer(
      reply,
      batches.map((b) => b.data.buffer as ArrayBuffer),
    );
  },

  async exportRun(epoch, format, query) {
    const j = currentJob();
    if (!j || j.epoch !== epoch) return null;
    if (!j.set.done && !j.error) {
      await new Promise<void>((resolve) => {
        j.exportWaiters.push(resolve);
        schedule();
      });
    }
    if (currentJob() !== j || j.error || !j.set.done) return null;
    // The document carries the state as the page has it (the cursor included), as the race's does.
    const input = { ...chainsInput(j.state, j.set), state: decodeQuery(query).state };
    return format === 'json' ? JSON.stringify(chainsDocument(input), null, 2) + '\n' : chainsCsv(input);
  },

  async benchGibbs(n, sweeps) {
    // The default experiment at N points, DA Gibbs alone, one chain: the "10⁴ sweeps at N = 2000".
    const state = { ...DEFAULT_STATE, n };
    const spec = { ...chainSetSpec(state, { data: generateData(state) }), samplers: ['gibbs' as const], chains: 1, draws: sweeps, burn: 0 };
    const set = new ChainSet(spec);
    const t0 = performance.now();
    set.advance(sweeps);
    return performance.now() - t0;
  },
};

Comlink.expose(api);
