/**
 * A panel: a <figure> named for assistive technology (the tests find panels by these names),
 * an error boundary so one failing panel never takes the page down, and the hook that hands
 * the panel's DOM to its D3 chart and registers the chart's draw with the frame loop.
 */
import { Component, forwardRef, useEffect, useState, type ReactNode, type RefObject } from 'react';
import { invalidationCount } from '../state/frame-loop';
import { isCurrent, rowAt } from '../state/run-data';
import { useStore, type AppState, type RunState } from '../state/store';
import { shownRows } from './panels/series-data';
import { setBusy } from './busy';
import { registerDrawer, type DrawFn, type DrawResult } from '../state/frame-loop';
import { ExportMenu } from './export/ExportMenu';

interface BoundaryProps {
  name: string;
  children: ReactNode;
}

/** Wrap each panel component in one (outside it: the panel's own render may throw). */
export class PanelBoundary extends Component<BoundaryProps, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  componentDidCatch(error: unknown) {
    console.error(`panel "${this.props.name}" failed`, error);
  }
  render() {
    if (this.state.error === null) return this.props.children;
    const msg = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
    return (
      <figure className="panel panel-failed" aria-label={this.props.name} aria-busy="false">
        <h2>{this.props.name}</h2>
        <p role="alert">This panel failed to draw: {msg}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </figure>
    );
  }
}

interface PanelProps {
  name: string;
  caption: ReactNode;
  className?: string;
  /** Controls shown in the panel's header (toggles, selects). */
  tools?: ReactNode;
  children: ReactNode;
}

export const Panel = forwardRef<HTMLElement, PanelProps>(function Panel({ name, caption, className, tools, children }, ref) {
  return (
    <figure ref={ref} className={`panel ${className ?? ''}`} aria-label={name} aria-busy="true">
      <div className="panel-head">
        <h2>{name}</h2>
        <div className="panel-tools">
          {tools}
          <ExportMenu name={name} />
        </div>
      </div>
      {children}
      <figcaption>{caption}</figcaption>
    </figure>
  );
});

export interface PanelChart {
  draw: DrawFn;
  dispose(): void;
  /** What else the drawing depends on beyond `drawKey` (the panel redraws when it changes). */
  key?(): string;
}

/**
 * Everything the panels draw from: settings and view (by identity: they are replaced on change),
 * the rows shown at the cursor per method (and whether it is pending, its spectra), contours, the
 * λ curve, and any size/hover/drag invalidation.
 */
let keyConfig: unknown = null;
let keyView: unknown = null;
const keyIds = [0, 0];
const idOf = (slot: 0 | 1, o: unknown, prev: unknown): number => (o === prev ? keyIds[slot] : ++keyIds[slot]);
function drawKey(run: RunState, config: AppState['config'], view: AppState['view']): string {
  const c = idOf(0, config, keyConfig);
  keyConfig = config;
  const v = idOf(1, view, keyView);
  keyView = view;
  let k = `${c}:${v}:${invalidationCount()}:${run.epoch}:${run.header?.epoch}:${run.contoursEpoch}:${run.contours?.nx}:${run.lambdaCurveEpoch}:${run.lambdaCurve.length}:${run.error}`;
  for (const t of run.traces)
    k += `|${shownRows(t, config.it)}${rowAt(t, config.it) < 0 ? 'p' : ''}:${Math.min(t.eigenCount, shownRows(t, config.it))}`;
  return k;
}

/**
 * Creates the panel's chart once its DOM exists and registers its draw. Errors thrown while
 * drawing (inside requestAnimationFrame, where React cannot see them) are re-thrown during
 * render so the panel's error boundary shows them.
 */
export function usePanelChart(name: string, figure: RefObject<HTMLElement | null>, create: () => PanelChart): void {
  const [error, setError] = useState<unknown>(null);
  if (error !== null) throw error;
  useEffect(() => {
    const chart = create();
    // While the worker builds new settings, the panel keeps showing the last results it drew
    // (aria-busy): redrawing them on every slider input would only delay the new results.
    let drawnHeader: unknown = null;
    // A redraw when nothing the panel shows changed (rows computed beyond the cursor, another
    // method stopping further on) is skipped: each one costs a full layout and paint.
    let lastKey = '';
    let lastResult: DrawResult = false;
    const draw = (): DrawResult => {
      const { run, config, view } = useStore.getState();
      if (run.header !== null && drawnHeader === run.header && !isCurrent(run)) {
        lastKey = '';
        return markBusy(figure.current, true);
      }
      const key = drawKey(run, config, view) + (chart.key?.() ?? '');
      if (key === lastKey && drawnHeader === run.header) return lastResult;
      drawnHeader = run.header;
      lastResult = chart.draw();
      lastKey = key;
      return lastResult;
    };
    const unregister = registerDrawer(name, draw, (e) => setError(e ?? new Error('unknown error')));
    return () => {
      unregister();
      chart.dispose();
    };
    // The chart reads everything else from the store at draw time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
}

/**
 * Sets aria-busy on a panel's figure and returns what it drew for the frame loop. `onlyDeferred`:
 * the panel is busy only because deferred lanes (Adam) are still computing (it stays aria-busy).
 */
export function markBusy(figure: HTMLElement | null, busy: boolean, onlyDeferred = false): DrawResult {
  if (figure) setBusy(figure, busy);
  return busy ? (onlyDeferred ? 'deferred' : false) : true;
}
