/** Alerts: keys a shared link had to repair, and a worker that failed to load. */
import { dismissRepairs } from '../state/actions';
import { useStore } from '../state/store';

export function RepairNotice() {
  const repairs = useStore((s) => s.repairs);
  if (repairs.length === 0) return null;
  return (
    <div className="notice" role="alert">
      <p>
        <strong>This link had problems; it opened with repairs:</strong>
      </p>
      <ul>
        {repairs.map((r) => (
          <li key={r.key}>
            <code>{r.key}</code>: {r.message}
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismissRepairs}>
        Dismiss
      </button>
    </div>
  );
}

export function WorkerErrorNotice() {
  const err = useStore((s) => s.workerError);
  const runErr = useStore((s) => s.run.error);
  if (!err && !runErr) return null;
  return (
    <div className="notice notice-error" role="alert">
      {err ? `The computation worker failed: ${err}. Reload the page to try again.` : `The engine stopped with an error: ${runErr}`}
    </div>
  );
}

/** A short message, e.g. why a change was refused (a locked setting). */
export function Toast() {
  const toast = useStore((s) => s.toast);
  return (
    <p className="toast" aria-live="polite" hidden={!toast}>
      {toast}
    </p>
  );
}
