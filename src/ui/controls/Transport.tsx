/**
 * Transport: Back, Play/Pause, Step, Forward 10, Reset, speed, and the iteration scrubber.
 * Moving the cursor never recomputes anything: every panel reads the stored history. The scrubber's
 * track is quadratic in the iteration (scrub-scale.ts); its keys move by whole iterations.
 * (No other button's name contains "Step", so `getByRole('button', { name: 'Step' })` is unique.)
 */
import { useId } from 'react';
import { pause, play, reset, setCursor, setView, step, stepBack } from '../../state/actions';
import { isCurrent, lastIteration } from '../../state/run-data';
import { SPEEDS, useStore } from '../../state/store';
import { flushUrl } from '../../state/url-sync';
import { TRACK, iterationAt, keyDelta, positionOf } from './scrub-scale';

export function Transport() {
  const playing = useStore((s) => s.view.playing);
  const speed = useStore((s) => s.view.speed);
  const it = useStore((s) => s.config.it);
  const iters = useStore((s) => s.config.iters);
  // The Sampler mode's cursor counts draws per chain (state/sampler-cursor.ts): the scrubber ends at the last draw.
  const sample = useStore((s) => s.config.mode === 'sample');
  // The scrubber's end: the longest computed run once done, else the iteration cap (the Sampler mode: every draw).
  const max = useStore((s) =>
    s.config.mode === 'sample' ? s.config.draws : isCurrent(s.run) && s.run.done ? Math.max(1, lastIteration(s.run)) : s.config.iters,
  );
  const unit = sample ? 'draw' : 'iteration';
  const end = Math.max(max, it);
  const speedId = useId();
  const scrubId = useId();
  return (
    <div className="transport" role="group" aria-label="Transport">
      <div className="button-row">
        <button type="button" onClick={() => stepBack()} aria-label="Back" title="Back one iteration (←)" disabled={it === 0}>
          ◀
        </button>
        <button type="button" className="primary" onClick={playing ? pause : play} title="Space">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => step()} title="One iteration of every method (→)">
          Step
        </button>
        <button type="button" onClick={() => step(10)} aria-label="Forward 10" title="Ten iterations (Shift+→)">
          +10
        </button>
        <button type="button" onClick={reset} title="Same data, same start: back to iteration 0 (R)">
          Reset
        </button>
      </div>
      <div className="field field-inline">
        <label htmlFor={speedId}>Speed</label>
        <select id={speedId} value={speed} onChange={(e) => setView({ speed: Number(e.currentTarget.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} it/s
            </option>
          ))}
        </select>
      </div>
      <div className="scrubber">
        <label htmlFor={scrubId}>{sample ? 'Draw' : 'Iteration'}</label>
        <input
          id={scrubId}
          type="range"
          min={0}
          max={TRACK}
          step="any"
          value={positionOf(it, end)}
          aria-valuetext={`${unit} ${it} of ${max}${!sample && max === iters ? ' (cap)' : ''}`}
          onChange={(e) => {
            if (playing) pause();
            setCursor(iterationAt(Number(e.currentTarget.value), end), 'drag');
          }}
          onKeyDown={(e) => {
            const now = useStore.getState().config.it; // key repeat can outrun a render
            const d = e.altKey || e.ctrlKey || e.metaKey ? null : keyDelta(e.key, now, end);
            if (d === null) return;
            e.preventDefault(); // not the track's own step: one key press, one iteration
            if (playing) pause();
            setCursor(now + d, 'drag');
          }}
          onPointerUp={flushUrl}
          onKeyUp={flushUrl}
        />
        <span className="scrub-value" aria-hidden="true">
          {it}
        </span>
      </div>
    </div>
  );
}
