/**
 * The chains on the posterior: the picture of the Sampler mode (chains-plane.ts draws it). Beside it,
 * per sampler, which labelling its chain is in at the cursor and the fraction of draws the
 * diagnostics found in the other one (the label-switching report).
 */
import { useRef } from 'react';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { isSwitchedAt, sampleCurrent, shownDraws, statOf, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { PENDING } from '../article/bindings';
import { markBusy, Panel } from '../Panel';
import { PANEL_NAME } from '../panels/panel-table';
import { setText } from '../set-text';
import { createChainsPlane } from './chains-plane';
import { percent } from './sampler-format';
import { SamplerSwatch } from './SamplerSwatch';
import { useSamplerChart } from './useSamplerChart';

const NAME = PANEL_NAME.chains;

/** Which labelling a sampler's first chain is in at the cursor, and the switched share of its draws so far. */
export function labellingText(sampler: Parameters<typeof statOf>[1]): string {
  const run = useSampleRun.getState();
  const it = useStore.getState().config.it;
  const t = run.traces.find((x) => x.sampler === sampler);
  const n = shownDraws(run, it);
  if (!sampleCurrent(run) || !t || n === 0) return PENDING;
  const where = isSwitchedAt(t, 0, n - 1) ? 'at ☆ now' : 'at ★ now';
  const st = statOf(run, sampler);
  const share = st ? `, ${percent(st.summary.switchedFraction)} of draws at ☆` : '';
  return `${where}${share}`;
}

export function ChainsPlanePanel() {
  const figure = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useSamplerChart(NAME, figure, () => {
    const plane = createChainsPlane(body.current!);
    return {
      draw() {
        const ok = plane.draw() !== false;
        list.current?.querySelectorAll<HTMLElement>('[data-labelling]').forEach((el) => {
          setText(el, labellingText(el.dataset.labelling as Parameters<typeof statOf>[1]));
        });
        const run = useSampleRun.getState();
        const it = useStore.getState().config.it;
        return markBusy(figure.current, !ok || shownDraws(run, it) < Math.min(it, run.header?.draws ?? 0));
      },
      dispose: plane.dispose,
    };
  });
  const samplers = useStore((s) => s.config.samplers);
  return (
    <Panel ref={figure} name={NAME} className="panel-chains" caption={<PlaneCaption />}>
      <div ref={body} className="panel-body plane-body" />
      <ul ref={list} className="labelling-list" aria-label="Which labelling each chain is in">
        {samplers.map((s) => (
          <li key={s}>
            <SamplerSwatch sampler={s} />
            {SAMPLER_LABELS[s]}: <span data-labelling={s}>{PENDING}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function PlaneCaption() {
  const noPlane = useSampleRun((s) => s.header !== null && s.header.plane === null);
  const kind = useSampleRun((s) => s.header?.plane?.kind ?? null);
  const twin = useSampleRun((s) => s.header?.plane?.box.showsTwin ?? false);
  const far = useSampleRun((s) => s.header?.plane?.twinDistance ?? null);
  const plane =
    kind === 'means'
      ? 'The log posterior of (μ₁, μ₂), weight and variances known; dotted: μ₁ = μ₂, the label swap’s mirror.'
      : 'The log posterior on the plane of DM’s two slowest eigen-directions through the mode (a slice), in posterior sds; draws projected onto it.';
  const modes = twin
    ? ' ★ the mode, ☆ the swapped labels’ mode: the components overlap enough for a chain to cross.'
    : ` ★ the mode; the swapped labels’ mode is ${far === null ? PENDING : far.toFixed(0)} posterior sds away.`;
  if (noPlane)
    return (
      <>
        No plane to show here: the posterior’s curvature at the mode is not positive definite (a degenerate fit), so it has no
        eigen-directions. The chains still run; their numbers are in the table below.
      </>
    );
  return (
    <>
      {plane}
      {modes} Dashed: DM’s eigen-directions (λ: DA Gibbs’ lag-1 along each). Trails: each sampler’s first chain, its last 25 draws.
    </>
  );
}
