/**
 * Effective draws per pass over the data, per sampler, at the cursor: rank-normalised bulk ESS of the
 * slowest functional (split chains, Vehtari et al. 2021) divided by the passes its draws cost after
 * burn-in — the price of one effective draw, in E-steps. A log scale (they differ by decades where
 * the components overlap); DA Gibbs' AR(1) prediction (1 − λ)/(1 + λ) marked on its row.
 */
import { scaleLinear } from 'd3';
import { useRef } from 'react';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { receivedDraws, sampleCurrent, statOf, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { isNum } from '../format';
import { markBusy, Panel } from '../Panel';
import { PANEL_NAME } from '../panels/panel-table';
import { createFrame, pow10Label } from '../plot/frame';
import { themeColour } from '../theme';
import { rate } from './sampler-format';
import { SAMPLER_STYLE } from './sampler-style';
import { useSamplerChart } from './useSamplerChart';

const NAME = PANEL_NAME.ess;

export function EssPanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useSamplerChart(NAME, figure, () => {
    const frame = createFrame(body.current!, { top: 10, right: 64, bottom: 34, left: 70 });
    const bars = frame.plot.append('g').attr('class', 'ess-bars');
    const labels = frame.overlay.append('g').attr('class', 'ess-labels');
    return {
      draw() {
        const run = useSampleRun.getState();
        const { it } = useStore.getState().config;
        if (!sampleCurrent(run) || frame.width < 20) return markBusy(figure.current, true);
        const rows = run.header.samplers.map((s) => ({ s, v: statOf(run, s)?.summary.essPerPass ?? null }));
        const pred = run.header.predictedGibbs?.essPerPass ?? null;
        const logs = [...rows.map((r) => r.v), pred].filter((v): v is number => isNum(v) && v > 0).map(Math.log10);
        const lo = Math.min(-2, Math.floor(Math.min(...logs, 0) - 0.2));
        const x = scaleLinear().domain([lo, 0.5]).range([0, frame.innerW]);
        const y = scaleLinear().domain([rows.length, 0]).range([frame.innerH, 0]);
        frame.axes(x, y, { xLabel: 'effective draws per pass (log scale)', yLabel: '', xTicks: -lo, yTickValues: [], xFormat: pow10Label });
        const band = frame.innerH / Math.max(1, rows.length);
        const h = Math.min(22, band * 0.62);
        const at = (v: number | null) => (isNum(v) && v > 0 ? x(Math.max(lo, Math.log10(v))) : 0);
        bars
          .selectAll('rect')
          .data(rows, (d) => (d as (typeof rows)[number]).s)
          .join('rect')
          .attr('x', 0)
          .attr('y', (_, i) => y(i) + (band - h) / 2)
          .attr('height', h)
          .attr('width', (r) => at(r.v))
          .attr('fill', (r) => SAMPLER_STYLE[r.s].colour)
          .attr('data-sampler', (r) => r.s)
          .attr('data-ess-per-pass', (r) => (isNum(r.v) ? String(r.v) : ''));
        const gibbs = rows.findIndex((r) => r.s === 'gibbs');
        bars
          .selectAll('line.prediction')
          .data(gibbs >= 0 && isNum(pred) && pred > 0 ? [pred] : [])
          .join('line')
          .attr('class', 'prediction')
          .attr('x1', (p) => at(p))
          .attr('x2', (p) => at(p))
          .attr('y1', y(gibbs) + 2)
          .attr('y2', y(gibbs) + band - 2)
          .attr('stroke', themeColour('--fg'))
          .attr('stroke-width', 2)
          .attr('stroke-dasharray', '3 2');
        labels
          .selectAll('text.name')
          .data(rows, (d) => (d as (typeof rows)[number]).s)
          .join('text')
          .attr('class', 'name')
          .attr('x', -6)
          .attr('y', (_, i) => y(i) + band / 2 + 4)
          .attr('text-anchor', 'end')
          .text((r) => SAMPLER_LABELS[r.s]);
        labels
          .selectAll('text.value')
          .data(rows, (d) => (d as (typeof rows)[number]).s)
          .join('text')
          .attr('class', 'value')
          .attr('x', (r) => at(r.v) + 4)
          .attr('y', (_, i) => y(i) + band / 2 + 4)
          .text((r) => rate(r.v));
        const fresh = run.summary !== null && run.summary.at === Math.min(it, receivedDraws(run));
        return markBusy(figure.current, !fresh);
      },
      dispose: frame.dispose,
    };
  });
  return (
    <Panel ref={figure} name={NAME} className="panel-ess" caption={<Caption />}>
      <div ref={body} className="panel-body" />
    </Panel>
  );
}

function Caption() {
  const pred = useSampleRun((s) => s.header?.predictedGibbs?.essPerPass ?? null);
  return (
    <>
      Bulk ESS of wᵀφ (rank-normalised, split chains, four per sampler) per pass over the data after burn-in, over the draws up to the
      cursor. One pass = one E-step’s work: a Gibbs sweep, an RWM or MALA step, one leapfrog step of HMC or NUTS. Dashed on DA Gibbs’ row:
      its AR(1) prediction (1 − λ)/(1 + λ) = {rate(pred)}.
    </>
  );
}
