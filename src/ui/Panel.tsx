/**
 * A panel: a <figure> named for assistive technology (the tests find panels by these names),
 * an error boundary so one failing panel never takes the page down, and the hook that hands
 * the panel's DOM to its D3 chart and registers the chart's draw with the frame loop.
 */
import { Component, forwardRef, useEffect, useState, type ReactNode } from 'react';
import { registerDrawer, type DrawFn } from '../state/frame-loop';

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

export const Panel = forwardRef<HTMLElement, PanelProps>(function Panel(
  { name, caption, className, tools, children },
  ref,
) {
  return (
    <figure ref={ref} className={`panel ${className ?? ''}`} aria-label={name} aria-busy="true">
      <div className="panel-head">
        <h2>{name}</h2>
        {tools}
      </div>
      {children}
      <figcaption>{caption}</figcaption>
    </figure>
  );
});


export interface PanelChart {
  draw: DrawFn;
  dispose(): void;
}

/**
 * Creates the panel's chart once its DOM exists and registers its draw. Errors thrown while
 * drawing (inside requestAnimationFrame, where React cannot see them) are re-thrown during
 * render so the panel's error boundary shows them.
 */
export function usePanelChart(name: string, create: () => PanelChart): void {
  const [error, setError] = useState<unknown>(null);
  if (error !== null) throw error;
  useEffect(() => {
    const chart = create();
    const unregister = registerDrawer(name, chart.draw, (e) => setError(e ?? new Error('unknown error')));
    return () => {
      unregister();
      chart.dispose();
    };
    // The chart reads everything else from the store at draw time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
}

/** Sets aria-busy on a panel's figure and returns "complete" for the frame loop. */
export function markBusy(figure: HTMLElement | null, busy: boolean): boolean {
  if (figure) {
    const v = busy ? 'true' : 'false';
    if (figure.getAttribute('aria-busy') !== v) figure.setAttribute('aria-busy', v);
  }
  return !busy;
}
