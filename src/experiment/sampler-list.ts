/**
 * The `samplers` key's list (the Sampler mode's chains): canonical order, labels, and the codec's
 * reading of a comma list with repairs in plain words — as `methods` is read, with the sampler ids.
 */
import { SAMPLER_IDS, type SamplerId } from '../engine/samplers/sampler';
import type { Note } from './codec';

export { SAMPLER_IDS, type SamplerId };

export const SAMPLER_LABELS: Readonly<Record<SamplerId, string>> = {
  gibbs: 'DA Gibbs',
  rwm: 'RWM',
  mala: 'MALA',
  hmc: 'HMC',
  nuts: 'NUTS',
};

/** What each sampler is, in a few words (legend titles, the settings). */
export const SAMPLER_NAMES: Readonly<Record<SamplerId, string>> = {
  gibbs: 'data-augmentation Gibbs (labels, then parameters)',
  rwm: 'random-walk Metropolis',
  mala: 'Metropolis-adjusted Langevin',
  hmc: 'Hamiltonian Monte Carlo',
  nuts: 'the No-U-Turn Sampler',
};

export const isSamplerId = (t: string): t is SamplerId => (SAMPLER_IDS as readonly string[]).includes(t);

/** Canonical order of SAMPLER_IDS, duplicates removed. */
export const canonicalSamplers = (ids: readonly SamplerId[]): SamplerId[] => SAMPLER_IDS.filter((id) => ids.includes(id));

export function decodeSamplers(raw: string, note: Note): SamplerId[] {
  const tokens = raw
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const all = `all ${SAMPLER_IDS.length} samplers`;
  if (tokens.length === 0) {
    note('samplers', `empty value; using ${all}`);
    return [...SAMPLER_IDS];
  }
  const unknown = [...new Set(tokens.filter((t) => !isSamplerId(t)))];
  const dups = [...new Set(tokens.filter((t, i) => isSamplerId(t) && tokens.indexOf(t) !== i))];
  const quote = (ts: string[]) => ts.map((t) => `'${t.length > 16 ? `${t.slice(0, 12)}…` : t}'`).join(', ');
  const dropped = [
    unknown.length ? `unknown ${quote(unknown.slice(0, 5))}${unknown.length > 5 ? ' …' : ''}` : '',
    dups.length ? `duplicate ${quote(dups)}` : '',
  ].filter(Boolean);
  const kept = canonicalSamplers(tokens.filter(isSamplerId));
  if (kept.length === 0) {
    note('samplers', `no known sampler (${dropped.join('; ')}); using ${all}`);
    return [...SAMPLER_IDS];
  }
  if (dropped.length) note('samplers', `dropped ${dropped.join(' and ')}`);
  return kept;
}
