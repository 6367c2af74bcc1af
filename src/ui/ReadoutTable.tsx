/**
 * The race at the cursor, as a table (exact values for every method: the accessible and
 * copyable counterpart of the plots). Cells are written by the frame loop, not by React.
 */
import { useEffect, useRef } from 'react';
import { methodLabel } from '../experiment/codec';
import { registerDrawer } from '../state/frame-loop';
import { setText } from './set-text';
import { rowView } from '../state/rows';
import { rowAt } from '../state/run-data';
import { useStore } from '../state/store';
import { DASH, fixed, int, logLik, sci } from './format';
import { MethodSwatch } from './Legend';

const COLUMNS = ['iteration', 'E-steps', 'L', 'L* − L', '‖∇L‖', 'H', 'status'] as const;

export function ReadoutTable() {
  const methods = useStore((s) => s.config.methods);
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    let last = 0;
    return registerDrawer(
      'readout',
      () => {
        const { run, config, view } = useStore.getState();
        const tb = body.current;
        if (!tb || !run.header) return true;
        // A table relayout per frame is costly and unreadable anyway: 4 Hz while playing.
        const now = performance.now();
        if (view.playing && now - last < 250) return true;
        last = now;
        const Lstar = run.header.optimum.logLik;
        for (const t of run.traces) {
          const tr = tb.querySelector<HTMLTableRowElement>(`tr[data-method="${t.method}"]`);
          if (!tr) continue;
          const r = rowAt(t, config.it);
          const row = r >= 0 ? rowView(t, r) : null;
          const L = row ? row.logLik : NaN;
          const cells = [
            row ? int(row.iteration) : DASH,
            int(row ? row.evaluations : NaN),
            logLik(L),
            Number.isFinite(L) ? (Lstar - L > 0 ? sci(Lstar - L, 2) : '0') : DASH,
            sci(row ? row.gradNorm : NaN, 2),
            fixed(row ? row.entropy : NaN, 4),
            r < 0 ? 'computing…' : t.stop && r === t.count - 1 ? t.stop.message : 'running',
          ];
          tr.querySelectorAll('td').forEach((td, i) => {
            setText(td, cells[i]);
          });
        }
        return true;
      },
      () => {},
    );
  }, []);
  return (
    <section className="readout" aria-label="Race at the cursor">
      <table>
        <caption>Each method at the cursor (a stopped method shows its last iteration).</caption>
        <thead>
          <tr>
            <th scope="col">method</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {methods.map((m) => (
            <tr key={m} data-method={m}>
              <th scope="row">
                <MethodSwatch method={m} />
                {methodLabel(m)}
              </th>
              {COLUMNS.map((c) => (
                <td key={c}>{DASH}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
