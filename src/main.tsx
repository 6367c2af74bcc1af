/**
 * Entry: read the URL into the store (the URL wins over anything stored locally), connect the
 * store to the worker and the frame loop, then render. Autoplay only for a bare visit (a shared
 * link opens paused at its iteration) and never under prefers-reduced-motion.
 */
import 'katex/dist/katex.min.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pause, play } from './state/actions';
import { initClassroomSync } from './state/classroom-sync';
import { initFrameLoop, invalidate } from './state/frame-loop';
import { initLocalSteps } from './state/local-steps';
import { initRaceSync } from './state/race-sync';
import { useStore } from './state/store';
import { historyWrites, initUrlSync } from './state/url-sync';
import { App } from './ui/App';
import { initTheme, subscribeTheme } from './ui/theme';
import { maybeStartTour } from './ui/Tour';
import './ui/styles.css';

// URL fragments register before the URL is read.
initClassroomSync();
const { hadQuery } = initUrlSync();
// Read-only handle for the browser benchmark and for debugging from the console.
Object.assign(window, { __emLab: { getState: useStore.getState, historyWrites } });
initRaceSync();
initFrameLoop();
// Canvases cannot restyle themselves: every panel redraws on a theme change.
subscribeTheme(invalidate);
initTheme();
maybeStartTour();
initLocalSteps();

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
if (!hadQuery && !reducedMotion.matches) play();
reducedMotion.addEventListener('change', () => {
  if (reducedMotion.matches) pause();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
