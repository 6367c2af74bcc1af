/**
 * The live status in the Sampler mode (role=status, polite): "Draw k of N", what the worker is
 * computing, and any error. Written to the DOM by the frame loop, at most once a second while playing.
 */
import { useEffect, useRef } from 'react';
import { registerDrawer } from '../../state/frame-loop';
import { receivedDraws, sampleCurrent, useSampleRun } from '../../state/sampler-store';
import { useStore } from '../../state/store';

export function samplerStatusText(): string {
  const { config } = useStore.getState();
  const run = useSampleRun.getState();
  const parts = [`Draw ${config.it} of ${config.draws}.`];
  if (run.error) parts.push(`Sampling failed: ${run.error}.`);
  else if (!sampleCurrent(run)) parts.push('Finding the posterior mode for the new settings…');
  else {
    const got = receivedDraws(run);
    if (got < Math.min(config.it, config.draws))
      parts.push(`Sampling draw ${config.it}: ${got} so far (the chains advance together, at the pace of the costliest)…`);
    else if (!run.done) parts.push(`Sampling ahead: ${got} draws per chain so far.`);
    else parts.push('Every chain has all its draws.');
    if (run.curve.length < run.curveTotal) parts.push(`Efficiency curve: ${run.curve.length} of ${run.curveTotal} separations.`);
  }
  return parts.join(' ');
}

export function SamplerStatus() {
  const el = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    let lastWrite = 0;
    return registerDrawer(
      'sampler-status',
      () => {
        const now = performance.now();
        if (useStore.getState().view.playing && now - lastWrite < 1000) return true;
        const text = samplerStatusText();
        if (el.current && el.current.textContent !== text) {
          el.current.textContent = text;
          lastWrite = now;
        }
        return true;
      },
      () => {},
    );
  }, []);
  return <p ref={el} className="status" role="status" aria-live="polite" aria-atomic="true" />;
}
