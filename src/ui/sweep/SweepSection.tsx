/**
 * The "Sweeps" section below the race: the convergence-vs-separation experiment done properly
 * (many replicate data sets per separation, E-steps to a fixed gap, censored at a cap) and the
 * λ_max rate map, both computed on a pool of workers with results streaming in. Collapsed unless
 * the link has sweep keys; its contents (and their code) load when it is first opened.
 */
import { lazy, Suspense } from 'react';
import { setSweepOpen, useSweepStore } from '../../state/sweep-store';
import './sweep.css';

const SweepBody = lazy(() => import('./SweepBody'));

export function SweepSection() {
  const open = useSweepStore((s) => s.open);
  return (
    <section className="sweeps" aria-labelledby="sweeps-title">
      <details open={open} onToggle={(e) => setSweepOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="sweeps-title">Sweeps</h2>
          <span className="sweeps-summary-hint">
            How many E-steps each method needs across separations and replicate data sets, and where EM is slow (λ_max)
          </span>
        </summary>
        {open && (
          <Suspense fallback={<p className="hint">Loading the sweep tools…</p>}>
            <SweepBody />
          </Suspense>
        )}
      </details>
    </section>
  );
}
