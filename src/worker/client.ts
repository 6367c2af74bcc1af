/**
 * The one race worker of the page, created once at module load (not in a React effect:
 * StrictMode would create two). A worker that fails to load fails silently under comlink
 * (calls just hang), so load errors are captured here and surfaced by the UI.
 */
import * as Comlink from 'comlink';
import type { RaceWorkerApi } from './protocol';

const worker = new Worker(new URL('./race.worker.ts', import.meta.url), { type: 'module', name: 'em-lab-race' });

type ErrorListener = (message: string) => void;
const listeners = new Set<ErrorListener>();
let lastError: string | null = null;

function report(message: string): void {
  lastError = message;
  for (const l of listeners) l(message);
}

worker.addEventListener('error', (e: ErrorEvent) => {
  e.preventDefault();
  report(e.message || 'the computation worker failed to load (see the browser console)');
});
worker.addEventListener('messageerror', () => report('a message from the computation worker could not be read'));

export const raceWorker = Comlink.wrap<RaceWorkerApi>(worker);

/** Calls `l` for every worker error, including one that happened before subscribing. */
export function onWorkerError(l: ErrorListener): () => void {
  listeners.add(l);
  if (lastError) l(lastError);
  return () => listeners.delete(l);
}
