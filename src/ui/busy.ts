/**
 * aria-busy for a figure or a bound number, and the visual "stale" dimming that goes with it. The
 * dimming is a class added only once an element has stayed busy for STALE_AFTER_MS: no CSS rule
 * matches aria-busy itself, so the attribute flipping on and off for a quick recompute (every
 * slider input) costs no style recalculation, paint or transition events — only a recompute that
 * is slow enough to see gets dimmed.
 */
const STALE_AFTER_MS = 150;
const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

export function setBusy(el: Element, busy: boolean): void {
  const v = busy ? 'true' : 'false';
  if (el.getAttribute('aria-busy') === v) return;
  el.setAttribute('aria-busy', v);
  clearTimeout(timers.get(el));
  timers.delete(el);
  if (busy)
    timers.set(
      el,
      setTimeout(() => {
        timers.delete(el);
        if (el.getAttribute('aria-busy') === 'true') el.classList.add('stale');
      }, STALE_AFTER_MS),
    );
  else if (el.classList.contains('stale')) el.classList.remove('stale');
}
