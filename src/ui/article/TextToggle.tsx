/** The reader's switch between the article and the dense panel grid (remembered locally, never in the URL). */
import { setArticlePref, useArticlePrefs } from '../../state/article-prefs';

export function TextToggle() {
  const on = useArticlePrefs((s) => s.showText);
  return (
    <label className="check text-toggle">
      <input type="checkbox" checked={on} onChange={(e) => setArticlePref({ showText: e.currentTarget.checked })} />
      Show the text
    </label>
  );
}
