/**
 * The Sampler mode's main column (loaded only when the mode is first shown): its article sections,
 * each beside its panel (sample-registry.ts), and the samplers' table. Mounting it connects the page
 * to the sampler worker; the bound numbers of the prose are rewritten when the chains' data change.
 */
import { useEffect } from 'react';
import { initSamplerSync } from '../../state/sampler-sync';
import { useSampleRun } from '../../state/sampler-store';
import { useArticlePrefs } from '../../state/article-prefs';
import { refreshLive } from '../article/Live';
import { PanelBoundary } from '../Panel';
import { SamplerError } from './SamplerError';
import { SamplerReadout } from './SamplerReadout';
import { SAMPLE_REGISTRY } from './sample-registry';
import './sampler.css';

export default function SampleMode() {
  useEffect(() => {
    initSamplerSync();
    return useSampleRun.subscribe(refreshLive);
  }, []);
  const showText = useArticlePrefs((s) => s.showText);
  return (
    <>
      <SamplerError />
      <div className={showText ? 'article' : 'panels'}>
        {SAMPLE_REGISTRY.map(({ id, name, order, Component, section: Section }) => (
          <Section key={id} order={order}>
            <PanelBoundary name={name}>
              <Component />
            </PanelBoundary>
          </Section>
        ))}
      </div>
      <SamplerReadout />
    </>
  );
}
