/**
 * The samplers at the cursor, as a table: the exact numbers behind the Sampler mode's panels (the
 * accessible and copyable counterpart of the plots). Cells are written by the frame loop, at 4 Hz
 * while playing; unknown values read "…".
 */
import { useEffect, useRef } from 'react';
import { SAMPLER_LABELS } from '../../experiment/sampler-list';
import { registerDrawer } from '../../state/frame-loop';
import { sampleCurrent, shownDraws, statOf, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';
import { PENDING } from '../article/bindings';
import { isNum } from '../format';
import { setText } from '../set-text';
import { corr, count, percent, rate } from './sampler-format';
import { SamplerSwatch } from './SamplerSwatch';

const COLUMNS = ['draws', 'passes', 'acceptance', 'ESS bulk', 'ESS tail', 'ESS/pass', 'R̂', 'lag-1', 'τ', 'switched'] as const;

const two = (x: number | null | undefined): string => (isNum(x) ? x.toFixed(2) : PENDING);
const three = (x: number | null | undefined): string => (isNum(x) ? x.toFixed(3) : PENDING);

export function SamplerReadout() {
  const samplers = useStore((s) => s.config.samplers);
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    let last = 0;
    return registerDrawer(
      'sampler-readout',
      () => {
        const tb = body.current;
        const run = useSampleRun.getState();
        const { config, view } = useStore.getState();
        if (!tb) return true;
        const now = performance.now();
        if (view.playing && now - last < 250) return true;
        last = now;
        const current = sampleCurrent(run);
        const n = current ? shownDraws(run, config.it) : null;
        tb.querySelectorAll<HTMLTableRowElement>('tr[data-sampler]').forEach((tr) => {
          const st = current ? statOf(run, tr.dataset.sampler as (typeof samplers)[number]) : undefined;
          const s = st?.summary;
          const cells = [
            count(n),
            count(st?.passes),
            percent(st?.acceptance),
            count(s?.essBulk),
            count(s?.essTail),
            rate(s?.essPerPass),
            three(s?.rhat),
            corr(s?.lag1),
            two(s?.tau),
            percent(s?.switchedFraction),
          ];
          tr.querySelectorAll('td').forEach((td, i) => setText(td, cells[i]));
        });
        return true;
      },
      () => {},
    );
  }, []);
  return (
    <section className="readout" aria-label="Samplers at the cursor">
      <table>
        <caption>
          Each sampler over its draws up to the cursor (4 chains): ESS and R̂ of the slowest functional (rank-normalised, split chains), its
          lag-1 autocorrelation and integrated time τ, passes after burn-in, and the share of draws in the other labelling.
        </caption>
        <thead>
          <tr>
            <th scope="col">sampler</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {samplers.map((s) => (
            <tr key={s} data-sampler={s}>
              <th scope="row">
                <SamplerSwatch sampler={s} />
                {SAMPLER_LABELS[s]}
              </th>
              {COLUMNS.map((c) => (
                <td key={c}>{PENDING}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
