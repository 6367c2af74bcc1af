/**
 * Run / Cancel, the progress bar (cells, then rate-map points) with a plain-words status, and the
 * finished sweep's downloads: the JSON document `npm run lab -- sweep '<query>'` prints for the
 * same query, or its CSV rows.
 */
import { planSweep } from '../../experiment/sweep/plan';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { cancelSweep, runSweep, sweepExport } from '../../state/sweep-actions';
import { useSweepStore } from '../../state/sweep-store';
import { int } from '../format';
import { queryHash, saveText } from '../export/download';
import { sweepPoolSize } from '../../worker/sweep-pool';

export function SweepRunBar() {
  const { status, done, total, error, elapsedMs, plan, spec, gridDone } = useSweepStore(
    useShallow((s) => ({
      status: s.status,
      done: s.done,
      total: s.total,
      error: s.error,
      elapsedMs: s.elapsedMs,
      plan: s.plan,
      spec: s.spec,
      gridDone: s.plan !== null && s.grid.every((row) => row.every((c) => c !== undefined)),
    })),
  );
  const config = useStore((s) => s.config);
  const running = status === 'running';
  const pct = total > 0 ? Math.round((100 * done) / total) : 0;
  const cells = plan ? plan.seps.length * plan.seeds.length : 0;
  const stale = plan !== null && plan.query !== planSweep(config, spec).query;

  const download = (format: 'json' | 'csv') => {
    const text = sweepExport(format);
    if (text === null || !plan) return;
    saveText(`em-lab-sweep-${queryHash(plan.query)}.${format}`, text, format === 'json' ? 'application/json' : 'text/csv');
  };

  return (
    <div className="sweep-run" role="group" aria-label="Run the sweep">
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void runSweep()} disabled={running}>
          Run sweep
        </button>
        <button type="button" onClick={cancelSweep} disabled={!running}>
          Cancel sweep
        </button>
        <button type="button" onClick={() => download('json')} disabled={!gridDone}>
          Download sweep JSON
        </button>
        <button type="button" onClick={() => download('csv')} disabled={!gridDone}>
          Download sweep CSV
        </button>
      </div>
      <div className="sweep-progress">
        <div
          className="sweep-bar"
          role="progressbar"
          aria-label="Sweep progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct} %: ${done} of ${total} tasks`}
        >
          <div className="sweep-bar-fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="sweep-status" aria-live="polite">
          {statusText(status, done, total, cells, elapsedMs, error)}
          {stale && status !== 'running' && ' The settings have changed since: Run again to update.'}
        </span>
      </div>
      <p className="hint">
        {`Runs on ${sweepPoolSize()} worker${sweepPoolSize() === 1 ? '' : 's'}. ` +
          'The other settings (dimension, weight, variance ratio, seeds, τ, burn-in, step sizes, variance floor) are the experiment’s, on the left.'}
      </p>
    </div>
  );
}

function statusText(status: string, done: number, total: number, cells: number, ms: number, error: string | null): string {
  const secs = `${(ms / 1000).toFixed(1)} s`;
  switch (status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return done < cells
        ? `Running: ${int(done)} of ${int(cells)} data sets…`
        : `Rate map: ${int(done - cells)} of ${int(total - cells)} points…`;
    case 'done':
      return `Finished ${int(cells)} data sets and ${int(total - cells)} rate-map points in ${secs}.`;
    case 'cancelled':
      return `Cancelled after ${int(done)} of ${int(total)} tasks (${secs}); the results so far are shown.`;
    default:
      return `The sweep failed: ${error ?? 'unknown error'}.`;
  }
}
