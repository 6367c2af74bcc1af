/**
 * The settings. Every fieldset says whether its changes restart the race (↻, recomputed in the
 * worker from iteration 0; the cursor stays) or apply instantly.
 */
import { memo, useId } from 'react';
import type { MethodId } from '../../engine/types';
import { METHOD_IDS } from '../../engine/types';
import { methodLabel } from '../../experiment/codec';
import { BOUNDS, SEED_MAX } from '../../experiment/schema';
import { SEP_SLIDER } from '../../experiment/sep-slider';
import { clearStart, newData, newStart, setConfig, setDim, toggleMethod } from '../../state/actions';
import { useShallow } from 'zustand/react/shallow';
import { useSettings, useStore } from '../../state/store';
import { fixed, int, sci } from '../format';
import { MethodSwatch } from '../Legend';
import { Group } from './Group';
import { Presets } from './Presets';
import { sameProps } from './same-props';
import { Slider } from './Slider';

const N_CHOICES = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];
const TOL_CHOICES = [1e-6, 1e-8, 1e-9, 1e-10, 1e-12];
const ITER_CHOICES = [100, 200, 500, 1000, 2000, 5000, 10000];

const Restarts = () => (
  <span className="restart-badge" title="Changing this restarts the race from iteration 0 (the cursor stays)">
    ↻ restarts the race
  </span>
);

export function Controls() {
  return (
    <div className="controls">
      <Presets />
      <MixtureControls />
      <StartControls />
      <MethodControls />
      <StopControls />
    </div>
  );
}

function MixtureControls() {
  const c = useSettings();
  return (
    <Group group="mixture">
      <legend>
        Mixture <Restarts />
      </legend>
      <div className="segmented" role="radiogroup" aria-label="Dimension">
        {([1, 2] as const).map((d) => (
          <label key={d}>
            <input type="radio" name="dim" value={d} checked={c.dim === d} onChange={() => setDim(d)} />
            {d}D
          </label>
        ))}
      </div>
      <Slider
        label="Separation"
        min={SEP_SLIDER.min}
        max={SEP_SLIDER.max}
        step={SEP_SLIDER.step}
        value={c.sep}
        onValue={(v, commit) => setConfig({ sep: v }, commit)}
        display={`${fixed(c.sep, 2)} σ`}
        valueText={`separation ${fixed(c.sep, 2)} σ`}
        hint="Distance between the true means in pooled standard deviations"
      />
      <Slider
        label="Weight π₁"
        min={BOUNDS.w.min}
        max={BOUNDS.w.max}
        step={0.01}
        value={c.w}
        onValue={(v, commit) => setConfig({ w: v }, commit)}
        display={fixed(c.w, 2)}
        valueText={`weight ${fixed(c.w, 2)}`}
      />
      <Slider
        label={c.dim === 1 ? 'Variance ratio σ₂²/σ₁²' : 'Scale ratio |Σ₂|½/|Σ₁|½'}
        min={-1}
        max={1}
        step={0.01}
        value={Math.log10(c.vr)}
        onValue={(v, commit) => setConfig({ vr: 10 ** v }, commit)}
        display={fixed(c.vr, 2)}
        valueText={`variance ratio ${fixed(c.vr, 2)}`}
      />
      {c.dim === 2 && (
        <>
          <Slider
            label="Aspect (minor/major)"
            min={BOUNDS.aspect.min}
            max={BOUNDS.aspect.max}
            step={0.01}
            value={c.aspect}
            onValue={(v, commit) => setConfig({ aspect: v }, commit)}
            display={fixed(c.aspect, 2)}
            valueText={`aspect ${fixed(c.aspect, 2)}`}
          />
          <Slider
            label="Rotation"
            min={BOUNDS.rot.min}
            max={BOUNDS.rot.max}
            step={1}
            value={c.rot}
            onValue={(v, commit) => setConfig({ rot: v }, commit)}
            display={`${c.rot}°`}
            valueText={`rotation ${c.rot} degrees`}
          />
        </>
      )}
      <ChoiceSelect
        label="Sample size N"
        value={c.n}
        choices={N_CHOICES}
        format={int}
        onChange={(n) => setConfig({ n }, 'push')}
      />
      <SeedField label="Data seed" value={c.seed} onChange={(seed) => setConfig({ seed }, 'push')} />
      <button type="button" onClick={newData} title="Shortcut: N">
        New data
      </button>
    </Group>
  );
}

