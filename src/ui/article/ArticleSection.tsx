/**
 * One section of the article: its prose beside the live figure that shows its claim. With the text
 * hidden (a reader preference) only the figure is left, and the sections dissolve (display:
 * contents) so the figures fall back into the dense panel grid, in the grid's order `order`.
 * The figure keeps its place in the React tree either way, so toggling never redraws it from scratch.
 */
import type { CSSProperties, ReactNode } from 'react';
import { useArticlePrefs } from '../../state/article-prefs';
import './article.css';

interface Props {
  id: string;
  title: string;
  /** Position of the figure in the dense grid (text hidden). */
  order: number;
  prose: ReactNode;
  children: ReactNode;
}

export function ArticleSection({ id, title, order, prose, children }: Props) {
  const showText = useArticlePrefs((s) => s.showText);
  return (
    <section
      className="article-section"
      aria-labelledby={showText ? `${id}-title` : undefined}
      style={{ '--order': order } as CSSProperties}
    >
      {showText && (
        <div className="prose">
          <h2 id={`${id}-title`}>{title}</h2>
          {prose}
        </div>
      )}
      {children}
    </section>
  );
}

/** What a section shell around one panel takes (panels/registry.ts): the panel and its grid order. */
export interface SectionShellProps {
  order: number;
  children: ReactNode;
}

/** A section of prose only (no figure): nothing at all while the text is hidden. */
export function ArticleText({ id, title, children }: { id: string; title?: string; children: ReactNode }) {
  const showText = useArticlePrefs((s) => s.showText);
  if (!showText) return null;
  return (
    <section className="article-text prose" aria-labelledby={title ? `${id}-title` : undefined}>
      {title && <h2 id={`${id}-title`}>{title}</h2>}
      {children}
    </section>
  );
}
