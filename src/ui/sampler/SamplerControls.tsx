/**
 * The Sampler mode's settings, each control built from its key row (KeyControl.tsx): the samplers and
 * their run, then the prior's hyper-parameters that apply — the weight's and the components' in the
 * full model, the means' in means-only. One classroom group, 'sampler'. Changes restart the chains.
 */
import type { Key } from '../../experiment/keys';
import { SEED_MAX } from '../../experiment/schema';
import { setConfig } from '../../state/actions';
import { useStore } from '../../state/store';
import { Group } from '../controls/Group';
import { KeyControl } from '../controls/KeyControl';

const RUN_KEYS: readonly Key[] = ['samplers', 'free', 'draws', 'warm', 'cseed'];
const FULL_PRIOR: readonly Key[] = ['pa', 'pk', 'pnu', 'ppsi'];
const MEANS_PRIOR: readonly Key[] = ['psd'];

const Restarts = () => (
  <span className="restart-badge" title="Changing this draws the chains again (the cursor stays)">
    ↻ restarts the chains
  </span>
);

export function SamplerControls() {
  const free = useStore((s) => s.config.free);
  const hmc = useStore((s) => s.config.samplers.includes('hmc'));
  const newChains = () => setConfig({ cseed: (useStore.getState().config.cseed + 1) % (SEED_MAX + 1) }, 'push');
  return (
    <>
      <Group group="sampler">
        <legend>
          Samplers <Restarts />
        </legend>
        {RUN_KEYS.map((k) => (
          <KeyControl key={k} k={k} />
        ))}
        {hmc && <KeyControl k="leap" />}
        <button type="button" onClick={newChains}>
          New chains
        </button>
      </Group>
      <Group group="sampler">
        <legend>
          Prior <Restarts />
        </legend>
        {(free === 'means' ? MEANS_PRIOR : FULL_PRIOR).map((k) => (
          <KeyControl key={k} k={k} />
        ))}
        <p className="hint">Weak and scaled to the data by default (docs/sampling.md); a flat prior would make the posterior improper.</p>
      </Group>
    </>
  );
}
