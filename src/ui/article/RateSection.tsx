/** §3 Missing information and EM's rate of convergence, beside the DM spectrum. */
import { Tex } from '../Tex';
import { ArticleSection, type SectionShellProps } from './ArticleSection';
import {
  itersPerDecadeText,
  lambdaMax,
  lambdaMaxSquared,
  missingShare,
  observedGapRatio,
  observedParamRatio,
  observedWindow,
  rateVerdictText,
  separation,
} from './bindings';
import { Live } from './Live';
import { PresetLink } from './StateLink';

export function RateSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="rate" title="Missing information sets the rate" order={order} prose={<Prose />}>
      {children}
    </ArticleSection>
  );
}

function Prose() {
  return (
    <>
      <p>Near the optimum θ*, one EM step multiplies the error by the Jacobian of the EM map (Dempster, Laird &amp; Rubin, 1977):</p>
      <Tex display tex={String.raw`\theta_{k+1}-\theta^*\approx DM\,(\theta_k-\theta^*),\qquad DM=I_{oc}^{-1}I_m.`} />
      <p>
        Its eigenvalues are the fractions of missing information, between 0 and 1. The largest, λ_max, is EM’s rate: the error shrinks by
        λ_max per iteration, the gap <Tex tex={String.raw`L^*-L`} /> by λ_max².
      </p>
      <p className="live-claim">
        At <Live bind="sep-rate" value={separation} /> σ, λ_max = <Live bind="lambda-max" value={lambdaMax} />: in the worst direction{' '}
        <Live bind="missing-share" value={missingShare} /> of the information the labels would give is missing —{' '}
        <Live bind="rate-verdict" value={rateVerdictText} />. EM gains a decade of accuracy every{' '}
        <Live bind="iters-per-decade" value={itersPerDecadeText} /> iterations.
      </p>
      <p className="live-claim">
        Predicted per-iteration ratios: λ_max = <Live bind="lambda-max-2" value={lambdaMax} /> for the error, λ_max² ={' '}
        <Live bind="lambda-max-sq" value={lambdaMaxSquared} /> for the gap. Observed in EM’s own trace:{' '}
        <Live bind="param-ratio" value={observedParamRatio} /> and <Live bind="gap-ratio" value={observedGapRatio} /> (
        <Live bind="rate-window" value={observedWindow} />
        ).
      </p>
      <p>
        Now <PresetLink id="overlapping">make them overlap</PresetLink>: λ_max climbs towards 1 (the curve at the bottom right of the
        figure). Or <PresetLink id="separated">separate them</PresetLink>: it drops towards 0, where EM behaves like Newton.
      </p>
    </>
  );
}
