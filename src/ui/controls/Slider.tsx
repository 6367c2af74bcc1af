/**
 * A labelled native range input (keyboard, touch and screen readers for free). `onValue` gets
 * 'drag' while the value moves and 'release' when the pointer or key is let go, so the URL is
 * written throttled while dragging and flushed on release.
 */
import { memo, useId } from 'react';
import { sameProps } from './same-props';

export interface SliderProps {
  label: string;
  min: number;
  max: number;
  step: number;
  /** Slider position (already transformed, e.g. log10 for log sliders). */
  value: number;
  onValue(v: number, commit: 'drag' | 'release'): void;
  /** Visible value text. */
  display: string;
  /** Spoken value, e.g. "separation 2.50 σ". */
  valueText: string;
  hint?: string;
}

export const Slider = memo(SliderView, sameProps);

function SliderView({ label, min, max, step, value, onValue, display, valueText, hint }: SliderProps) {
  const id = useId();
  const release = (e: { currentTarget: HTMLInputElement }) => onValue(Number(e.currentTarget.value), 'release');
  return (
    <div className="slider">
      <label htmlFor={id}>
        <span className="slider-label">{label}</span>
        {/* Not <output>: its implicit role is "status", and the page has one status region. */}
        <span className="slider-value" aria-hidden="true">
          {display}
        </span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText}
        title={hint}
        onChange={(e) => onValue(Number(e.currentTarget.value), 'drag')}
        onPointerUp={release}
        onKeyUp={release}
        onBlur={release}
      />
    </div>
  );
}
