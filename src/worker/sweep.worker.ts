/**
 * A sweep worker: the pure cell runner behind comlink. The page keeps one per core (sweep-pool.ts)
 * and hands each the next task as it finishes one; the race worker (race.worker.ts) is untouched.
 */
import * as Comlink from 'comlink';
import { rateMapPoint, runCell } from '../engine/sweep-cell';
import type { SweepWorkerApi } from './sweep-protocol';

const api: SweepWorkerApi = { runCell, mapPoint: rateMapPoint };
Comlink.expose(api);
