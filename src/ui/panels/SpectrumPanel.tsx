/**
 * Missing-information spectrum: the eigenvalues of DM = I_oc⁻¹ I_m at the focus method's θ_k over
 * the iterations, the spectrum at θ* as reference lines, EM's predicted rates (λ_max, λ_max²)
 * beside the ratios observed in EM's own trace, and λ_max at θ* against separation.
 */
import { useRef } from 'react';
import { itersPerDecade } from '../../engine/rates';
import { methodLabel } from '../../experiment/codec';
import { setView } from '../../state/actions';
import { curveReady, emObservedRates, nonZeroEigenCount, pendingKind, traceOf, type ObservedRates } from '../../state/run-data';
import { eigenColumn } from '../../state/rows';
import { useStore, type RunState } from '../../state/store';
import { SEP_SLIDER } from '../../experiment/sep-slider';
import { fixed, sig } from '../format';
import { METHOD_STYLE } from '../palette';
import { setText } from '../set-text';
import { Panel, markBusy, usePanelChart } from '../Panel';
import { PANEL_NAME } from './panel-table';
import { createSeriesChart, type Series } from '../plot/series-chart';
import { Tex } from '../Tex';
import { shownRows, xExtent } from './series-data';
import { themeColour } from '../theme';

const EIGEN_DASH = ['', '6 3', '2 2', '8 3 2 3', '1 3', '12 3'];
const EIGEN_OPACITY = [1, 0.8, 0.65, 0.55, 0.5, 0.45];

export { itersPerDecade };

