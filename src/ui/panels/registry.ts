/**
 * The panel registry: each panel of the table (panel-table.ts) with its component and the article
 * section that shows it beside its prose. App.tsx renders the panels from it, in the table's order;
 * a panel missing here is a type error.
 */
import type { ComponentType } from 'react';
import type { SectionShellProps } from '../article/ArticleSection';
import { HybridSection } from '../article/HybridSection';
import { LowerBoundSection } from '../article/LowerBoundSection';
import { PreconditionSection } from '../article/PreconditionSection';
import { RaceSection } from '../article/RaceSection';
import { RateSection } from '../article/RateSection';
import { DataPanel } from './DataPanel';
import { EntropyPanel } from './EntropyPanel';
import { LogLikPanel } from './LogLikPanel';
import { PANEL_TABLE, type PanelId, type PanelName } from './panel-table';
import { SpectrumPanel } from './SpectrumPanel';
import { TrajectoryPanel } from './TrajectoryPanel';

export interface PanelEntry {
  readonly id: PanelId;
  readonly name: PanelName;
  /** Place in the dense grid (text hidden). */
  readonly order: number;
  readonly Component: ComponentType;
  /** The article section around the panel (its prose, and the panel's grid order when the text is hidden). */
  readonly section: ComponentType<SectionShellProps>;
}

const PARTS: Record<PanelId, Pick<PanelEntry, 'Component' | 'section'>> = {
  data: { Component: DataPanel, section: LowerBoundSection },
  trajectories: { Component: TrajectoryPanel, section: PreconditionSection },
  spectrum: { Component: SpectrumPanel, section: RateSection },
  loglik: { Component: LogLikPanel, section: RaceSection },
  entropy: { Component: EntropyPanel, section: HybridSection },
};

export const PANEL_REGISTRY: readonly PanelEntry[] = PANEL_TABLE.map((p) => ({ ...p, ...PARTS[p.id] }));
