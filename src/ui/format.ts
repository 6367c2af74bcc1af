/** Number formatting for readouts. Non-finite numbers never reach the page: they print as "—". */
export const DASH = '—';

export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Fixed decimals. */
export const fixed = (x: number | null | undefined, digits = 2): string => (isNum(x) ? x.toFixed(digits) : DASH);

/** Significant digits, switching to exponent form for very small/large magnitudes. */
export function sig(x: number | null | undefined, digits = 4): string {
  if (!isNum(x)) return DASH;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return sci(x, Math.max(1, digits - 1));
  return Number(x.toPrecision(digits)).toString();
}

/** Scientific notation with a real minus sign and superscript-free "e" form: 1.2e−8. */
export function sci(x: number | null | undefined, digits = 2): string {
  if (!isNum(x)) return DASH;
  return x.toExponential(digits).replace('e+', 'e').replace('-', '−');
}

/** Whole number with thin thousands groups (toLocaleString is far too slow for per-frame use). */
export const int = (x: number | null | undefined): string =>
  isNum(x) ? String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : DASH;

/** A log-likelihood: enough digits to see the gap shrink. */
export const logLik = (x: number | null | undefined): string => (isNum(x) ? x.toFixed(6) : DASH);

/** Minus sign for display (typographic), used where numbers sit in prose. */
export const minus = (s: string): string => s.replace(/^-/, '−');
