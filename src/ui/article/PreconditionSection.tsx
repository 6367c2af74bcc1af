/** §2 EM as a preconditioned gradient step, beside the trajectories with the three step arrows. */
import { Tex } from '../Tex';
import { ArticleSection, type SectionShellProps } from './ArticleSection';
import { emOverNewton, oneMinusLambda, planeName, stepAngle, stepsWhere } from './bindings';
import { Live } from './Live';

export function PreconditionSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="precondition" title="EM is a preconditioned gradient step" order={order} prose={<Prose />}>
      {children}
    </ArticleSection>
  );
}

function Prose() {
  return (
    <>
      <p>
        Gradient ascent follows <Tex tex={String.raw`\nabla L`} />. EM follows a reshaped gradient (Salakhutdinov, Roweis &amp; Ghahramani,
        2003):
      </p>
      <Tex display tex={String.raw`\theta'-\theta\;\approx\;P(\theta)\,\nabla L(\theta),\qquad P(\theta^*)=I_{oc}(\theta^*)^{-1}.`} />
      <p>
        For the means it is exact: <Tex tex={String.raw`\mu_k'-\mu_k=\frac{\sigma_k^2}{R_k}\,\frac{\partial L}{\partial\mu_k}`} />, with{' '}
        <Tex tex={String.raw`R_k=\sum_n r_{nk}`} /> the points component k claims (in 2D, <Tex tex={String.raw`\Sigma_k/R_k`} /> in place of{' '}
        <Tex tex={String.raw`\sigma_k^2/R_k`} />
        ). <Tex tex="I_{oc}" /> is the information the data would carry if the labels were known. Newton’s method uses the information that
        is really there, the complete information minus the missing information <Tex tex="I_m" />:
      </p>
      <Tex display tex={String.raw`\theta'-\theta=I_o^{-1}\nabla L,\qquad I_o=I_{oc}-I_m.`} />
      <p>
        When little is missing, EM’s step is nearly Newton’s. When the labels are uncertain, <Tex tex="I_{oc}" /> overstates the curvature
        and EM’s steps shrink.
      </p>
      <p className="live-claim">
        The arrows sit at <Live bind="steps-at" value={stepsWhere} />. In the <Live bind="plane" value={planeName} /> the EM step points{' '}
        <Live bind="step-angle" value={stepAngle} /> away from the gradient, and its length is{' '}
        <Live bind="em-over-newton" value={emOverNewton} /> times the Newton step’s. As EM closes in on θ*, its error lines up with the
        slowest direction and this ratio tends to 1 − λ_max = <Live bind="one-minus-lambda" value={oneMinusLambda} />.
      </p>
    </>
  );
}
