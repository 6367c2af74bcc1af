/** A sampler's line swatch (colour and dash), as the legend and the settings show it. */
import type { SamplerId } from '../../experiment/sampler-list';
import { SAMPLER_STYLE } from './sampler-style';

export function SamplerSwatch({ sampler }: { sampler: SamplerId }) {
  const st = SAMPLER_STYLE[sampler];
  return (
    <svg className="swatch" width="28" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="27" y2="5" stroke={st.colour} strokeWidth="2.5" strokeDasharray={st.dash} />
    </svg>
  );
}
