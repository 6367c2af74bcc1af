/** The open Sweeps section: settings, Run / Cancel / progress / downloads, and the two panels. */
import { PanelBoundary } from '../Panel';
import { BoxPlotPanel } from './BoxPlotPanel';
import { RateMapPanel } from './RateMapPanel';
import { SweepRunBar } from './SweepRunBar';
import { SweepSettings } from './SweepSettings';

export default function SweepBody() {
  return (
    <div className="sweeps-body">
      <SweepSettings />
      <SweepRunBar />
      <div className="sweep-panels">
        <PanelBoundary name="Convergence vs separation">
          <BoxPlotPanel />
        </PanelBoundary>
        <PanelBoundary name="Rate map">
          <RateMapPanel />
        </PanelBoundary>
      </div>
    </div>
  );
}
