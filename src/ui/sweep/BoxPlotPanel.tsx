/**
 * "Convergence vs separation": the box plot (box-plot.ts) of E-steps to the target gap per
 * separation and method, drawn again as cells stream in (at most once per frame), and below it the
 * same numbers as a table (medians and quartiles; "> cap" where censored).
 */
import { median } from 'd3';
import { useEffect, useId, useMemo, useRef } from 'react';
import type { MethodId } from '../../engine/types';
import { methodLabel } from '../../experiment/codec';
import { cellEntries } from '../../experiment/sweep/document';
import { useSweepStore } from '../../state/sweep-store';
import { markBusy, Panel } from '../Panel';
import { int, sig } from '../format';
import { MethodSwatch } from '../Legend';
import { METHOD_STYLE } from '../palette';
import { censoredBreakdown, drawBoxPlot } from './box-plot';
import { useWidth } from './useWidth';

const HEIGHT = 320;

export function BoxPlotPanel() {
  const figure = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [body, width] = useWidth<HTMLDivElement>();
  const svgId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const version = useSweepStore((s) => s.version);
  const { plan, grid, status } = useSweepStore.getState();
  // The grid grows in place; `version` says when it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const entries = useMemo(() => (plan ? cellEntries(plan, grid).filter((e) => e.stats.n > 0) : []), [plan, grid, version]);

  useEffect(() => {
    const id = requestAnimationFrame(() => {
      if (!svg.current || !plan || width <= 0) return;
      drawBoxPlot(svg.current, { seps: plan.seps, methods: plan.spec.methods, entries, cap: plan.spec.cap }, width, HEIGHT);
    });
    return () => cancelAnimationFrame(id);
  }, [entries, plan, width]);

  useEffect(() => {
    markBusy(figure.current, status === 'running');
  }, [status, version]);

  const caption = plan ? (
    <>
      E-steps each method needed to bring the gap L* − L below {sig(plan.spec.tol, 2)}, over {plan.seeds.length} data sets per separation (N
      = {int(plan.spec.n)}): box = quartiles, line = median, whiskers = fastest and slowest run that got there. ▵ with a count: runs
      censored at the cap of {int(plan.spec.cap)} E-steps (capped, or stopped short of the gap); ▲: the median itself is above the cap.
      Dotted: EM’s E-steps predicted from λ_max at θ* (the gap shrinks by λ_max² per iteration from the start’s gap), median over the data
      sets.
    </>
  ) : (
    'Press Run sweep: E-steps to the target gap per method, against separation, on many replicate data sets.'
  );

  return (
    <Panel ref={figure} name="Convergence vs separation" caption={caption} className="sweep-panel">
      <ul className="sweep-legend" aria-label="Sweep legend">
        {(plan?.spec.methods ?? []).map((m) => (
          <li key={m}>
            <MethodSwatch method={m} />
            {methodLabel(m)}
          </li>
        ))}
        {plan?.spec.methods.includes('em') && (
          <li>
            <svg className="swatch" width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={METHOD_STYLE.em.colour} strokeWidth="2" strokeDasharray="2 3" />
            </svg>
            EM predicted from λ_max
          </li>
        )}
      </ul>
      <div ref={body} className="sweep-chart">
        <svg ref={svg} id={svgId} className="chart" role="img" aria-label="Box plot of E-steps against separation" />
      </div>
      {plan && <MedianTable seps={plan.seps} methods={plan.spec.methods} entries={entries} cap={plan.spec.cap} />}
    </Panel>
  );
}

function MedianTable({
  seps,
  methods,
  entries,
  cap,
}: {
  seps: number[];
  methods: readonly MethodId[];
  entries: ReturnType<typeof cellEntries>;
  cap: number;
}) {
  const q = (x: number | null) => (x === null ? `> ${int(cap)}` : int(x));
  return (
    <details className="sweep-table">
      <summary>Table: median E-steps [quartiles], censored runs</summary>
      <table aria-label="Median E-steps per separation and method">
        <thead>
          <tr>
            <th scope="col">sep (σ)</th>
            {methods.map((m) => (
              <th key={m} scope="col">
                {methodLabel(m)}
              </th>
            ))}
            {methods.includes('em') && <th scope="col">EM predicted</th>}
            <th scope="col">median λ_max</th>
          </tr>
        </thead>
        <tbody>
          {seps.map((sep) => {
            const row = entries.filter((e) => e.sep === sep);
            const lam = row[0] ? median(row[0].lambdaMax, (l) => l ?? undefined) : undefined;
            return (
              <tr key={sep}>
                <th scope="row">{sep}</th>
                {methods.map((m) => {
                  const e = row.find((x) => x.method === m);
                  if (!e) return <td key={m}>…</td>;
                  const s = e.stats;
                  return (
                    <td key={m} data-method={m} data-median={s.median ?? 'censored'}>
                      {q(s.median)} [{q(s.q1)} – {q(s.q3)}]
                      {s.censored > 0 && <span className="censored-note">{`${s.censored}/${s.n} censored: ${censoredBreakdown(e)}`}</span>}
                    </td>
                  );
                })}
                {methods.includes('em') && <td>{int(row.find((x) => x.method === 'em')?.predicted?.median)}</td>}
                <td>{sig(lam, 4)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
