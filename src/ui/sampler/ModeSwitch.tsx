/**
 * Race or Sample: the page's two modes (the `mode` key). Switching is a new history entry with the
 * cursor back at the start; entering the Sampler mode plays (unless the reader prefers reduced
 * motion), as a first visit does, so the chains are seen moving.
 */
import { play, setConfig } from '../../state/actions';
import { useStore } from '../../state/store';
import './mode-switch.css';

type Mode = 'race' | 'sample';
const OPTIONS: readonly { value: Mode; label: string; title: string }[] = [
  { value: 'race', label: 'Race', title: 'Optimisers climb to the maximum likelihood' },
  { value: 'sample', label: 'Sample', title: 'MCMC samplers draw from the posterior' },
];

export function switchMode(mode: Mode): void {
  setConfig({ mode, it: 0 }, 'push');
  if (mode === 'sample' && !matchMedia('(prefers-reduced-motion: reduce)').matches) play();
}

export function ModeSwitch() {
  const mode = useStore((s) => s.config.mode);
  // The samplers are the mixture's (the mode key applies to the mixture family only).
  const mixture = useStore((s) => s.config.model === 'mixture');
  if (!mixture) return null;
  return (
    <div className="segmented mode-switch" role="radiogroup" aria-label="Mode">
      {OPTIONS.map((o) => (
        <label key={o.value} title={o.title}>
          <input type="radio" name="mode" value={o.value} checked={mode === o.value} onChange={() => switchMode(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
