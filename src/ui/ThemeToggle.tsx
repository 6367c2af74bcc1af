/** Light / dark / follow the system: a local preference (theme.ts), not part of the shared link. */
import { useSyncExternalStore } from 'react';
import { setThemePref, subscribeTheme, themePref, type ThemePref } from './theme';

const LABELS: Record<ThemePref, string> = { auto: 'Auto', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const pref = useSyncExternalStore(subscribeTheme, themePref, () => 'auto' as ThemePref);
  return (
    <label className="theme-toggle">
      Theme{' '}
      <select value={pref} onChange={(e) => setThemePref(e.currentTarget.value as ThemePref)}>
        {(Object.keys(LABELS) as ThemePref[]).map((p) => (
          <option key={p} value={p}>
            {LABELS[p]}
          </option>
        ))}
      </select>
    </label>
  );
}
