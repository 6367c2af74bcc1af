/** How a number is rounded and written in a link: every numeric key has one precision. */

export type Precision =
  | { readonly kind: 'int' }
  /** Fixed decimals, trailing zeros stripped: sep 2.50 → "2.5". */
  | { readonly kind: 'fixed'; readonly digits: number }
  /** Significant digits, written as JS's shortest form: lr 0.05 → "0.05". */
  | { readonly kind: 'sig'; readonly digits: number }
  /** Significant digits, always in exponent form: tol 1e-9 → "1e-9". */
  | { readonly kind: 'exp'; readonly digits: number };

export interface NumSpec {
  readonly min: number;
  readonly max: number;
  readonly precision: Precision;
}

export const INT: Precision = { kind: 'int' };
export const fixed = (digits: number): Precision => ({ kind: 'fixed', digits });
export const sig = (digits: number): Precision => ({ kind: 'sig', digits });
export const exp = (digits: number): Precision => ({ kind: 'exp', digits });

/** Round x to a precision; −0 becomes 0 so that canonical values compare equal under Object.is. */
export function roundTo(p: Precision, x: number): number {
  if (!Number.isFinite(x)) return x;
  let r: number;
  if (p.kind === 'int') r = Math.round(x);
  else if (p.kind === 'fixed') r = Math.round(x * 10 ** p.digits) / 10 ** p.digits;
  else if (p.kind === 'sig') r = x === 0 ? 0 : Number(x.toPrecision(p.digits));
  else r = x === 0 ? 0 : Number(x.toExponential(p.digits - 1));
  return r + 0;
}

/** The canonical text of x at precision p (never contains '+', so it survives form-decoding). */
export function formatValue(p: Precision, x: number): string {
  const r = roundTo(p, x);
  if (p.kind === 'exp' && Number.isFinite(r)) {
    const [m, e] = r.toExponential(p.digits - 1).split('e');
    return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${Number(e)}`;
  }
  return String(r).replace('e+', 'e');
}

/** How the precision reads in the docs' key table. */
export function describePrecision(p: Precision): string {
  if (p.kind === 'int') return 'integer';
  if (p.kind === 'fixed') return `${p.digits} decimal${p.digits === 1 ? '' : 's'}`;
  if (p.kind === 'sig') return `${p.digits} significant digits`;
  return `${p.digits} significant digits, exponent form`;
}
