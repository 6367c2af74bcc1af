/**
 * The race worker run in the test's own thread: the real src/worker/race.worker.ts (its scheduler,
 * job, packing, contours, λ curve, spectra) behind a stand-in for comlink, so the store gets exactly
 * the replies the worker would send. Only the transport is replaced: `expose` keeps the worker's API
 * object, `wrap`/`raceWorker` call it directly, and every argument and reply goes through
 * structuredClone, as postMessage would copy it (transfers become copies).
 *
 * Used from the golden test through vi.mock('comlink') and vi.mock('src/worker/client').
 */
import type { RaceWorkerApi } from '../../src/worker/protocol';

let api: RaceWorkerApi | null = null;

/** What race.worker.ts imports from comlink. */
export const comlinkStandIn = {
  expose(obj: unknown): void {
    api = obj as RaceWorkerApi;
  },
  transfer<T>(value: T): T {
    return value;
  },
  wrap(): never {
    throw new Error('the golden tests replace src/worker/client.ts; nothing else may wrap a worker');
  },
};

async function workerApi(): Promise<RaceWorkerApi> {
  if (!api) await import('../../src/worker/race.worker');
  if (!api) throw new Error('race.worker.ts did not expose its API');
  return api;
}

/** The stand-in for src/worker/client.ts's `raceWorker` (every call async, arguments and replies copied). */
export const raceWorker = new Proxy({} as RaceWorkerApi, {
  get(_target, name: string) {
    return async (...args: unknown[]) => {
      const w = await workerApi();
      const f = (w as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
      if (typeof f !== 'function') throw new Error(`the race worker has no method ${name}`);
      return structuredClone(await f.apply(w, structuredClone(args)));
    };
  },
});

/** src/worker/client.ts as the golden test mocks it. */
export const clientStandIn = {
  raceWorker,
  onWorkerError: (): (() => void) => () => {},
};
