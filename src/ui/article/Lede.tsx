/** The opening: what the reader is looking at and why it matters, before any formula. */
import { methodCount, methodNoun, sampleSize, separation } from './bindings';
import { ArticleText } from './ArticleSection';
import { Live } from './Live';

export function Lede() {
  return (
    <ArticleText id="lede">
      <p className="lede">
        <Live bind="n" value={sampleSize} /> points drawn from two Gaussians whose means are <Live bind="sep" value={separation} /> σ apart.{' '}
        <Live bind="method-count" value={methodCount} /> <Live bind="method-noun" value={methodNoun} plain /> the same likelihood from the
        same start. Sometimes EM wins easily; sometimes it crawls for thousands of iterations. What decides it is how much information the
        hidden labels — which component each point came from — would have carried. Scroll on: every number in the text is computed from the
        experiment on screen, and the underlined phrases change it.
      </p>
    </ArticleText>
  );
}
