/**
 * The page: React owns the layout; each panel's D3 code owns its own SVG/canvas. The main column is
 * an article — short sections of prose, each beside the live panel that shows its claim — or, with
 * the text hidden, the dense grid of the same panels (article/ArticleSection.tsx). The panels and
 * their sections come from the panel registry (panels/registry.ts).
 */
import { useSyncExternalStore } from 'react';
import { useArticlePrefs } from '../state/article-prefs';
import { BeyondSection } from './article/BeyondSection';
import { Lede } from './article/Lede';
import { StickyBar } from './article/StickyBar';
import { TextToggle } from './article/TextToggle';
import { Controls } from './controls/Controls';
import { Transport } from './controls/Transport';
import { HelpOverlay } from './HelpOverlay';
import { Legend } from './Legend';
import { useGroup } from './controls/Group';
import { RepairNotice, Toast, WorkerErrorNotice } from './Notices';
import { PanelBoundary } from './Panel';
import { PANEL_REGISTRY } from './panels/registry';
import { ReadoutTable } from './ReadoutTable';
import { ShareBar } from './ShareBar';
import { StatusRegion } from './StatusRegion';
import { ThemeToggle } from './ThemeToggle';
import { Tour } from './Tour';
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
  const settingsHidden = useGroup('settings').hidden;
  const showText = useArticlePrefs((s) => s.showText);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          EM Lab <span className="subtitle">why EM is sometimes fast and sometimes slow</span>
        </h1>
        <TextToggle />
        <ShareBar />
        <ThemeToggle />
      </header>
      <RepairNotice />
      <WorkerErrorNotice />
      <Toast />
      <aside className="sidebar" aria-label="Settings" hidden={settingsHidden}>
        {/* Collapsed by default on phones so the race is visible first. */}
        <details className="settings" open={!narrow} key={narrow ? 'n' : 'w'}>
          <summary>Settings</summary>
          <Controls />
        </details>
      </aside>
      <main className="main">
        <StickyBar>
          <div className="toolbar">
            <Transport />
            <Legend />
          </div>
          <StatusRegion />
        </StickyBar>
        <div className={showText ? 'article' : 'panels'}>
          <Lede />
          {PANEL_REGISTRY.map(({ id, name, order, Component, section: Section }) => (
            <Section key={id} order={order}>
              <PanelBoundary name={name}>
                <Component />
              </PanelBoundary>
            </Section>
          ))}
          <BeyondSection />
        </div>
        <ReadoutTable />
        <SweepSection />
        <p className="scope">
          Scope: two-component Gaussian mixtures in 1D and 2D. Every number is computed in float64 in a Web Worker (Adam’s updates use tfjs
          in float32). Views (cursor, x-axis, speed, method shown) apply instantly; settings marked ↻ recompute the race.
        </p>
      </main>
      <HelpOverlay />
      <Tour />
    </div>
  );
}
