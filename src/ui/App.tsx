/** The page: React owns the layout; each panel's D3 code owns its own SVG/canvas. */
import { useSyncExternalStore } from 'react';
import { Controls } from './controls/Controls';
import { Transport } from './controls/Transport';
import { HelpOverlay } from './HelpOverlay';
import { Legend } from './Legend';
import { RepairNotice, WorkerErrorNotice } from './Notices';
import { PanelBoundary } from './Panel';
import { DataPanel } from './panels/DataPanel';
import { EntropyPanel } from './panels/EntropyPanel';
import { LogLikPanel } from './panels/LogLikPanel';
import { SpectrumPanel } from './panels/SpectrumPanel';
import { TrajectoryPanel } from './panels/TrajectoryPanel';
import { ReadoutTable } from './ReadoutTable';
import { ShareBar } from './ShareBar';
import { StatusRegion } from './StatusRegion';
import { SweepSection } from './sweep/SweepSection';
import { useKeyboard } from './useKeyboard';

const narrowQuery = typeof matchMedia === 'function' ? matchMedia('(max-width: 767px)') : null;
const subscribeNarrow = (cb: () => void) => {
  narrowQuery?.addEventListener('change', cb);
  return () => narrowQuery?.removeEventListener('change', cb);
};

export function App() {
  useKeyboard();
  const narrow = useSyncExternalStore(subscribeNarrow, () => narrowQuery?.matches ?? false);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          EM Lab <span className="subtitle">why EM is sometimes fast and sometimes slow</span>
        </h1>
        <ShareBar />
      </header>
      <RepairNotice />
      <WorkerErrorNotice />
      <aside className="sidebar" aria-label="Settings">
        {/* Collapsed by default on phones so the race is visible first. */}
        <details className="settings" open={!narrow} key={narrow ? 'n' : 'w'}>
          <summary>Settings</summary>
          <Controls />
        </details>
      </aside>
      <main className="main">
        <div className="toolbar">
          <Transport />
          <Legend />
        </div>
        <StatusRegion />
        <div className="panels">
          <PanelBoundary name="Data">
            <DataPanel />
          </PanelBoundary>
          <PanelBoundary name="Log-likelihood">
            <LogLikPanel />
          </PanelBoundary>
          <PanelBoundary name="Missing-information spectrum">
            <SpectrumPanel />
          </PanelBoundary>
          <PanelBoundary name="Parameter trajectories">
            <TrajectoryPanel />
          </PanelBoundary>
          <PanelBoundary name="Entropy">
            <EntropyPanel />
          </PanelBoundary>
        </div>
        <ReadoutTable />
        <SweepSection />
        <p className="scope">
          Scope: two-component Gaussian mixtures in 1D and 2D. Every number is computed in float64 in a Web Worker (Adam’s
          updates use tfjs in float32). Views (cursor, x-axis, speed, method shown) apply instantly; settings marked ↻
          recompute the race.
        </p>
      </main>
      <HelpOverlay />
    </div>
  );
}
