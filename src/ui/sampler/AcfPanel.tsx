/**
 * Autocorrelation of the slowest functional wᵀφ (relabelled), per sampler, over the draws up to the
 * cursor (multi-chain, by FFT: engine/mcmc/ess.ts), with DA Gibbs' prediction λ_max^k drawn beside
 * its own: near a Gaussian posterior its θ-chain is an autoregression whose matrix is DM_B.
 */
import { useRef } from 'react';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { sampleCurrent, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { fixed } from '../format';
import { markBusy, Panel } from '../Panel';
import { PANEL_NAME } from '../panels/panel-table';
import { createSeriesChart, type Series } from '../plot/series-chart';
import { themeColour } from '../theme';
import { corr } from './sampler-format';
import { SAMPLER_STYLE } from './sampler-style';
import { useSamplerChart } from './useSamplerChart';

const NAME = PANEL_NAME.acf;
const LAGS = 40;

export function AcfPanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useSamplerChart(NAME, figure, () => {
    const chart = createSeriesChart(body.current!, { top: 16, right: 12, bottom: 34, left: 44 });
    return {
      draw() {
        const run = useSampleRun.getState();
        const { it } = useStore.getState().config;
        if (!sampleCurrent(run)) return markBusy(figure.current, true);
        const stats = run.summary?.stats ?? [];
        const series: Series[] = [];
        const lam = run.header.predictedGibbs?.lag1 ?? null;
        if (lam !== null && run.header.samplers.includes('gibbs'))
          series.push({
            key: 'predicted',
            label: `λ_max^k (λ_max = ${fixed(lam, 3)})`,
            colour: themeColour('--ink-soft'),
            dash: '5 4',
            width: 2.2,
            n: LAGS + 1,
            x: (k) => k,
            y: (k) => lam ** k,
          });
        for (const s of stats) {
          const acf = s.acf;
          if (!acf) continue;
          const st = SAMPLER_STYLE[s.sampler];
          series.push({
            key: s.sampler,
            label: SAMPLER_LABELS[s.sampler],
            colour: st.colour,
            dash: st.dash,
            n: acf.length,
            x: (k) => k,
            y: (k) => acf[k],
            head: false,
          });
        }
        chart.draw({
          series,
          xDomain: [0, LAGS],
          yDomain: [-0.25, 1],
          xLabel: 'lag k',
          yLabel: 'autocorrelation of wᵀφ',
          xTicks: 5,
          yTicks: 5,
          refLines: [{ y: 0, label: '', dash: '1 0', colour: themeColour('--axis-line') }],
          hoverX: (v) => `lag ${Math.round(v)}`,
          hoverY: (v) => corr(v),
        });
        const fresh =
          run.summary !== null && run.summary.at === Math.min(it, run.traces.length ? Math.min(...run.traces.map((t) => t.count)) : 0);
        return markBusy(figure.current, !fresh);
      },
      dispose: chart.dispose,
    };
  });
  return (
    <Panel ref={figure} name={NAME} className="panel-acf" caption={<Caption />}>
      <div ref={body} className="panel-body" />
    </Panel>
  );
}

function Caption() {
  const lam = useSampleRun((s) => s.header?.lambdaMax ?? null);
  const mle = useSampleRun((s) => s.header?.lambdaMle ?? null);
  const relabel = useSampleRun((s) => s.header?.relabel ?? null);
  return (
    <>
      The multi-chain autocorrelation ρ̂_k of wᵀφ over each sampler’s draws up to the cursor (FFT, the Stan/ArviZ estimator), computed on{' '}
      {relabel === 'none' ? 'the draws as they are (no relabelling: the swap is no symmetry here)' : 'the relabelled chain'}. Dashed: DA
      Gibbs’ prediction λ_max^k, with λ_max = {corr(lam)} of the Bayesian DM at the mode{mle !== null ? ` (${corr(mle)} at the MLE)` : ''}.
    </>
  );
}
