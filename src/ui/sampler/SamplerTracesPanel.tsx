/**
 * Traces of the slowest linear functional wᵀφ — θ in free coordinates projected on the top left
 * eigenvector of the Bayesian DM at the mode, the direction DA Gibbs is slowest in — one small
 * multiple per sampler, its four chains (the first solid), in the mode's labelling (the series the
 * autocorrelations and ESS are computed on), against the draw up to the cursor.
 */
import { scaleLinear } from 'd3';
import { useRef } from 'react';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { fnValue, sampleCurrent, shownDraws, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { sig } from '../format';
import { markBusy, Panel } from '../Panel';
import { PANEL_NAME } from '../panels/panel-table';
import { createSeriesChart, type SeriesChart } from '../plot/series-chart';
import { themeColour } from '../theme';
import { SAMPLER_STYLE } from './sampler-style';
import { useSamplerChart } from './useSamplerChart';

const NAME = PANEL_NAME.samplerTraces;

export function SamplerTracesPanel() {
  const figure = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  useSamplerChart(NAME, figure, () => {
    let charts: SeriesChart[] = [];
    let layout = '';
    return {
      draw() {
        const run = useSampleRun.getState();
        const { it } = useStore.getState().config;
        if (!sampleCurrent(run)) return markBusy(figure.current, true);
        const ids = run.traces.map((t) => t.sampler).join();
        if (ids !== layout) {
          charts.forEach((c) => c.dispose());
          host.current!.replaceChildren();
          charts = run.traces.map(() => {
            const cell = document.createElement('div');
            cell.className = 'multiple';
            host.current!.appendChild(cell);
            return createSeriesChart(cell, { top: 16, right: 8, bottom: 18, left: 46 });
          });
          layout = ids;
        }
        const n = shownDraws(run, it);
        let lo = run.header.modeValue;
        let hi = lo;
        for (const t of run.traces)
          for (let c = 0; c < t.chains.length; c++)
            for (let i = 0; i < n; i++) {
              const v = fnValue(t, c, i);
              if (v < lo) lo = v;
              if (v > hi) hi = v;
            }
        const pad = Math.max(1e-6, 0.08 * (hi - lo));
        // One y scale for every sampler: their spreads compare at a glance.
        const yDomain = scaleLinear()
          .domain([lo - pad, hi + pad])
          .nice(4)
          .domain() as [number, number];
        const xDomain: [number, number] = [0, Math.max(20, n)];
        run.traces.forEach((t, k) => {
          const st = SAMPLER_STYLE[t.sampler];
          charts[k].draw({
            series: t.chains.map((_, c) => ({
              key: `${t.sampler}-${c}`,
              label: `chain ${c + 1}`,
              colour: st.colour,
              dash: '',
              width: c === 0 ? 1.3 : 0.9,
              alpha: c === 0 ? 1 : 0.28,
              n,
              x: (i: number) => i + 1,
              y: (i: number) => fnValue(t, c, i),
              head: c === 0,
            })),
            xDomain,
            yDomain,
            cursorX: null,
            xLabel: '',
            yLabel: SAMPLER_LABELS[t.sampler],
            xTicks: 3,
            yTicks: 2,
            yFormat: (v) => sig(v, 3),
            refLines: [{ y: run.header.modeValue, label: '', dash: '2 3', colour: themeColour('--ref-line') }],
            hoverY: (v) => sig(v, 5),
            hoverX: (v) => `draw ${Math.round(v)}`,
          });
        });
        return markBusy(figure.current, n < Math.min(it, run.header.draws));
      },
      dispose() {
        charts.forEach((c) => c.dispose());
      },
    };
  });
  return (
    <Panel ref={figure} name={NAME} className="panel-sampler-traces" caption={<Caption />}>
      <div ref={host} className="panel-body sampler-multiples" aria-label="The slowest functional against the draw, per sampler" />
    </Panel>
  );
}

function Caption() {
  const relabel = useSampleRun((s) => s.header?.relabel ?? null);
  const means = useSampleRun((s) => s.header?.restriction === 'means');
  const coords = means ? 'the two means' : 'the parameters in free coordinates (logit π, means, log-variances)';
  const rule = relabel === 'none' ? 'as drawn (the swap is no symmetry here)' : 'in the mode’s labelling';
  return (
    <>
      wᵀφ: {coords} projected on DM’s top left eigenvector at the mode, the direction EM and DA Gibbs are slowest in; {rule}. Four chains
      each, the first solid; dotted: the mode. One scale for all.
    </>
  );
}
