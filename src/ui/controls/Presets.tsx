/**
 * Scenarios: one button per preset (presets.ts). Choosing one applies it as a new history entry
 * with the cursor at 0, and its caption (the claim tests/unit/presets.test.ts checks) is shown
 * below the buttons for as long as the settings are still that scenario's.
 */
import { PRESETS } from '../../experiment/presets';
import { applyPreset } from '../../state/actions';
import { Group } from './Group';
import { useStore } from '../../state/store';
import { raceQueryOf } from '../../state/url-sync';

export function Presets() {
  // A string (compared by value): re-renders only when the active scenario changes, not per frame.
  const activeId = useStore((s) => (s.preset && s.preset.raceQuery === raceQueryOf(s.config) ? s.preset.id : null));
  const active = PRESETS.find((p) => p.id === activeId) ?? null;
  return (
    <Group group="scenarios" className="presets">
      <legend>Scenarios</legend>
      <div className="preset-list">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" aria-pressed={p.id === activeId} onClick={() => applyPreset(p)}>
            {p.label}
          </button>
        ))}
      </div>
      {/* Not role=status: the page has one status region; polite so the caption is read once chosen. */}
      <p className="preset-caption" aria-live="polite">
        {active ? active.caption : ''}
      </p>
      {active && <ScenarioLink />}
    </Group>
  );
}

/** The scenario as a share URL (the page's own, cursor dropped), so it can be copied or opened in a new tab. */
function ScenarioLink() {
  const query = useStore((s) => raceQueryOf(s.config));
  const href = `${location.pathname}?${query}`;
  return (
    <a className="preset-link" href={href}>
      Link to this scenario
    </a>
  );
}
