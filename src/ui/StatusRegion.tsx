/**
 * The live status (role=status, polite): "Iteration k", what is being computed, and each
 * method's stop reason once known. Written to the DOM directly (not through React) because it
 * follows the cursor at frame rate; while playing it is updated at most once a second so screen
 * readers are not flooded.
 */
import { useEffect, useRef } from 'react';
import { methodLabel } from '../experiment/codec';
import { registerDrawer } from '../state/frame-loop';
import { isCurrent, rowAt } from '../state/run-data';
import { useStore, type AppState } from '../state/store';

export function statusText(s: AppState): string {
  const { run, config } = s;
  const parts = [`Iteration ${config.it}.`];
  if (s.workerError) parts.push(`Computation unavailable: ${s.workerError}.`);
  else if (run.error) parts.push(`Computation failed: ${run.error}.`);
  else if (!isCurrent(run)) parts.push('Computing the race for the new settings…');
  else {
    const pending = run.traces.filter((t) => rowAt(t, config.it) < 0);
    if (pending.length) parts.push(`Computing iteration ${config.it} for ${pending.map((t) => methodLabel(t.method)).join(', ')}…`);
    const stopped = run.traces.filter((t) => t.stop);
    for (const t of stopped) parts.push(`${methodLabel(t.method)} stopped at iteration ${t.count - 1}: ${t.stop!.message}.`);
    const running = run.traces.filter((t) => !t.stop).map((t) => methodLabel(t.method));
    if (running.length && !pending.length) parts.push(`Still running: ${running.join(', ')}.`);
  }
  return parts.join(' ');
}

export function StatusRegion() {
  const el = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    let lastWrite = 0;
    return registerDrawer(
      'status',
      () => {
        const s = useStore.getState();
        const now = performance.now();
        if (s.view.playing && now - lastWrite < 1000) return true;
        const text = statusText(s);
        if (el.current && el.current.textContent !== text) {
          el.current.textContent = text;
          lastWrite = now;
        }
        return true;
      },
      () => {},
    );
  }, []);
  return <p ref={el} className="status" role="status" aria-live="polite" aria-atomic="true" />;
}
