/**
 * settled() calls waiting for their epoch's work at the cursor: the UI pulls once they resolve
 * instead of polling every frame while a slow lane (Adam) fills in.
 */
interface SettleWaiter {
  readonly epoch: number;
  readonly cursor: number;
  readonly resolve: () => void;
}
let waiters: SettleWaiter[] = [];

export function awaitSettled(epoch: number, cursor: number, resolve: () => void): void {
  waiters.push({ epoch, cursor, resolve });
}

export const anySettleWaiters = (): boolean => waiters.length > 0;

/** Resolves (and drops) the waiters for which `done` holds. */
export function resolveSettled(done: (w: { readonly epoch: number; readonly cursor: number }) => boolean): void {
  waiters = waiters.filter((w) => {
    const finished = done(w);
    if (finished) w.resolve();
    return !finished;
  });
}