function StartControls() {
  const init = useStore((s) => s.config.init);
  const manual = useStore((s) => s.config.start !== null);
  return (
    <Group group="start">
      <legend>
        Start <Restarts />
      </legend>
      <SeedField label="Start seed" value={init} onChange={(v) => setConfig({ init: v, start: null }, 'push')} />
      <div className="button-row">
        <button type="button" onClick={newStart}>
          New start
        </button>
        {manual && (
          <button type="button" onClick={clearStart}>
            Use seeded start
          </button>
        )}
      </div>
      <p className="hint">{manual ? 'Start means set by dragging the handles on the data panel.' : 'Or drag the numbered handles on the data panel.'}</p>
    </Group>
  );
}

function MethodControls() {
  // Only the keys it shows: a separation input does not re-render the method list.
  const c = useStore(useShallow((s) => ({ methods: s.config.methods, tau: s.config.tau, burn: s.config.burn, gstep: s.config.gstep, lr: s.config.lr, opt: s.config.opt })));
  const on = (m: MethodId) => c.methods.includes(m);
  return (
    <Group group="methods">
      <legend>
        Methods <Restarts />
      </legend>
      <div className="method-list">
        {METHOD_IDS.map((m) => (
          <label key={m} className="method-check">
            <input
              type="checkbox"
              checked={on(m)}
              disabled={on(m) && c.methods.length === 1}
              onChange={(e) => toggleMethod(m, e.currentTarget.checked)}
            />
            <MethodSwatch method={m} />
            {methodLabel(m)}
          </label>
        ))}
      </div>
      {on('hybrid') && (
        <>
          <Slider
            label="Hybrid threshold τ"
            min={0}
            max={1}
            step={0.01}
            value={c.tau}
            onValue={(v, commit) => setConfig({ tau: v }, commit)}
            display={fixed(c.tau, 2)}
            valueText={`tau ${fixed(c.tau, 2)}`}
            hint="Switch from EM to ECG once the normalised entropy H exceeds τ"
          />
          <Slider
            label="Hybrid burn-in"
            min={0}
            max={50}
            step={1}
            value={Math.min(50, c.burn)}
            onValue={(v, commit) => setConfig({ burn: v }, commit)}
            display={`${c.burn} its`}
            valueText={`burn-in ${c.burn} iterations`}
          />
        </>
      )}
      {on('grad') && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={c.gstep === 0}
              onChange={(e) => setConfig({ gstep: e.currentTarget.checked ? 0 : 0.01 }, 'push')}
            />
            Gradient: backtracking line search
          </label>
          {c.gstep > 0 && (
            <Slider
              label="Gradient step size"
              min={-4}
              max={0}
              step={0.05}
              value={Math.log10(c.gstep)}
              onValue={(v, commit) => setConfig({ gstep: 10 ** v }, commit)}
              display={sci(c.gstep, 1)}
              valueText={`gradient step size ${sci(c.gstep, 1)}`}
            />
          )}
        </>
      )}
      {on('adam') && (
        <>
          <Slider
            label="Adam learning rate"
            min={-4}
            max={0}
            step={0.05}
            value={Math.log10(c.lr)}
            onValue={(v, commit) => setConfig({ lr: 10 ** v }, commit)}
            display={sci(c.lr, 1)}
            valueText={`learning rate ${sci(c.lr, 1)}`}
          />
          <div className="segmented" role="radiogroup" aria-label="Adam baseline optimiser">
            {(['adam', 'momentum'] as const).map((o) => (
              <label key={o}>
                <input type="radio" name="opt" checked={c.opt === o} onChange={() => setConfig({ opt: o }, 'push')} />
                {o === 'adam' ? 'Adam' : 'momentum'}
              </label>
            ))}
          </div>
        </>
      )}
    </Group>
  );
}

function StopControls() {
  const tol = useStore((s) => s.config.tol);
  const iters = useStore((s) => s.config.iters);
  return (
    <Group group="stop">
      <legend>
        Stopping <Restarts />
      </legend>
      <ChoiceSelect label="Gap tolerance" value={tol} choices={TOL_CHOICES} format={(v) => sci(v, 0)} onChange={(v) => setConfig({ tol: v }, 'push')} />
      <ChoiceSelect label="Max iterations" value={iters} choices={ITER_CHOICES} format={int} onChange={(v) => setConfig({ iters: v }, 'push')} />
    </Group>
  );
}

const ChoiceSelect = memo(ChoiceSelectView, sameProps);
function ChoiceSelectView({ label, value, choices, format, onChange }: { label: string; value: number; choices: number[]; format: (v: number) => string; onChange: (v: number) => void }) {
  const id = useId();
  const all = choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b);
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
