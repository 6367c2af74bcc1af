/**
 * Light and dark themes. The preference ('auto' follows prefers-color-scheme) is a local view
 * preference, never part of the experiment's URL. CSS reads the theme from <html data-theme>;
 * canvas drawing cannot use CSS variables, so it asks `themeColour` (read once per theme change)
 * and every panel is redrawn when the theme changes (main.tsx subscribes the frame loop).
 */
import { useSyncExternalStore } from 'react';

export type ThemePref = 'auto' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'em-lab:theme';
const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
const listeners = new Set<() => void>();
let pref: ThemePref = 'auto';
let cache = new Map<string, string>();

function loadPref(): ThemePref {
  try {
    const p = localStorage.getItem(KEY);
    return p === 'light' || p === 'dark' ? p : 'auto';
  } catch {
    return 'auto';
  }
}

const resolve = (): Theme => (pref === 'auto' ? (darkQuery?.matches ? 'dark' : 'light') : pref);
/** Resolved once per change (matchMedia evaluates the query on every read, and draws ask per series). */
let resolved: Theme = 'light';
export const currentTheme = (): Theme => resolved;
export const themePref = (): ThemePref => pref;

function apply(): void {
  resolved = resolve();
  document.documentElement.dataset.theme = resolved;
  cache = new Map();
  listeners.forEach((l) => l());
}

export function initTheme(): void {
  pref = loadPref();
  darkQuery?.addEventListener('change', () => pref === 'auto' && apply());
  apply();
}

export function setThemePref(p: ThemePref): void {
  pref = p;
  try {
    if (p === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, p);
  } catch {
    /* private mode: the choice lasts for this page */
  }
  apply();
}

export function subscribeTheme(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** A colour custom property of the current theme (for canvas), e.g. themeColour('--band'). */
export function themeColour(name: string): string {
  let c = cache.get(name);
  if (c === undefined) {
    c = typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    cache.set(name, c || '#808080');
  }
  return cache.get(name)!;
}

/** The current theme for React components that colour with the palette (re-render on change). */
export const useTheme = (): Theme => useSyncExternalStore(subscribeTheme, currentTheme, () => 'light');
