/**
 * Page shortcuts: Space play/pause, → step, Shift+→ ten steps, ← back, R reset, N new data,
 * ? help, Escape closes help. Ignored while a form field has focus (typing, sliders and menus
 * keep their own keys) and with modifier keys; Space/Enter on buttons and checkboxes keep their
 * native meaning. preventDefault only for keys actually handled.
 */
import { useEffect } from 'react';
import { newData, reset, setView, step, stepBack, togglePlay } from '../state/actions';
import { useStore } from '../state/store';

function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"], [role="slider"]')) {
    const input = target.closest('input');
    // Checkboxes and radios only use Space (and arrows for radio groups).
    if (input && (input.type === 'checkbox' || input.type === 'radio')) return key === ' ' || key.startsWith('Arrow');
    return true;
  }
  if (target.closest('button, a[href], summary')) return key === ' ' || key === 'Enter';
  return false;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const helpOpen = useStore.getState().view.helpOpen;
      if (helpOpen) {
        if (e.key === 'Escape' || e.key === '?') {
          setView({ helpOpen: false });
          e.preventDefault();
        }
        return;
      }
      if (ownsKey(e.target, e.key)) return;
      let handled = true;
      switch (e.key) {
        case ' ':
          togglePlay();
          break;
        case 'ArrowRight':
          step(e.shiftKey ? 10 : 1);
          break;
        case 'ArrowLeft':
          stepBack(e.shiftKey ? 10 : 1);
          break;
        case 'r':
        case 'R':
          reset();
          break;
        case 'n':
        case 'N':
          newData();
          break;
        case '?':
          setView({ helpOpen: true });
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
