/**
 * The Sampler mode's counterpart of usePanelChart (Panel.tsx): creates a panel's chart once its DOM
 * exists and registers its draw with the page's frame loop. A draw is skipped when nothing it shows
 * changed: the sampler run (by version), the cursor, the settings, or a size/hover invalidation.
 * Errors thrown while drawing are re-thrown during render, for the panel's error boundary.
 */
import { useEffect, useState, type RefObject } from 'react';
import { invalidationCount, registerDrawer, type DrawResult } from '../../state/frame-loop';
import { useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import type { PanelChart } from '../Panel';

export function useSamplerChart(name: string, figure: RefObject<HTMLElement | null>, create: () => PanelChart): void {
  const [error, setError] = useState<unknown>(null);
  if (error !== null) throw error;
  useEffect(() => {
    const chart = create();
    let lastKey = '';
    let lastResult: DrawResult = false;
    const draw = (): DrawResult => {
      const { config } = useStore.getState();
      const run = useSampleRun.getState();
      const key = `${run.version}:${config.it}:${invalidationCount()}:${chart.key?.() ?? ''}`;
      if (key === lastKey) return lastResult;
      lastKey = key;
      lastResult = chart.draw();
      return lastResult;
    };
    const unregister = registerDrawer(name, draw, (e) => setError(e ?? new Error('unknown error')));
    void figure;
    return () => {
      unregister();
      chart.dispose();
    };
    // The chart reads everything else from the stores at draw time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
}
