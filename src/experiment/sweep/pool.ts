/**
 * The scheduler both worker pools share (worker_threads in the CLI, Web Workers in the app): every
 * executor (one per worker) takes the next task as soon as it finishes one, so a slow cell never
 * holds up the others, and each result is handed on as it arrives. Cancelling stops handing out
 * tasks at once; results of tasks already running are dropped.
 */
export interface CancelToken {
  cancelled: boolean;
}

export type Executor<T, R> = (task: T) => Promise<R>;

/** Resolves when every task has finished (or, after cancel, when the running ones have); rejects on the first failure. */
export async function runPool<T, R>(
  tasks: readonly T[],
  executors: readonly Executor<T, R>[],
  onResult: (index: number, result: R) => void,
  cancel: CancelToken = { cancelled: false },
): Promise<void> {
  if (executors.length === 0 && tasks.length > 0) throw new Error('no workers to run the sweep on');
  let next = 0;
  let failed = false;
  const lane = async (exec: Executor<T, R>): Promise<void> => {
    while (!cancel.cancelled && !failed && next < tasks.length) {
      const i = next++;
      let result: R;
      try {
        result = await exec(tasks[i]);
      } catch (err) {
        failed = true;
        throw err;
      }
      if (!cancel.cancelled) onResult(i, result);
    }
  };
  await Promise.all(executors.map(lane));
}