export function SpectrumPanel() {
  const figure = useRef<HTMLElement>(null);
  const mainBody = useRef<HTMLDivElement>(null);
  const curveBody = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLDListElement>(null);
  usePanelChart(PANEL_NAME.spectrum, figure, () => {
    const main = createSeriesChart(mainBody.current!, { left: 40 });
    const curve = createSeriesChart(curveBody.current!, { left: 40, top: 20, bottom: 30 });
    return {
      draw() {
        const { run, config, view } = useStore.getState();
        const pending = pendingKind(run, config.it);
        const h = run.header;
        const focus = traceOf(run, view.focus) ?? run.traces[0];
        // The focus method's spectra arrive after its rows (computed for that method only).
        const spectraMissing = focus !== undefined && focus.eigenCount < shownRows(focus, config.it);
        const other = !curveReady(run) || spectraMissing;
        if (h) {
          const k = nonZeroEigenCount(h.p);
          const series: Series[] = [];
          if (focus) {
            const n = Math.min(shownRows(focus, config.it), focus.eigenCount);
            const colour = METHOD_STYLE[focus.method].colour;
            for (let j = 0; j < k; j++) {
              const ev = eigenColumn(j);
              series.push({
                key: `ev${j}`,
                label: `λ${sub(j + 1)}`,
                colour,
                dash: EIGEN_DASH[j % EIGEN_DASH.length],
                width: j === 0 ? 2 : 1.3,
                alpha: EIGEN_OPACITY[j] ?? 0.4,
                n,
                x: (i) => i,
                y: (i) => ev(focus, i),
                head: j === 0,
              });
            }
          }
          let yMax = 1;
          for (const s of series) for (let i = 0; i < s.n; i++) if (s.y(i) > yMax) yMax = Math.min(1.5, s.y(i));
          main.draw({
            series,
            xDomain: xExtent(series, 10),
            yDomain: [0, yMax + 0.02],
            cursorX: config.it,
            xLabel: 'iteration',
            yLabel: `eigenvalues of DM at θ_k (${focus ? methodLabel(focus.method) : '—'})`,
            refLines: Array.from(h.optimum.eigenvalues.subarray(0, k)).map((v) => ({
              y: v,
              label: '',
              colour: themeColour('--axis-text'),
              dash: '3 3',
            })),
            hoverY: (v) => fixed(v, 5),
          });

          const pts = run.lambdaCurve;
          curve.draw({
            series: [
              {
                key: 'curve',
                label: 'λ_max(θ*)',
                colour: themeColour('--fg'),
                dash: '',
                n: pts.length,
                x: (i) => pts[i].sep,
                y: (i) => pts[i].lambdaMax,
              },
            ],
            xDomain: [SEP_SLIDER.min, SEP_SLIDER.max],
            yDomain: [0, 1],
            cursorX: config.sep,
            xLabel: 'separation (σ)',
            yLabel: 'λ_max at θ*',
            yTicks: 2,
            xTicks: 4,
            markers: [{ x: config.sep, y: h.optimum.eigenvalues[0], colour: METHOD_STYLE.em.colour, title: 'current experiment' }],
            hoverY: (v) => fixed(v, 4),
            hoverX: (x) => `separation ${fixed(x, 2)} σ`,
          });
          curveBody.current!.dataset.state = curveReady(run) ? 'ready' : 'computing';

          // Observed ratios come from EM's whole computed trace (memoised; the article binds the same).
          writeReadout(readout.current, run, emObservedRates(run));
        }
        return markBusy(figure.current, pending !== 'none' || other, pending === 'deferred' && !other);
      },
      dispose() {
        main.dispose();
        curve.dispose();
      },
      // The observed rates come from EM's whole computed trace, not only the rows up to the cursor.
      key: () => String(traceOf(useStore.getState().run, 'em')?.count ?? -1),
    };
  });
  return (
    <Panel ref={figure} name={PANEL_NAME.spectrum} className="panel-spectrum" caption={<SpectrumCaption />} tools={<FocusSelect />}>
      <div ref={mainBody} className="panel-body" />
      <div className="spectrum-foot">
        <dl ref={readout} className="rates" aria-label="Predicted and observed rates">
          <dt>λ_max(θ*)</dt>
          <dd data-k="lam">—</dd>
          <dt>‖e‖ ratio</dt>
          <dd data-k="param">—</dd>
          <dt>λ_max²</dt>
          <dd data-k="lam2">—</dd>
          <dt>gap ratio</dt>
          <dd data-k="gap">—</dd>
          <dt>observed</dt>
          <dd data-k="window">—</dd>
        </dl>
        <div ref={curveBody} className="panel-body curve-body" data-state="computing" />
      </div>
    </Panel>
  );
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
const sub = (k: number): string => String(k).replace(/\d/g, (d) => SUBS[+d]);

function writeReadout(dl: HTMLDListElement | null, run: RunState, rates: ObservedRates | null): void {
  if (!dl || !run.header) return;
  const lam = run.header.optimum.eigenvalues[0];
  const set = (k: string, text: string, title = '') => {
    const el = dl.querySelector<HTMLElement>(`[data-k="${k}"]`);
    if (!el) return;
    setText(el, text);
    if (el.title !== title) el.title = title; // as setText: no DOM write when nothing changed
  };
  set('lam', fixed(lam, 6), 'predicted ‖e_{k+1}‖/‖e_k‖ for EM');
  set('lam2', fixed(lam * lam, 6), 'predicted gap_{k+1}/gap_k for EM');
  const w = (win: [number, number] | null | undefined) =>
    win ? `EM iterations ${win[0]}–${win[1]}` : 'not enough asymptotic EM iterations yet';
  set('param', rates ? fixed(rates.paramRatio, 6) : '—', `observed median, ${w(rates?.paramWindow)}`);
  set('gap', rates ? fixed(rates.gapRatio, 6) : '—', `observed median, ${w(rates?.gapWindow)}`);
  const win = rates?.paramWindow ?? rates?.gapWindow;
  set(
    'window',
    win ? `its ${win[0]}–${win[1]}` : rates ? 'not yet' : 'needs EM',
    win ? 'EM iterations the observed medians come from' : 'EM has not reached its asymptotic range yet (‖e‖ < 1e-2)',
  );
}

function FocusSelect() {
  const focus = useStore((s) => s.view.focus);
  const methods = useStore((s) => s.config.methods);
  return (
    <label className="inline-select">
      <select
        aria-label="Spectrum of method"
        value={methods.includes(focus) ? focus : methods[0]}
        onChange={(e) => setView({ focus: e.target.value as typeof focus })}
      >
        {methods.map((m) => (
          <option key={m} value={m}>
            {methodLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SpectrumCaption() {
  const lam = useStore((s) => (s.run.header ? s.run.header.optimum.eigenvalues[0] : NaN));
  const per = itersPerDecade(lam);
  return (
    <>
      <Tex tex={String.raw`DM=I_{oc}^{-1}I_m`} />: the share of information the missing labels hide. λ_max = {fixed(lam, 3)}
      {/* λ_max ≥ 1 (e.g. identical components): no linear rate, so no iterations per decade. */}
      {lam >= 1
        ? ': EM has no linear rate here.'
        : `: EM gains one decade of parameter error every ${Number.isFinite(per) ? sig(per, 3) : '—'} iterations.`}{' '}
      Dashed: spectrum at θ*. Right: λ_max vs separation.
    </>
  );
}
