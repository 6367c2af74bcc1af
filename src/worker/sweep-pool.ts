/**
 * The page's sweep workers: one module worker per core (navigator.hardwareConcurrency, at least 1,
 * at most MAX_WORKERS), created on the first run. Cancelling terminates them — a cell in flight can
 * take a while (a capped run is thousands of E-steps) and its result is no longer wanted — and the
 * next run starts fresh ones. A worker that fails to load would make comlink calls hang, so load
 * errors are reported to the caller's listener instead.
 */
import * as Comlink from 'comlink';
import type { SweepWorkerApi } from './sweep-protocol';

/** More workers than this only adds memory: the page's race worker and the UI need a core too. */
const MAX_WORKERS = 8;

export const sweepPoolSize = (): number =>
  Math.max(1, Math.min(MAX_WORKERS, Math.floor(typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1)));

interface Pool {
  workers: Worker[];
  remotes: Comlink.Remote<SweepWorkerApi>[];
}

let pool: Pool | null = null;

/** The pool's workers, created when first needed; `onError` hears load errors and crashes. */
export function sweepWorkers(onError: (message: string) => void): Comlink.Remote<SweepWorkerApi>[] {
  if (!pool) {
    const workers = Array.from({ length: sweepPoolSize() }, (_, i) => {
      const w = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: `em-lab-sweep-${i + 1}` });
      w.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        onError(e.message || 'a sweep worker failed to load (see the browser console)');
      });
      w.addEventListener('messageerror', () => onError('a message from a sweep worker could not be read'));
      return w;
    });
    pool = { workers, remotes: workers.map((w) => Comlink.wrap<SweepWorkerApi>(w)) };
  }
  return pool.remotes;
}

/** Stops every worker now (work in flight is abandoned). */
export function terminateSweepWorkers(): void {
  for (const w of pool?.workers ?? []) w.terminate();
  pool = null;
}
