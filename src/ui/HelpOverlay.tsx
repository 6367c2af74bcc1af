/** Keyboard shortcuts (opened with "?", closed with Escape or the button). */
import { useEffect, useRef } from 'react';
import { setView } from '../state/actions';
import { useStore } from '../state/store';
import { ClassroomLinkBuilder } from './ClassroomLinkBuilder';
import { replayTour } from './Tour';

export const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause'],
  ['→', 'step one iteration'],
  ['Shift + →', 'step ten iterations'],
  ['←', 'step back'],
  ['R', 'reset to iteration 0 (same data, same start)'],
  ['N', 'new data (next data seed)'],
  ['?', 'this help'],
];

export function HelpOverlay() {
  const open = useStore((s) => s.view.helpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  const close = () => setView({ helpOpen: false });
  return (
    <div className="overlay" onClick={close}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([k, d]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{d}</dd>
            </div>
          ))}
        </dl>
        <p>Shortcuts are ignored while a text field, slider or menu has focus.</p>
        <p>
          <button
            type="button"
            onClick={() => {
              close();
              replayTour();
            }}
          >
            Take the tour again
          </button>
        </p>
        <ClassroomLinkBuilder />
        <button ref={closeRef} type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
