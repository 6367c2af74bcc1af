/** A number as written in notices and errors: at most 4 significant digits (2.545e-6, 0.5, 1e-300, 1234). */
export function short(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(4));
  const a = Math.abs(r);
  return r !== 0 && (a < 1e-3 || a >= 1e6) ? r.toExponential().replace('e+', 'e') : String(r);
}
