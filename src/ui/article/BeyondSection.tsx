/** §6 Beyond the paper: the other accelerators in the race, and the seed's open questions. */
import { switchMode } from '../sampler/ModeSwitch';
import { ArticleText } from './ArticleSection';
import { StateLink } from './StateLink';

export function BeyondSection() {
  return (
    <ArticleText id="beyond" title="Beyond the paper">
      <p>
        Three more methods race here. <strong>SQUAREM</strong> (Varadhan &amp; Roland, 2008) takes two EM steps and extrapolates along them:
        it keeps EM’s simplicity and shortcuts much of its slow crawl. <strong>Newton</strong> uses the observed information <i>I</i>
        <sub>o</sub> = <i>I</i>
        <sub>oc</sub> − <i>I</i>
        <sub>m</sub> directly: few iterations, one extra pass each for <i>I</i>
        <sub>m</sub>, and it needs a concave neighbourhood (elsewhere it falls back to an EM step). <strong>Adam</strong> is the
        deep-learning default: first-order, blind to the EM structure, with its gradients computed in float32. Their E-step counts are in
        the list above and in the table below.
      </p>
      <p>Open questions from the post this lab started from:</p>
      <ul>
        <li>
          Switching between EM and gradient steps on a threshold is a blunt rule. Can one method use EM’s curvature where the labels are
          informative and gradients where they are not, without a hard switch?
        </li>
        <li>
          Could a “coarsened” latent-variable model with the same marginal likelihood, for which the data are highly informative, make EM
          fast where it is slow now?
        </li>
        <li>
          EM and Gibbs sampling are close relatives. When is a Gibbs update worth it, and when should a sampler move θ on the marginal
          likelihood directly?{' '}
          <StateLink onClick={() => switchMode('sample')} title="Switch to the Sampler mode: the same mixture, sampled">
            The Sampler mode answers it live
          </StateLink>
          : DA Gibbs against four marginal samplers, on this posterior.
        </li>
      </ul>
      <p>
        To reproduce a comparison: <strong>Download JSON</strong> or <strong>CSV</strong> (top right) saves exactly what{' '}
        <code>npm run lab</code> prints for the link in the address bar.
      </p>
    </ArticleText>
  );
}
