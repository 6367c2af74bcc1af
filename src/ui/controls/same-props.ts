/**
 * memo() comparator for the settings' controls: equal when every non-function prop is. The
 * controls' callbacks are written inline and only forward the new value to a store action, so a
 * new closure does not change what the control does — and without this, every slider input
 * re-rendered every control of its group (React then rewrites each <input>'s value and
 * attributes: ~1 ms per input on the critical path of the redraw).
 */
export function sameProps<P extends object>(a: P, b: P): boolean {
  for (const k of Object.keys(a) as (keyof P)[]) if (typeof a[k] !== 'function' && !Object.is(a[k], b[k])) return false;
  return Object.keys(a).length === Object.keys(b).length;
}
