/**
 * A clickable phrase in the prose that sets the state: a real button (keyboard and screen readers),
 * styled as a link. It goes through the store's actions like any control, so it is a new history
 * entry (Back undoes it). Presets are looked up by id; if one is missing the phrase stays plain text.
 */
import type { ReactNode } from 'react';
import { PRESETS } from '../../experiment/presets';
import { applyPreset } from '../../state/actions';
import type { PresetId } from '../../state/store';

export function StateLink({ onClick, title, children }: { onClick: () => void; title: string; children: ReactNode }) {
  return (
    <button type="button" className="state-link" onClick={onClick} title={title}>
      {children}
    </button>
  );
}

/** A phrase that applies a named scenario (presets.ts). */
export function PresetLink({ id, children }: { id: PresetId; children: ReactNode }) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) return <>{children}</>;
  return (
    <StateLink onClick={() => applyPreset(preset)} title={`Scenario “${preset.label}”: ${preset.caption}`}>
      {children}
    </StateLink>
  );
}
