/**
 * Reading preferences of the article, remembered in localStorage (never in the URL: a shared link
 * carries the experiment, not how the reader likes to see it). Missing or unreadable storage
 * falls back to the defaults: the text shown, the step arrows drawn.
 */
import { create } from 'zustand';

export interface ArticlePrefs {
  /** The prose around the figures; off gives the dense panel grid. */
  showText: boolean;
  /** The EM / gradient / Newton arrows on the trajectory plane. */
  showSteps: boolean;
}

const KEY = 'em-lab:article';
const DEFAULTS: ArticlePrefs = { showText: true, showSteps: true };

function load(): ArticlePrefs {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<ArticlePrefs> | null;
    if (!p || typeof p !== 'object') return DEFAULTS;
    return {
      showText: typeof p.showText === 'boolean' ? p.showText : DEFAULTS.showText,
      showSteps: typeof p.showSteps === 'boolean' ? p.showSteps : DEFAULTS.showSteps,
    };
  } catch {
    return DEFAULTS;
  }
}

export const useArticlePrefs = create<ArticlePrefs>(load);

export function setArticlePref(patch: Partial<ArticlePrefs>): void {
  useArticlePrefs.setState(patch);
  try {
    localStorage.setItem(KEY, JSON.stringify(useArticlePrefs.getState()));
  } catch {
    /* private mode: preferences are optional */
  }
}
