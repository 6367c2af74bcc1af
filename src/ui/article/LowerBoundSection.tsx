/** §1 The marginal likelihood and EM's lower bound, beside the data. */
import { Tex } from '../Tex';
import { ArticleSection, type SectionShellProps } from './ArticleSection';
import { cursor, entropyAt, symmetricStatus } from './bindings';
import { Live } from './Live';
import { PresetLink } from './StateLink';

export function LowerBoundSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="bound" title="The likelihood and EM’s lower bound" order={order} prose={<Prose />}>
      {children}
    </ArticleSection>
  );
}

function Prose() {
  return (
    <>
      <p>
        Each point <Tex tex="x_n" /> came from one of two components, but its label <Tex tex="z_n" /> is missing, so the likelihood sums it
        out (in 2D a covariance <Tex tex={String.raw`\Sigma_k`} /> replaces <Tex tex={String.raw`\sigma_k^2`} />
        ):
      </p>
      <Tex display tex={String.raw`L(\theta)=\sum_{n}\log\sum_{k=1}^{2}\pi_k\,\mathcal N(x_n\mid\mu_k,\sigma_k^2).`} />
      <p>
        A log of a sum has no closed-form maximum. EM climbs a lower bound instead: for any guess <Tex tex="q_n" /> of the labels,
      </p>
      <Tex display tex={String.raw`L(\theta)\;\ge\;L(\theta)-\sum_n \mathrm{KL}\big(q_n\,\|\,p(z_n\mid x_n,\theta)\big).`} />
      <p>
        The <strong>E-step</strong> makes the bound touch <Tex tex="L" /> by taking the posterior: the responsibilities <Tex tex="r_{nk}" />
        , how much component k claims point n. The <strong>M-step</strong> maximises the bound over <Tex tex={String.raw`\theta`} />:
        weighted means and variances. So <Tex tex="L" /> never decreases. How far one step gets depends on how sure the responsibilities
        are: at iteration <Live bind="it" value={cursor} />, EM’s normalised posterior entropy is H ={' '}
        <Live bind="entropy-em" value={entropyAt('em')} /> (0: every point is sure of its component; 1: none is).
      </p>
      <p>
        From <PresetLink id="symmetric">a symmetric start</PresetLink> — both components identical — every point gets the same
        responsibility, and the M-step returns two identical components again. Right now <Live bind="symmetric" value={symmetricStatus} />.
      </p>
    </>
  );
}
