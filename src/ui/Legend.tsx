/** The shared legend: colour + dash per method (Okabe–Ito), and the reference glyphs. */
import type { MethodId } from '../engine/types';
import { methodLabel } from '../experiment/codec';
import { useShallow } from 'zustand/react/shallow';
import { pendingMethods } from '../state/run-data';
import { useStore } from '../state/store';
import { METHOD_STYLE, TRUTH_STYLE } from './palette';
import { useTheme } from './theme';

export function MethodSwatch({ method }: { method: MethodId }) {
  useTheme(); // Adam's colour depends on the theme
  const st = METHOD_STYLE[method];
  return (
    <svg className="swatch" width="28" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="27" y2="5" stroke={st.colour} strokeWidth="2.5" strokeDasharray={st.dash} />
    </svg>
  );
}

export function Legend() {
  const methods = useStore((s) => s.config.methods);
  // Lanes still computing up to the cursor (Adam, drawn after the others): the panels show them as far as they go.
  const computing = useStore(useShallow((s) => pendingMethods(s.run, s.config.it)));
  return (
    <ul className="legend" aria-label="Legend">
      {methods.map((m) => (
        <li key={m} data-computing={computing.includes(m) ? 'true' : undefined}>
          <MethodSwatch method={m} />
          {methodLabel(m)}
          {computing.includes(m) && <span className="computing"> computing…</span>}
        </li>
      ))}
      <li>
        <svg className="swatch" width="28" height="10" aria-hidden="true">
          <line x1="1" y1="5" x2="27" y2="5" stroke={TRUTH_STYLE.colour} strokeWidth="2" strokeDasharray={TRUTH_STYLE.dash} />
        </svg>
        truth
      </li>
      <li>
        <span aria-hidden="true">★</span> θ* (optimum)
      </li>
      <li>
        <span aria-hidden="true">│</span> cursor
      </li>
    </ul>
  );
}
