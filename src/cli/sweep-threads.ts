/**
 * The CLI's worker pool: Node worker_threads, one per core, each running the same pure cell runner
 * as the app's Web Workers (engine/sweep-cell.ts). The workers run this very bundle (scripts/run-ts.mjs
 * bundles each entry into one file): an entry that uses the pool starts with
 * `if (isSweepWorker()) serveSweepWorker(); else main()`, so no second bundle is needed.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { rateMapPoint, runCell, type CellTask } from '../engine/sweep-cell';
import type { MapTask } from '../experiment/sweep/plan';
import type { Executor } from '../experiment/sweep/pool';

const ROLE = 'em-lab-sweep-worker';

type Request = { id: number; kind: 'cell'; task: CellTask } | { id: number; kind: 'map'; task: MapTask } | { id: number; kind: 'cpu' };
type Reply = { id: number; result: unknown } | { id: number; error: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const isSweepWorker = (): boolean => !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;

/**
 * CPU seconds this thread has used (Linux: /proc/thread-self/stat, utime + stime at 100 ticks/s), or
 * null elsewhere. The benchmark reads it: on a shared machine wall time also counts other people's work.
 */
function threadCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // fields 14 and 15 of stat(5), after pid and comm
  } catch {
    return null;
  }
}

/** The worker side: answer each request with the cell's result. */
export function serveSweepWorker(): void {
  const port = parentPort!;
  port.on('message', async (req: Request) => {
    try {
      const result = req.kind === 'cell' ? await runCell(req.task) : req.kind === 'map' ? rateMapPoint(req.task) : threadCpuSeconds();
      port.postMessage({ id: req.id, result } satisfies Reply);
    } catch (err) {
      port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies Reply);
    }
  });
}

export interface ThreadPool {
  readonly size: number;
  cell: Executor<CellTask, Awaited<ReturnType<typeof runCell>>>[];
  map: Executor<MapTask, number | null>[];
  /** CPU seconds each worker thread has used so far (null where unknown). */
  cpuSeconds(): Promise<(number | null)[]>;
  close(): Promise<void>;
}

/** Default pool size: one worker per core. */
export const defaultThreads = (): number => Math.max(1, availableParallelism());

export function startThreads(size: number, entry: URL): ThreadPool {
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(entry, { workerData: { role: ROLE } });
    const pending = new Map<number, { resolve: (x: unknown) => void; reject: (e: Error) => void }>();
    let seq = 0;
    const failAll = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on('message', (r: Reply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if ('error' in r) p.reject(new Error(r.error));
      else p.resolve(r.result);
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`a sweep worker exited (code ${code})`)));
    const call = (req: DistributiveOmit<Request, 'id'>): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = seq++;
        pending.set(id, { resolve, reject });
        w.postMessage({ ...req, id });
      });
    return { w, call };
  });
  return {
    size,
    cell: workers.map(
      ({ call }) =>
        (task: CellTask) =>
          call({ kind: 'cell', task }) as Promise<Awaited<ReturnType<typeof runCell>>>,
    ),
    map: workers.map(
      ({ call }) =>
        (task: MapTask) =>
          call({ kind: 'map', task }) as Promise<number | null>,
    ),
    cpuSeconds: () => Promise.all(workers.map(({ call }) => call({ kind: 'cpu' }) as Promise<number | null>)),
    close: async () => {
      await Promise.all(workers.map(({ w }) => w.terminate()));
    },
  };
}
