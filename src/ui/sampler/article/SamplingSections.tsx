/**
 * "Sampling: when is Gibbs worth it?" — the Sampler mode's article, one short section of prose beside
 * each of its panels, every number bound to the live chains (sampler-bindings.ts). The seed's second
 * question: DA Gibbs alternates labels and parameters exactly as EM alternates E and M, so it is paced
 * by the same missing information; marginal samplers, with the labels summed out, are not.
 */
import type { SamplerId } from '../../../experiment/sampler-list';
import { SAMPLER_LABELS } from '../../../experiment/sampler-list';
import { useStore } from '../../../state/store';
import { ArticleSection, type SectionShellProps } from '../../article/ArticleSection';
import { Live } from '../../article/Live';
import { Tex } from '../../Tex';
import { MARGINAL } from '../crossovers';
import {
  bestSampler,
  crossoverOf,
  drawsShown,
  essPerPass,
  lag1,
  lambdaMaxB,
  lambdaMle,
  predictedEss,
  separationB,
  switched,
} from './sampler-bindings';

export function SamplingIntroSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="sampling" title="Sampling: when is Gibbs worth it?" order={order} prose={<Intro />}>
      {children}
    </ArticleSection>
  );
}

function Intro() {
  return (
    <>
      <p className="lede">
        Data-augmentation Gibbs draws the labels given the parameters, then the parameters given the labels — EM’s E- and M-steps with draws
        in place of expectations. So it should crawl exactly where EM crawls. Does it, and when is a sampler that sums the labels out
        better?
      </p>
      <p className="live-claim">
        At <Live bind="s-sep" value={separationB} />, the fraction of missing information in the slowest direction is λ_max ={' '}
        <Live bind="s-lambda" value={lambdaMaxB} /> (the Bayesian DM at the posterior mode). Each sampler’s first chain moves over the
        posterior above: <Live bind="s-draws" value={drawsShown} /> draws so far. Press Step to add one draw to every chain, Play to watch.
      </p>
      <p className="live-claim">
        Where the components overlap, the posterior has two label modes (☆ is the swapped one): DA Gibbs has{' '}
        <Live bind="s-switched-gibbs" value={switched('gibbs')} /> of its draws in the other labelling, NUTS{' '}
        <Live bind="s-switched-nuts" value={switched('nuts')} />. The diagnostics swap such draws back first (the posterior is symmetric
        under the swap), so every autocorrelation below is of one labelling.
      </p>
    </>
  );
}

export function SlowDirectionSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="sampling-slow" title="The slow direction" order={order} prose={<Slow />}>
      {children}
    </ArticleSection>
  );
}

function Slow() {
  return (
    <>
      <p>
        Near a Gaussian posterior, DA Gibbs’ parameter chain is an autoregression whose matrix is the Bayesian fraction of missing
        information (Liu, Wong &amp; Kong 1994; Sahu &amp; Roberts 1999):
      </p>
      <Tex display tex={String.raw`\theta_{t+1}-\hat\theta \approx DM_B\,(\theta_t-\hat\theta) + \varepsilon_t`} />
      <p>
        with <Tex tex={String.raw`DM_B=(I_{oc}+\Lambda_0)^{-1}I_m`} />, EM’s DM with the prior’s curvature Λ₀ added to the complete-data
        information.
      </p>
      <p>
        Projected on DM_B’s top left eigenvector w, the chain wᵀθ is an AR(1) with coefficient λ_max: the traces show that one number per
        draw, for every sampler.
      </p>
    </>
  );
}

export function GibbsRateSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="sampling-rate" title="Gibbs’ autocorrelation is EM’s rate" order={order} prose={<Rate />}>
      {children}
    </ArticleSection>
  );
}

