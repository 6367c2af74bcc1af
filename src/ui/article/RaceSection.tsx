/** §4 The race, beside the log-likelihood panel: each method's cost to converge, and who won. */
import { methodLabel } from '../../experiment/codec';
import { setView } from '../../state/actions';
import { useStore } from '../../state/store';
import { MethodSwatch } from '../Legend';
import { ArticleSection, type SectionShellProps } from './ArticleSection';
import { eSteps, emVersusWinner, outcome, winner } from './bindings';
import { Live } from './Live';
import { StateLink } from './StateLink';

export function RaceSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="race" title="The race" order={order} prose={<Prose />}>
      {children}
    </ArticleSection>
  );
}

function Prose() {
  const methods = useStore((s) => s.config.methods);
  return (
    <>
      <p>
        Every method pays in E-steps: one pass over the data gives L and, for free, ∇L. Iterations are not a fair unit — a line search or
        SQUAREM’s extrapolation spends several E-steps per iteration — so{' '}
        <StateLink onClick={() => setView({ xAxis: 'evaluations' })} title="Plot the log-likelihood against E-steps">
          put E-steps on the x-axis
        </StateLink>{' '}
        to compare costs. To converge, the methods needed:
      </p>
      <ul className="race-list">
        {methods.map((m) => (
          <li key={m}>
            <MethodSwatch method={m} /> {methodLabel(m)}: <Live bind={`esteps-${m}`} value={eSteps(m)} /> E-steps (
            <Live bind={`outcome-${m}`} value={outcome(m)} />)
          </li>
        ))}
      </ul>
      <p className="live-claim">
        Winner: <Live bind="winner" value={winner} />. <Live bind="em-vs-winner" value={emVersusWinner} />
      </p>
      <p>
        On the gap plot (bottom), a straight line is linear convergence. On the iterations axis, the blue band through EM’s point has slope
        log₁₀ λ_max² per iteration: once EM is close, its trace runs parallel to it. Gradient methods do not care how much information is
        missing, only how the likelihood is shaped; that is why, when λ_max is near 1, a good one (ECG) can overtake EM.
      </p>
    </>
  );
}
