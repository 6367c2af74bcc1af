/**
 * A formula typeset by KaTeX. KaTeX is loaded lazily (it is not needed for the first paint and
 * would weigh on the initial bundle) and each formula is rendered once and cached. The output
 * keeps KaTeX's MathML, which screen readers read; live numbers stay outside the TeX.
 */
import { memo, useEffect, useState } from 'react';

const cache = new Map<string, string>();
let katex: Promise<typeof import('katex').default> | null = null;
const loadKatex = () => (katex ??= import('katex').then((m) => m.default));

export const Tex = memo(function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const [html, setHtml] = useState(() => cache.get(key) ?? null);
  useEffect(() => {
    if (cache.has(key)) {
      setHtml(cache.get(key)!);
      return;
    }
    let alive = true;
    loadKatex()
      .then((k) => {
        const out = k.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
        cache.set(key, out);
        if (alive) setHtml(out);
      })
      .catch(() => {
        /* the formula stays as plain text */
      });
    return () => {
      alive = false;
    };
  }, [key, tex, display]);
  if (html === null) return <code className="tex-fallback">{tex}</code>;
  return <span className={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
});
