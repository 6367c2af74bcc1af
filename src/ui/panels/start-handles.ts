/**
 * The Data panel's start handles ① ②: the start means, draggable (large invisible hit circles) and
 * keyboard-operable sliders; moving one sets an explicit start, which restarts the race from it.
 */
import { drag, select } from 'd3';
import { setStartMeans } from '../../state/actions';
import { invalidate } from '../../state/frame-loop';
import { useStore, type RaceHeader } from '../../state/store';
import { fixed } from '../format';
import type { DataSurface, G } from './data-common';

const HIT_RADIUS = 22;

/** The start θ the handles show: the dragged/explicit start, else the seeded start. */
function startTheta(h: RaceHeader): Float64Array {
  const { start, dim } = useStore.getState().config;
  return start && start.length === (dim === 1 ? 5 : 11) ? Float64Array.from(start) : Float64Array.from(h.init);
}

/** Draws the handles in `handlesG` (the last child of the panel's <svg>) at the start means, by the surface's scales. */
export function createStartHandles(s: DataSurface, handlesG: G) {
  const { frame } = s;

  function draw(h: RaceHeader): void {
    if (!s.scales) return;
    const sc = s.scales;
    const start = startTheta(h);
    const dim = h.dim;
    const pos = (k: 0 | 1): [number, number] =>
      dim === 1 ? [sc.x(start[1 + k]), frame.innerH - 12] : [sc.x(start[1 + 2 * k]), sc.y(start[2 + 2 * k])];
    handlesG.attr('transform', `translate(${frame.margin.left},${frame.margin.top})`);
    const g = handlesG
      .selectAll<SVGGElement, 0 | 1>('g.handle')
      .data([0, 1] as (0 | 1)[])
      .join((enter) => {
        const e = enter
          .append('g')
          .attr('class', 'handle')
          .attr('tabindex', 0)
          .attr('role', 'slider')
          .attr('aria-label', (k) => `start mean of component ${k + 1}`);
        e.append('circle').attr('class', 'hit').attr('r', HIT_RADIUS);
        e.append('circle').attr('class', 'knob').attr('r', 7);
        e.append('text')
          .attr('class', 'knob-label')
          .attr('text-anchor', 'middle')
          .attr('dy', '0.35em')
          .text((k) => String(k + 1));
        e.call(
          drag<SVGGElement, 0 | 1>()
            .subject((ev) => ({ x: ev.x, y: ev.y }))
            .on('start', function () {
              select(this).classed('dragging', true);
            })
            .on('drag', (ev, k) => moveStart(k, ev.x, ev.y, 'drag'))
            .on('end', function (ev, k) {
              select(this).classed('dragging', false);
              moveStart(k, ev.x, ev.y, 'release');
            }),
        );
        e.on('keydown', (ev: KeyboardEvent, k) => {
          const step = ev.shiftKey ? 0.5 : 0.1;
          const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[ev.key];
          if (!d) return;
          ev.preventDefault();
          ev.stopPropagation();
          const cur = startTheta(useStore.getState().run.header!);
          const t = Float64Array.from(cur);
          if (dim === 1) t[1 + k] += d[0] || d[1];
          else {
            t[1 + 2 * k] += d[0];
            t[2 + 2 * k] += d[1];
          }
          setStartMeans(t, 'release');
        });
        return e;
      });
    g.attr('transform', (k) => `translate(${pos(k)[0]},${pos(k)[1]})`)
      .attr('aria-valuetext', (k) =>
        dim === 1 ? `μ${k + 1} = ${fixed(start[1 + k], 2)}` : `μ${k + 1} = (${fixed(start[1 + 2 * k], 2)}, ${fixed(start[2 + 2 * k], 2)})`,
      )
      .attr('aria-valuenow', (k) => +fixed(start[dim === 1 ? 1 + k : 1 + 2 * k], 3));
  }

  function moveStart(k: 0 | 1, px: number, py: number, commit: 'drag' | 'release'): void {
    const h = useStore.getState().run.header;
    if (!h || !s.scales) return;
    const t = startTheta(h);
    const cx = Math.max(0, Math.min(frame.innerW, px));
    if (h.dim === 1) t[1 + k] = s.scales.ix(cx);
    else {
      t[1 + 2 * k] = s.scales.ix(cx);
      t[2 + 2 * k] = s.scales.iy(Math.max(0, Math.min(frame.innerH, py)));
    }
    setStartMeans(t, commit);
    invalidate();
  }

  return { draw };
}
