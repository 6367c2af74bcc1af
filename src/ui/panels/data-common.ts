/** What the Data panel's 1D and 2D charts share: their DOM and scales, the curves they stroke, each method's θ at the cursor. */
import type { Selection } from 'd3';
import { thetaView } from '../../state/rows';
import { rowAt } from '../../state/run-data';
import type { RaceHeader, RunState } from '../../state/store';
import type { ChartFrame } from '../plot/frame';
import { strokeSeries } from '../plot/path';

export type G = Selection<SVGGElement, unknown, null, undefined>;

/** Data ↔ pixel scales of the plot area (the start handles place and move by them). */
export interface DataScales {
  x: (v: number) => number;
  y: (v: number) => number;
  ix: (p: number) => number;
  iy: (p: number) => number;
}

/** The panel's drawing surfaces, made once by the shell (data-chart.ts) and drawn into by the 1D or the 2D chart. */
export interface DataSurface {
  readonly canvas: HTMLCanvasElement;
  readonly frame: ChartFrame;
  readonly cross: G;
  /** What the canvas shows now (1D and 2D keys differ): it is repainted only when this changes. */
  canvasKey: string;
  /** Set by the chart that drew last. */
  scales: DataScales | null;
  clearHover(): void;
}

/** A curve as n points (x(i), y(i)): the 1D densities share one grid of x values (no per-point arrays). */
export interface Curve {
  key: string;
  colour: string;
  dash: readonly number[];
  width: number;
  n: number;
  x: (i: number) => number;
  y: (i: number) => number;
}

export type LineStyle = { readonly colour: string; readonly dashArray: readonly number[] };

export function pointsCurve(key: string, style: LineStyle, width: number, pts: [number, number][]): Curve {
  return { key, colour: style.colour, dash: style.dashArray, width, n: pts.length, x: (i) => pts[i][0], y: (i) => pts[i][1] };
}

export function strokeCurves(ctx: CanvasRenderingContext2D, curves: Curve[], x: (v: number) => number, y: (v: number) => number): void {
  for (const c of curves) strokeSeries(ctx, c.n, c.x, c.y, x, y, 1e9, c);
}

/** θ of each method at the cursor (its last row once stopped; nothing while pending). */
export function currentThetas(run: RunState, it: number): { method: RaceHeader['methods'][number]; theta: Float64Array }[] {
  const out = [];
  for (const t of run.traces) {
    const r = rowAt(t, it) >= 0 ? rowAt(t, it) : t.count - 1;
    if (r < 0) continue;
    out.push({ method: t.method, theta: thetaView(t, r) });
  }
  return out;
}

/** Changes whenever any method's row at the cursor changes (what the canvas shows). */
export function rowsKey(run: RunState, it: number): string {
  return run.traces.map((t) => `${rowAt(t, it)}/${t.count > it ? 1 : t.count}`).join(',');
}
