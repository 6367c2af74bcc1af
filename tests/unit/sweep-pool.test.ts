/**
 * The scheduler both sweep pools share (src/experiment/sweep/pool.ts), with fake workers: every task
 * runs exactly once, each worker takes the next task as soon as it is free, cancelling stops the
 * hand-out at once, and a failing task rejects the run.
 */
import { describe, expect, it } from 'vitest';
import { runPool, type CancelToken } from '../../src/experiment/sweep/pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it('runs every task once and reports each result with its index, whatever order they finish in', async () => {
    const tasks = Array.from({ length: 20 }, (_, i) => i);
    const seen: [number, number][] = [];
    const worker = async (t: number) => {
      await sleep((t * 7) % 5);
      return t * t;
    };
    await runPool(tasks, [worker, worker, worker], (i, r) => seen.push([i, r]));
    expect(seen.map(([i]) => i).sort((a, b) => a - b)).toEqual(tasks);
    for (const [i, r] of seen) expect(r).toBe(i * i);
  });

  it('a free worker takes the next task: one slow task does not hold the others up', async () => {
    // Worker a's task finishes only once b has run all four others: a scheduler that dealt the tasks
    // out in advance (two each) would never get there, and the test would time out.
    let bDone = 0;
    let release = () => {};
    const aFinishes = new Promise<void>((r) => (release = r));
    const a = async (t: string) => {
      await aFinishes;
      return t;
    };
    const b = async (t: string) => {
      await sleep(1);
      if (++bDone === 4) release();
      return t;
    };
    const order: string[] = [];
    await runPool(['slow', 'x1', 'x2', 'x3', 'x4'], [a, b], (_i, t) => order.push(t));
    expect(order).toEqual(['x1', 'x2', 'x3', 'x4', 'slow']);
  });

  it('cancel stops handing out tasks and drops results that arrive afterwards', async () => {
    const cancel: CancelToken = { cancelled: false };
    const results: number[] = [];
    let started = 0;
    const worker = async (t: number) => {
      started++;
      await sleep(5);
      return t;
    };
    const run = runPool(
      Array.from({ length: 50 }, (_, i) => i),
      [worker, worker],
      (i) => {
        results.push(i);
        if (results.length === 4) cancel.cancelled = true;
      },
      cancel,
    );
    await run;
    expect(results).toHaveLength(4);
    expect(started).toBeLessThanOrEqual(6);
  });

  it('rejects on the first failure, and with no workers', async () => {
    const worker = async (t: number) => {
      if (t === 3) throw new Error('worker crashed');
      return t;
    };
    await expect(runPool([1, 2, 3, 4], [worker], () => {})).rejects.toThrow('worker crashed');
    await expect(runPool([1], [], () => {})).rejects.toThrow('no workers');
  });
});
