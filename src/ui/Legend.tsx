/** The shared legend: colour + dash per method (Okabe–Ito), and the reference glyphs. */
import type { MethodId } from '../engine/types';
import { methodLabel } from '../experiment/codec';
import { useStore } from '../state/store';
import { METHOD_STYLE, TRUTH_STYLE } from './palette';

export function MethodSwatch({ method }: { method: MethodId }) {
  const st = METHOD_STYLE[method];
  return (
    <svg className="swatch" width="28" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="27" y2="5" stroke={st.colour} strokeWidth="2.5" strokeDasharray={st.dash} />
    </svg>
  );
}

export function Legend() {
  const methods = useStore((s) => s.config.methods);
  return (
    <ul className="legend" aria-label="Legend">
      {methods.map((m) => (
        <li key={m}>
          <MethodSwatch method={m} />
          {methodLabel(m)}
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
