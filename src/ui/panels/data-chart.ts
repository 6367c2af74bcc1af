/**
 * The Data panel's chart: one canvas, one SVG frame and the start handles, drawn by the 1D chart
 * (data-1d.ts) or the 2D chart (data-2d.ts) as the race's dimension says. Both share the surface,
 * so switching dimension keeps the panel's DOM.
 */
import type { RefObject } from 'react';
import type { DrawResult } from '../../state/frame-loop';
import { pendingKind } from '../../state/run-data';
import { useStore } from '../../state/store';
import { markBusy } from '../Panel';
import { createFrame } from '../plot/frame';
import { createData1D } from './data-1d';
import { createData2D } from './data-2d';
import type { DataSurface, G } from './data-common';
import { createStartHandles } from './start-handles';

export function createDataChart(figure: RefObject<HTMLElement | null>, host: HTMLElement) {
  const canvas = document.createElement('canvas');
  canvas.className = 'points-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  host.appendChild(canvas);
  const frame = createFrame(host, { top: 20, right: 12, bottom: 34, left: 46 }, false);
  const cross = frame.overlay.append('g').attr('class', 'crosshair');
  // Last child of the <svg>: above the hover layer (handles get the pointer first) and outside the
  // aria-hidden drawing (they are keyboard-operable sliders).
  const handlesG: G = frame.svg.append('g').attr('class', 'handles').attr('aria-label', 'Start means');
  frame.svg.attr('aria-label', 'Start handles');
  const surface: DataSurface = {
    canvas,
    frame,
    cross,
    canvasKey: '',
    scales: null,
    clearHover() {
      cross.selectAll('*').remove();
      frame.hideTooltip();
    },
  };
  const chart1D = createData1D(surface);
  const chart2D = createData2D(surface);
  const handles = createStartHandles(surface, handlesG);

  function draw(): DrawResult {
    const { run, config, view } = useStore.getState();
    const pending = pendingKind(run, config.it);
    const h = run.header;
    if (h && frame.width > 20) {
      (h.dim === 1 ? chart1D : chart2D).draw(run, h, config.it, view.focus);
      handles.draw(h);
    }
    return markBusy(figure.current, pending !== 'none', pending === 'deferred');
  }

  return {
    draw,
    dispose() {
      frame.dispose();
      canvas.remove();
    },
  };
}
