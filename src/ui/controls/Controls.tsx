/**
 * The settings: one fieldset per settings group of the key table, each key's control built from its
 * row (KeyControl.tsx). Every fieldset says that its changes restart the race (↻, recomputed in the
 * worker from iteration 0; the cursor stays).
 */
import type { ReactNode } from 'react';
import type { KeyGroup } from '../../experiment/key-rows';
import { KEYS, KEY_ORDER } from '../../experiment/keys';
import { clearStart, newData, newStart } from '../../state/actions';
import { useStore } from '../../state/store';
import { Group } from './Group';
import { KeyControl } from './KeyControl';
import { Presets } from './Presets';

const Restarts = () => (
  <span className="restart-badge" title="Changing this restarts the race from iteration 0 (the cursor stays)">
    ↻ restarts the race
  </span>
);

const keysOf = (g: KeyGroup) => KEY_ORDER.filter((k) => KEYS[k].group === g && 'control' in KEYS[k]);

function KeyGroupControls({
  group,
  legend,
  children,
}: {
  group: 'mixture' | 'start' | 'methods' | 'stop';
  legend: string;
  children?: ReactNode;
}) {
  return (
    <Group group={group}>
      <legend>
        {legend} <Restarts />
      </legend>
      {keysOf(group).map((k) => (
        <KeyControl key={k} k={k} />
      ))}
      {children}
    </Group>
  );
}

export function Controls() {
  return (
    <div className="controls">
      <Presets />
      <KeyGroupControls group="mixture" legend="Mixture">
        <button type="button" onClick={newData} title="Shortcut: N">
          New data
        </button>
      </KeyGroupControls>
      <KeyGroupControls group="start" legend="Start">
        <StartButtons />
      </KeyGroupControls>
      <KeyGroupControls group="methods" legend="Methods" />
      <KeyGroupControls group="stop" legend="Stopping" />
    </div>
  );
}

function StartButtons() {
  const manual = useStore((s) => s.config.start !== null);
  return (
    <>
      <div className="button-row">
        <button type="button" onClick={newStart}>
          New start
        </button>
        {manual && (
          <button type="button" onClick={clearStart}>
            Use seeded start
          </button>
        )}
      </div>
      <p className="hint">
        {manual ? 'Start means set by dragging the handles on the data panel.' : 'Or drag the numbered handles on the data panel.'}
      </p>
    </>
  );
}
