/** Numbers of the Sampler mode's panels and prose: one formatter each, so text and figures agree. Unknown reads "…". */
import { PENDING } from '../article/bindings';
import { isNum } from '../format';

export const percent = (x: number | null | undefined): string => {
  if (!isNum(x)) return PENDING;
  if (x === 0) return '0 %';
  if (x < 0.01) return 'under 1 %';
  return `${Math.round(100 * x)} %`;
};

/** ESS per pass, or any small positive rate: 3 significant digits (0.0012, 0.394). */
export const rate = (x: number | null | undefined): string => (isNum(x) ? Number(x.toPrecision(3)).toString() : PENDING);

/** λ and autocorrelations: 3 decimals. */
export const corr = (x: number | null | undefined): string => (isNum(x) ? x.toFixed(3).replace(/^-/, '−') : PENDING);

export const count = (x: number | null | undefined): string =>
  isNum(x) ? String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : PENDING;

/** A separation in σ. */
export const sigma = (x: number | null | undefined): string => (isNum(x) ? `${x.toFixed(x < 10 ? 2 : 1)} σ` : PENDING);
