/** The spectrum method's per-row DM spectra (only that method's: the spectrum panel shows one). */
import { spectrumAt } from '../../engine/diagnostics';
import type { Job } from './job';

const spectrumRun = (j: Job) => j.race.runs.find((r) => r.method === j.spectrumFor);

/** Rows of the spectrum method that have their spectrum, counted from the start (Infinity without that method). */
export function spectraDone(j: Job): number {
  const run = spectrumRun(j);
  if (!run) return Infinity;
  let k = 0;
  while (k < run.rows.length && run.rows[k].eigenvalues !== undefined) k++;
  return k;
}

/** Rows of the spectrum method so far (0 without that method). */
export const spectrumRows = (j: Job): number => spectrumRun(j)?.rows.length ?? 0;

/** Computes the spectrum of the next row of the spectrum method that has none (after a method change). */
export function spectrumRow(j: Job): void {
  const run = spectrumRun(j);
  if (!run) return;
  const row = run.rows[spectraDone(j)];
  if (row) row.eigenvalues = spectrumAt(j.model, j.model.estep(row.theta));
}
