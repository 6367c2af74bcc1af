/**
 * The Sampler mode's panels (panel-table.ts rows of mode 'sample') with their components and the
 * article sections beside them; SampleMode.tsx renders them. A sample panel missing here is a type error.
 */
import type { PanelEntry } from '../panels/registry';
import { PANEL_TABLE, type SamplePanelId } from '../panels/panel-table';
import { AcfPanel } from './AcfPanel';
import { CostSection, CrossoverSection, GibbsRateSection, SamplingIntroSection, SlowDirectionSection } from './article/SamplingSections';
import { ChainsPlanePanel } from './ChainsPlanePanel';
import { EssCurvePanel } from './EssCurvePanel';
import { EssPanel } from './EssPanel';
import { SamplerTracesPanel } from './SamplerTracesPanel';

const PARTS: Record<SamplePanelId, Pick<PanelEntry, 'Component' | 'section'>> = {
  chains: { Component: ChainsPlanePanel, section: SamplingIntroSection },
  samplerTraces: { Component: SamplerTracesPanel, section: SlowDirectionSection },
  acf: { Component: AcfPanel, section: GibbsRateSection },
  ess: { Component: EssPanel, section: CostSection },
  essCurve: { Component: EssCurvePanel, section: CrossoverSection },
};

export const SAMPLE_REGISTRY: readonly PanelEntry[] = PANEL_TABLE.flatMap((p) => (p.mode === 'sample' ? [{ ...p, ...PARTS[p.id] }] : []));