function Rate() {
  return (
    <>
      <p className="live-claim">
        DA Gibbs’ lag-1 autocorrelation of wᵀθ over the draws so far is <Live bind="s-lag1-gibbs" value={lag1('gibbs')} />, against λ_max ={' '}
        <Live bind="s-lambda-2" value={lambdaMaxB} /> (means only: <Live bind="s-lambda-mle" value={lambdaMle} /> at the MLE). The marginal
        samplers do not follow λ: RWM <Live bind="s-lag1-rwm" value={lag1('rwm')} />, MALA <Live bind="s-lag1-mala" value={lag1('mala')} />,
        HMC <Live bind="s-lag1-hmc" value={lag1('hmc')} />, NUTS <Live bind="s-lag1-nuts" value={lag1('nuts')} />.
      </p>
      <p>
        The same number sets EM’s rate: the error shrinks by λ_max per EM iteration, and a Gibbs chain forgets its past by λ_max per sweep.
      </p>
    </>
  );
}

export function CostSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="sampling-cost" title="The price of an effective draw" order={order} prose={<Cost />}>
      {children}
    </ArticleSection>
  );
}

const ESS_ROWS: readonly SamplerId[] = ['gibbs', 'rwm', 'mala', 'hmc', 'nuts'];

function Cost() {
  return (
    <>
      <p>
        A fair race counts passes over the data: one E-step’s work. A Gibbs sweep is one pass, an RWM or MALA step one, HMC pays one per
        leapfrog step, NUTS one per step of its trajectory. AR(1) predicts for Gibbs{' '}
        <Tex tex={String.raw`\mathrm{ESS}/\text{pass}\approx(1-\lambda_{\max})/(1+\lambda_{\max})`} /> ={' '}
        <Live bind="s-pred-ess" value={predictedEss} />.
      </p>
      <ul className="race-list live-claim">
        {ESS_ROWS.map((s) => (
          <li key={s}>
            {SAMPLER_LABELS[s]}: <Live bind={`s-ess-${s}`} value={essPerPass(s)} /> effective draws per pass
          </li>
        ))}
      </ul>
      <p className="live-claim">
        Best here: <Live bind="s-best" value={bestSampler} />.
      </p>
    </>
  );
}

export function CrossoverSection({ order, children }: SectionShellProps) {
  return (
    <ArticleSection id="sampling-crossover" title="Where a marginal sampler overtakes Gibbs" order={order} prose={<Crossovers />}>
      {children}
    </ArticleSection>
  );
}

function Crossovers() {
  const free = useStore((s) => s.config.free);
  return (
    <>
      <ul className="race-list live-claim">
        {MARGINAL.map((s) => (
          <li key={s}>
            {SAMPLER_LABELS[s]} beats DA Gibbs <Live bind={`s-cross-${s}`} value={crossoverOf(s)} />
          </li>
        ))}
      </ul>
      <p>
        <strong>The answer.</strong> Where the labels are informative (λ_max small) a Gibbs sweep is nearly an independent draw for one
        pass, and nothing marginal beats it. As the components overlap λ_max climbs, and Gibbs crawls exactly as EM does, while the marginal
        samplers hardly notice: their efficiency is set by the dimension and the sampler. Each overtakes Gibbs past a λ_max of its own — RWM
        only where λ_max is large (around 0.75–0.85), the gradient samplers (MALA, NUTS) already at moderate overlap.
      </p>
      <p>
        <strong>Caveats, measured</strong> (docs/sampling.md). The marginal samplers are handed the mode’s curvature as their metric, an
        advantage Gibbs does not need; a Gibbs sweep costs about 1.2 E-steps of wall time. HMC with a fixed L wastes passes on near-Gaussian
        targets (NUTS chooses its length).{' '}
        {free === 'means'
          ? 'With only the means free, Gibbs’ lag-1 matches λ_max to within 0.03 from 1.5σ to 4σ.'
          : 'In the full model, Gibbs’ lag-1 matches λ_max from 2.5σ; at 1.5–2σ the posterior is far from Gaussian, the chains switch labels and R̂ stays above 1.01 after 20,000 sweeps, so ESS figures there are indicative only.'}{' '}
        The curve’s short runs carry ±15 % noise; the crossovers move with it.
      </p>
    </>
  );
}
