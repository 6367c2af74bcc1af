/**
 * The control of one query key, built from its row of the key table (experiment/keys.ts): a slider,
 * a select, a seed field, a segmented choice, the method list, or "automatic or a slider". Each
 * control subscribes to its own key only, so a separation input re-renders the separation slider
 * and nothing else in the settings.
 */
import { memo, useId } from 'react';
import { METHODS, methodLabel, type MethodId } from '../../engine/methods/registry';
import type { Control, Display, KeyRow } from '../../experiment/key-rows';
import { KEYS, SEED_MAX, type ExperimentState, type Key } from '../../experiment/keys';
import { DEFAULT_STATE, appliesTo } from '../../experiment/schema';
import { SAMPLER_IDS, SAMPLER_LABELS, SAMPLER_NAMES, type SamplerId } from '../../experiment/sampler-list';
import { setConfig, toggleMethod } from '../../state/actions';
import type { UrlCommit } from '../../state/url-sync';
import { useStore } from '../../state/store';
import { fixed, int, sci } from '../format';
import { MethodSwatch } from '../Legend';
import { SamplerSwatch } from '../sampler/SamplerSwatch';
import { sameProps } from './same-props';
import { Slider } from './Slider';

const rows = KEYS as Readonly<Record<Key, KeyRow>>;

export function formatDisplay(d: Display, v: number, spoken = false): string {
  const text =
    d.format === 'int' ? (d.unit ? String(Math.round(v)) : int(v)) : d.format === 'sci' ? sci(v, d.digits ?? 1) : fixed(v, d.digits ?? 2);
  return `${text}${(spoken ? d.spokenUnit : undefined) ?? d.unit ?? ''}`;
}

/** Where a value sits on a slider's track, and back (key-rows.ts Control scale). */
const TRACKS = {
  linear: { toTrack: (v: number) => v, fromTrack: (x: number) => x },
  log10: { toTrack: Math.log10, fromTrack: (x: number) => 10 ** x },
  // Probabilities near 1 (the HMM's persistence): 0.9, 0.99 and 0.999 one unit apart.
  'log10-complement': { toTrack: (v: number) => -Math.log10(1 - v), fromTrack: (x: number) => 1 - 10 ** -x },
} as const;

/** Sets a key from its control: the keys it resets go back to their defaults, and the cursor to 0 if it rewinds. */
function setKey(key: Key, value: unknown, commit: UrlCommit): void {
  const r = rows[key];
  const patch: Record<string, unknown> = { [key]: value };
  for (const k of r.resets ?? []) patch[k] = DEFAULT_STATE[k as Key];
  if (r.rewinds) patch.it = 0;
  setConfig(patch as Partial<ExperimentState>, commit);
}

/** The control of `k`, or nothing when its method is not racing (or it has no control). */
export function KeyControl({ k }: { k: Key }) {
  const r = rows[k];
  const shown = useStore((s) => !r.forMethod || s.config.methods.includes(r.forMethod));
  const value = useStore((s) => s.config[k]);
  const dim = useStore((s) => s.config.dim);
  const model = useStore((s) => s.config.model);
  // A key that does not apply to this model or dimension (the HMM's p in a mixture, aspect in 1D) has no control there.
  const applies = appliesTo(k, { dim, model });
  if (!r.control || !shown || !applies) return null;
  const label = r.labelByFamily?.[model] ?? r.labelByDim?.[dim] ?? r.label;
  return <ControlView k={k} control={r.control} label={label} hint={r.hint} value={value} />;
}

