/**
 * The sweep's settings: separations (from, to, count), replicates, E-step cap, target gap, N, the
 * methods and the rate map's second axis. Numbers commit on Enter or blur (each commit is a new
 * history entry); everything else — dimension, weight, variance ratio, seeds, τ, … — is the
 * experiment's, set in the settings on the left.
 */
import { useId } from 'react';
import { METHOD_IDS } from '../../engine/methods/registry';
import { methodLabel } from '../../experiment/codec';
import { formatValue } from '../../experiment/schema';
import { MAP_AXES, MAP_RANGE, SWEEP_BOUNDS, type SweepNumKey } from '../../experiment/sweep/spec';
import { setSweepSpec } from '../../state/sweep-actions';
import { useSweepStore } from '../../state/sweep-store';
import { MethodSwatch } from '../Legend';

const TOL_CHOICES = [1e-4, 1e-6, 1e-8, 1e-10, 1e-12];

export function SweepSettings() {
  const spec = useSweepStore((s) => s.spec);
  const running = useSweepStore((s) => s.status === 'running');
  return (
    <form className="sweep-settings" aria-label="Sweep settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={running}>
        <legend>Separations (σ)</legend>
        <NumberField label="From" field="sepFrom" value={spec.sepFrom} />
        <NumberField label="To" field="sepTo" value={spec.sepTo} />
        <NumberField label="Count" field="sepCount" value={spec.sepCount} />
      </fieldset>
      <fieldset disabled={running}>
        <legend>Runs</legend>
        <NumberField
          label="Replicates"
          field="reps"
          value={spec.reps}
          hint="data sets per separation; replicate r uses data seed seed + r"
        />
        <NumberField label="E-step cap" field="cap" value={spec.cap} hint="runs that need more are censored at the cap, never dropped" />
        <NumberField label="Points N" field="n" value={spec.n} hint="sample size of every data set" />
        <TolSelect value={spec.tol} />
      </fieldset>
      <fieldset disabled={running}>
        <legend>Methods</legend>
        <div className="sweep-methods">
          {METHOD_IDS.map((m) => (
            <label key={m} className="method-check">
              <input
                type="checkbox"
                checked={spec.methods.includes(m)}
                aria-label={`${methodLabel(m)} in the sweep`}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const methods = on ? [...spec.methods, m] : spec.methods.filter((x) => x !== m);
                  if (methods.length > 0) setSweepSpec({ methods });
                }}
              />
              <MethodSwatch method={m} />
              {methodLabel(m)}
              {m === 'adam' && <span className="hint"> (slow: tfjs)</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={running}>
        <legend>Rate map</legend>
        <div className="segmented" role="radiogroup" aria-label="Rate map axis">
          {MAP_AXES.map((a) => (
            <label key={a}>
              <input type="radio" name="sweep-map-axis" value={a} checked={spec.map === a} onChange={() => setSweepSpec({ map: a })} />
              {MAP_RANGE[a].label}
            </label>
          ))}
        </div>
        <NumberField label="Grid" field="mapSize" value={spec.mapSize} hint="points per axis (one data set each)" />
      </fieldset>
    </form>
  );
}

function NumberField({ label, field, value, hint }: { label: string; field: SweepNumKey; value: number; hint?: string }) {
  const id = useId();
  const { min, max, precision } = SWEEP_BOUNDS[field];
  const commit = (el: HTMLInputElement) => {
    const v = Number(el.value);
    // The codec rounds and clamps; an unreadable entry goes back to the current value.
    if (el.value.trim() !== '' && Number.isFinite(v) && v !== value) setSweepSpec({ [field]: v });
    else el.value = formatValue(precision, value);
  };
  return (
    <div className="field" title={hint}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        key={value}
        type="number"
        inputMode={precision.kind === 'int' ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={precision.kind === 'int' ? 1 : 0.01}
        defaultValue={formatValue(precision, value)}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget);
        }}
      />
    </div>
  );
}

function TolSelect({ value }: { value: number }) {
  const id = useId();
  const all = TOL_CHOICES.includes(value) ? TOL_CHOICES : [...TOL_CHOICES, value].sort((a, b) => b - a);
  return (
    <div className="field">
      <label htmlFor={id}>Target gap L* − L</label>
      <select id={id} value={String(value)} onChange={(e) => setSweepSpec({ tol: Number(e.currentTarget.value) })}>
        {all.map((t) => (
          <option key={t} value={String(t)}>
            {`< ${formatValue({ kind: 'exp', digits: 3 }, t)}`}
          </option>
        ))}
      </select>
    </div>
  );
}
