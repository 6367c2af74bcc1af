/**
 * The sampler worker, created on first use (the race mode never loads it), and restarted on demand
 * after a crash: `samplerWorker()` gives the live proxy, `restartSamplerWorker()` drops a dead worker
 * so the next call starts a fresh one. Load errors and crashes are reported (comlink calls to a dead
 * worker would otherwise hang). Written so that a shared worker supervisor can take over `spawn`.
 */
import * as Comlink from 'comlink';
import type { SamplerWorkerApi } from './sampler-protocol';

type ErrorListener = (message: string) => void;
const listeners = new Set<ErrorListener>();

let live: { worker: Worker; api: Comlink.Remote<SamplerWorkerApi> } | null = null;

function spawn(): { worker: Worker; api: Comlink.Remote<SamplerWorkerApi> } {
  const worker = new Worker(new URL('./sampler.worker.ts', import.meta.url), { type: 'module', name: 'em-lab-sampler' });
  const fail = (message: string) => {
    // A dead worker is dropped at once: the next call starts a new one.
    if (live?.worker === worker) {
      worker.terminate();
      live = null;
    }
    for (const l of listeners) l(message);
  };
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    fail(e.message || 'the sampler worker failed to load (see the browser console)');
  });
  worker.addEventListener('messageerror', () => fail('a message from the sampler worker could not be read'));
  return { worker, api: Comlink.wrap<SamplerWorkerApi>(worker) };
}

export function samplerWorker(): Comlink.Remote<SamplerWorkerApi> {
  live ??= spawn();
  return live.api;
}

/** Ends the worker (a crash, or a computation that must stop now); the next call starts a new one. */
export function restartSamplerWorker(): void {
  live?.worker.terminate();
  live = null;
}

export function onSamplerError(l: ErrorListener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