function ControlView({
  k,
  control,
  label,
  hint,
  value,
}: {
  k: Key;
  control: Control;
  label: string;
  hint?: string;
  value: ExperimentState[Key];
}) {
  switch (control.kind) {
    case 'slider': {
      const v = value as number;
      const r = rows[k] as { min: number; max: number };
      const max = control.max ?? r.max;
      const { toTrack, fromTrack } = TRACKS[control.scale ?? 'linear'];
      return (
        <Slider
          label={label}
          min={control.min ?? r.min}
          max={max}
          step={control.step}
          value={Math.min(max, toTrack(v))}
          onValue={(x, commit) => setKey(k, fromTrack(x), commit)}
          display={formatDisplay(control.display, v)}
          valueText={`${control.spoken} ${formatDisplay(control.display, v, true)}`}
          hint={hint}
        />
      );
    }
    case 'auto-or-slider': {
      const v = value as number;
      return (
        <>
          <label className="check">
            <input type="checkbox" checked={v === 0} onChange={(e) => setKey(k, e.currentTarget.checked ? 0 : control.manual, 'push')} />
            {control.autoLabel}
          </label>
          {v > 0 && (
            <Slider
              label={label}
              min={control.min}
              max={control.max}
              step={control.step}
              value={Math.log10(v)}
              onValue={(x, commit) => setKey(k, 10 ** x, commit)}
              display={formatDisplay(control.display, v)}
              valueText={`${control.spoken} ${formatDisplay(control.display, v, true)}`}
            />
          )}
        </>
      );
    }
    case 'select':
      return (
        <ChoiceSelect
          label={label}
          value={value as number}
          choices={control.choices}
          display={control.display}
          onChange={(v) => setKey(k, v, 'push')}
        />
      );
    case 'seed':
      return <SeedField label={label} value={value as number} onChange={(v) => setKey(k, v, 'push')} />;
    case 'segmented':
      return (
        <div className="segmented" role="radiogroup" aria-label={label}>
          {control.options.map((o) => (
            <label key={String(o.value)}>
              <input
                type="radio"
                name={k}
                value={String(o.value)}
                checked={value === o.value}
                onChange={() => setKey(k, o.value, 'push')}
              />
              {o.label}
            </label>
          ))}
        </div>
      );
    case 'methods':
      return <MethodList methods={value as MethodId[]} />;
    case 'samplers':
      return <SamplerList samplers={value as SamplerId[]} />;
  }
}

/** At least one sampler stays on (as with the methods). */
const SamplerList = memo(function SamplerList({ samplers }: { samplers: SamplerId[] }) {
  const on = (m: SamplerId) => samplers.includes(m);
  const toggle = (id: SamplerId, checked: boolean) => {
    const next = checked ? [...samplers, id] : samplers.filter((x) => x !== id);
    if (next.length > 0) setConfig({ samplers: next }, 'push');
  };
  return (
    <div className="method-list">
      {SAMPLER_IDS.map((id) => (
        <label key={id} className="method-check" title={SAMPLER_NAMES[id]}>
          <input
            type="checkbox"
            checked={on(id)}
            disabled={on(id) && samplers.length === 1}
            onChange={(e) => toggle(id, e.currentTarget.checked)}
          />
          <SamplerSwatch sampler={id} />
          {SAMPLER_LABELS[id]}
        </label>
      ))}
    </div>
  );
});

const MethodList = memo(function MethodList({ methods }: { methods: MethodId[] }) {
  const on = (m: MethodId) => methods.includes(m);
  return (
    <div className="method-list">
      {METHODS.map(({ id }) => (
        <label key={id} className="method-check">
          <input
            type="checkbox"
            checked={on(id)}
            disabled={on(id) && methods.length === 1}
            onChange={(e) => toggleMethod(id, e.currentTarget.checked)}
          />
          <MethodSwatch method={id} />
          {methodLabel(id)}
        </label>
      ))}
    </div>
  );
});

const ChoiceSelect = memo(ChoiceSelectView, sameProps);
function ChoiceSelectView({
  label,
  value,
  choices,
  display,
  onChange,
}: {
  label: string;
  value: number;
  choices: readonly number[];
  display: Display;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const all = choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b);
  const format = (v: number) => (display.format === 'sci' ? sci(v, display.digits ?? 0) : formatDisplay(display, v));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {all.map((v) => (
          <option key={v} value={String(v)}>
            {format(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

const SeedField = memo(SeedFieldView, sameProps);
function SeedFieldView({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  const id = useId();
  // Commit on Enter or blur, not per keystroke (each commit restarts the race).
  const commit = (el: HTMLInputElement) => {
    const v = Math.round(Number(el.value));
    if (Number.isFinite(v) && v >= 0 && v <= SEED_MAX && v !== value) onChange(v);
    else el.value = String(value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        key={value}
        type="number"
        inputMode="numeric"
        min={0}
        max={SEED_MAX}
        defaultValue={value}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget);
        }}
      />
    </div>
  );
}
