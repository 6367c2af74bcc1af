/** §5 The hybrid EM–ECG and its entropy rule, beside the entropy panel. */
import type { MethodId } from '../../engine/types';
import { setConfig } from '../../state/actions';
import { useStore } from '../../state/store';
import { ArticleSection, type SectionShellProps } from './ArticleSection';
import { burnIn, cursor, entropyAt, hybridSwitch, tau } from './bindings';
import { Live } from './Live';
import { StateLink } from './StateLink';

export function HybridSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="hybrid" title="The hybrid and its entropy rule" order={order} prose={<Prose />}>
      {children}
    </ArticleSection>
  );
}

/** Sets τ, putting the hybrid in the race if it is not (a new history entry, like any discrete choice). */
function setTau(value: number): void {
  const { methods } = useStore.getState().config;
  const withHybrid: MethodId[] = methods.includes('hybrid') ? methods : [...methods, 'hybrid'];
  setConfig({ tau: value, methods: withHybrid }, 'push');
}

function Prose() {
  return (
    <>
      <p>
        If uncertain labels are what slows EM, the data can say when to stop trusting it. The normalised posterior entropy H comes free with
        every E-step: near 0 when every point is sure of its component (little is missing, EM is Newton-like), near 1 when none is. The
        hybrid runs EM and, after <Live bind="burn" value={burnIn} /> burn-in iterations, switches to ECG for good the first time H ≥ τ.
      </p>
      <p className="live-claim">
        With τ = <Live bind="tau" value={tau} />, the hybrid <Live bind="hybrid-switch" value={hybridSwitch} />. At iteration{' '}
        <Live bind="it-hybrid" value={cursor} /> its H is <Live bind="entropy-hybrid" value={entropyAt('hybrid')} />.
      </p>
      <p>
        Make it{' '}
        <StateLink onClick={() => setTau(0)} title="Set the hybrid's threshold τ to 0">
          switch right after the burn-in
        </StateLink>{' '}
        (τ = 0: it becomes ECG) or{' '}
        <StateLink onClick={() => setTau(1)} title="Set the hybrid's threshold τ to 1">
          never switch
        </StateLink>{' '}
        (τ = 1: it stays EM), or go back to{' '}
        <StateLink onClick={() => setTau(0.5)} title="Set the hybrid's threshold τ to 0.5">
          the middle, τ = 0.5
        </StateLink>
        . H is only a proxy: it measures how uncertain the labels are, not λ_max itself.
      </p>
    </>
  );
}
