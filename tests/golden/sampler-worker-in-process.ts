/**
 * The sampler worker run in the test's own thread, as worker-in-process.ts runs the race worker: the
 * real src/worker/sampler.worker.ts (its job, scheduler, contours, curve) behind a stand-in for comlink,
 * every argument and reply copied by structuredClone as postMessage would copy it.
 *
 * Used from the sampler golden test through vi.mock('comlink') and vi.mock('src/worker/sampler-client').
 */
import type { SamplerWorkerApi } from '../../src/worker/sampler-protocol';

let api: SamplerWorkerApi | null = null;

export const samplerComlinkStandIn = {
  expose(obj: unknown): void {
    api = obj as SamplerWorkerApi;
  },
  transfer<T>(value: T): T {
    return value;
  },
  wrap(): never {
    throw new Error('the sampler golden test replaces the worker clients; nothing else may wrap a worker');
  },
};

async function workerApi(): Promise<SamplerWorkerApi> {
  if (!api) await import('../../src/worker/sampler.worker');
  if (!api) throw new Error('sampler.worker.ts did not expose its API');
  return api;
}

const samplerApi = new Proxy({} as SamplerWorkerApi, {
  get(_target, name: string) {
    return async (...args: unknown[]) => {
      const w = await workerApi();
      const f = (w as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
      if (typeof f !== 'function') throw new Error(`the sampler worker has no method ${name}`);
      return structuredClone(await f.apply(w, structuredClone(args)));
    };
  },
});

/** src/worker/sampler-client.ts as the sampler golden test mocks it. */
export const samplerClientStandIn = {
  samplerWorker: () => samplerApi,
  restartSamplerWorker: (): void => {},
  onSamplerError: (): (() => void) => () => {},
};

/** src/worker/client.ts (the race's): the frame loop imports it, nothing here calls it. */
export const raceClientStandIn = {
  raceWorker: new Proxy(
    {},
    {
      get: () => () => new Promise(() => {}),
    },
  ),
  onWorkerError: (): (() => void) => () => {},
};
