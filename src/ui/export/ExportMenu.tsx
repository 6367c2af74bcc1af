/**
 * The export control in every panel's header: one small button opening a menu with "SVG" and "PNG"
 * (the WAI-ARIA menu button pattern: Enter/Space/↓ open it, ↑↓ Home End move, Escape closes it,
 * focus returns to the button). One button, because headers already hold the panel's own tools.
 * The panel is found from the control's place in the DOM (its <figure>), so any panel built on
 * Panel.tsx gets it. A failure is reported in the panel (role=alert), never thrown.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { exportFigure, type FigureFormat } from './figure-export';
import './export.css';

const FORMATS: { format: FigureFormat; hint: string }[] = [
  { format: 'svg', hint: 'vector, editable' },
  { format: 'png', hint: 'bitmap, 2× resolution' },
];
const MESSAGE_MS = 8000;

export function ExportMenu({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const menuId = useId();
  useEffect(() => () => clearTimeout(timer.current), []);

  // A press anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const items = () => [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const openAt = (which: 'first' | 'last') => {
    setOpen(true);
    // The items exist after this render.
    requestAnimationFrame(() => (which === 'first' ? items()[0] : items().at(-1))?.focus());
  };
  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const show = (ok: string, failed: string) => {
    setSaved(ok);
    setError(failed);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSaved('');
      setError('');
    }, MESSAGE_MS);
  };

  async function download(format: FigureFormat) {
    const figure = root.current?.closest('figure');
    close();
    setBusy(true);
    try {
      if (!figure) throw new Error('the panel is not on the page');
      show(`Saved ${await exportFigure(figure, name, format)}`, '');
    } catch (err) {
      console.error(`export of "${name}" as ${format} failed`, err);
      show('', `${format.toUpperCase()} export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  }

  function onTriggerKey(e: KeyboardEvent) {
    if (!busy && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKey(e: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[e.key];
    if (move !== undefined) list[(move + list.length) % list.length]?.focus();
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') setOpen(false);
    else if (!e.key.startsWith('Arrow')) return;
    // The menu keeps its keys: no page shortcut (→ steps the race) while it is open.
    if (e.key !== 'Tab') e.preventDefault();
  }

  return (
    <div className="panel-export" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="panel-export-trigger"
        aria-label={`Export ${name} panel`}
        title="Export this panel as SVG or PNG"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy}
        // Not `disabled` while a PNG is being made: that would drop the focus just returned to it.
        aria-disabled={busy}
        onClick={() => (open ? setOpen(false) : busy ? undefined : openAt('first'))}
        onKeyDown={onTriggerKey}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path
            d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 11.5v2h11v-2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      {open && (
        <div className="panel-export-menu" role="menu" id={menuId} aria-label={`Export ${name} panel`} onKeyDown={onMenuKey}>
          {FORMATS.map(({ format, hint }) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-label={`Download ${name} panel as ${format.toUpperCase()}`}
              onClick={() => download(format)}
            >
              {format.toUpperCase()}{' '}
              <span className="panel-export-hint" aria-hidden="true">
                {hint}
              </span>
            </button>
          ))}
        </div>
      )}
      <span className="panel-export-saved" aria-live="polite">
        {saved}
      </span>
      {error && (
        <p className="panel-export-error" role="alert">
          {error}
          <button type="button" aria-label="Close the export message" onClick={() => show('', '')}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
