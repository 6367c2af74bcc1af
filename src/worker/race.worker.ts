/**
 * The race worker's API (comlink): it owns the job — the race of the latest settings — which the
 * scheduler advances in 3 ms slices (race/scheduler.ts), so a new `configure` (or a `pull`) is
 * answered between slices. The main thread never iterates. Around it: the job's lifecycle
 * (race/job.ts), the guesses (race/guesses.ts), the contours (race/contours.ts), the λ curve
 * (race/curve.ts) and the packing of rows for the UI (race/pack.ts).
 * tfjs is never imported here directly: the engine's Adam module loads it lazily when Adam is on.
 */
import * as Comlink from 'comlink';
import { localSteps } from '../engine/local-steps';
import { createRace } from '../engine/build';
import type { Race } from '../engine/trace';
import { decodeQuery, raceKey } from '../experiment/codec';
import { documentJson, runDocument, traceCsv } from '../experiment/document';
import type { ExperimentState } from '../experiment/state';
import type { ConfigureReply, ExportReply, RaceWorkerApi } from './protocol';
import { createJob, currentJob, kept, retire, setCurrentJob, type Kept } from './race/job';
import { pullReply, raceHeader } from './race/pack';
import { releaseSettled, runFirstDraw, schedule } from './race/scheduler';
import { awaitSettled } from './race/settle';
import { familyData } from '../engine/family-data';

let latestEpoch = -1;

const api: RaceWorkerApi = {
  async configure(query, epoch, cursor, spectrumFor, guesses) {
    latestEpoch = Math.max(latestEpoch, epoch);
    if (epoch < latestEpoch) return { ok: false, superseded: true, epoch };
    // The previous settings are superseded: stop their work now, so its slices do not run while
    // this race is built (building awaits, e.g. Adam's tfjs setup, and the old job would fill the gaps).
    retire(currentJob());
    setCurrentJob(null);
    const t0 = performance.now();
    // Wall-clock ms (timeOrigin + now is comparable across the page and its workers): the benchmark
    // subtracts its input time to see how long the settings took to reach the worker.
    const phases: Record<string, number> = { receivedAt: performance.timeOrigin + t0 };
    let race: Race;
    let state: ExperimentState;
    let key: string;
    let hit: Kept | null;
    try {
      state = decodeQuery(query).state;
      key = raceKey(state);
      hit = kept.take(key);
      // For the benchmark and the tests: a kept race, and the last iteration it had computed.
      if (hit) Object.assign(phases, { kept: 1, keptRows: Math.max(...hit.race.runs.map((r) => r.rows.length - 1)) });
      race =
        hit?.race ?? (await createRace(state, { spectrum: [spectrumFor], onPhase: (name) => (phases[name] = performance.now() - t0) }));
    } catch (e) {
      return { ok: false, superseded: false, epoch, error: e instanceof Error ? e.message : String(e) };
    }
    // A newer configure may have been answered while this one awaited (e.g. tfjs loading).
    if (epoch < latestEpoch) {
      kept.keep(key, { race, grid: hit?.grid ?? null });
      return { ok: false, superseded: true, epoch };
    }
    retire(currentJob());
    const j = createJob({ epoch, state, key, race, cursor, spectrumFor, grid: hit?.grid ?? null, guesses, phases, t0 });
    j.phases.build = performance.now() - t0;
    setCurrentJob(j);
    runFirstDraw(j);
    j.phases.inline = performance.now() - t0;
    schedule();
    const initial = pullReply(j, [], { method: spectrumFor, since: 0 }, 0);
    const header = raceHeader(j);
    const reply: ConfigureReply = { ok: true, header, initial: initial.reply };
    return Comlink.transfer(reply, [header.data.buffer, ...initial.buffers]);
  },

  async pull(epoch, since, cursor, sentCurve, spectrumReq) {
    const j = currentJob();
    if (!j || j.epoch !== epoch) return null;
    if (cursor !== j.cursor || spectrumReq.method !== j.spectrumFor) {
      j.cursor = cursor;
      j.spectrumFor = spectrumReq.method;
      schedule();
    }
    const { reply, buffers } = pullReply(j, since, spectrumReq, sentCurve);
    return Comlink.transfer(reply, buffers);
  },

  settled(epoch, cursor) {
    return new Promise<void>((resolve) => {
      awaitSettled(epoch, cursor, resolve);
      releaseSettled();
    });
  },

  async cancel(epoch) {
    const j = currentJob();
    if (j && j.epoch === epoch) {
      retire(j);
      setCurrentJob(null);
    }
  },

  async stepsAt(epoch, theta) {
    const j = currentJob();
    if (!j || j.epoch !== epoch || theta.length !== j.model.p) return null;
    return localSteps(j.model, theta, familyData(j.model.family).planeAxes(j.race.dim))?.plane ?? null;
  },

  async exportRun(epoch, format, query) {
    const j = currentJob();
    if (!j || j.epoch !== epoch) return null;
    if (!j.race.done && !j.error) {
      await new Promise<void>((resolve) => {
        j.exportWaiters.push(resolve);
        schedule();
      });
    }
    if (currentJob() !== j || j.error) return null;
    // The document carries the state as the UI has it (including the view cursor `it`).
    const state = decodeQuery(query).state;
    const text = format === 'json' ? documentJson(runDocument(j.race, state, { summary: false })) : traceCsv(j.race, state);
    const reply: ExportReply = { epoch, text };
    return reply;
  },
};

Comlink.expose(api);
