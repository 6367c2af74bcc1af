/** The Sampler mode's legend: colour, dash and marker per sampler, and the plane's reference glyphs. */
import { SAMPLER_LABELS, SAMPLER_NAMES } from '../../experiment/sampler-list';
import { useStore } from '../../state/store';
import { SamplerSwatch } from './SamplerSwatch';

export function SamplerLegend() {
  const samplers = useStore((s) => s.config.samplers);
  return (
    <ul className="legend" aria-label="Legend">
      {samplers.map((s) => (
        <li key={s} title={SAMPLER_NAMES[s]}>
          <SamplerSwatch sampler={s} />
          {SAMPLER_LABELS[s]}
        </li>
      ))}
      <li>
        <span aria-hidden="true">★</span> posterior mode
      </li>
      <li>
        <span aria-hidden="true">☆</span> swapped labels
      </li>
    </ul>
  );
}
