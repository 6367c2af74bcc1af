/** The crossovers as the Sampler mode shows them: per marginal sampler, from a complete curve, in words. */
import { crossover, type Crossover } from '../../experiment/crossover';
import type { SamplerId } from '../../experiment/sampler-list';
import type { CurvePoint } from '../../state/sampler-store';
import { PENDING } from '../article/bindings';
import { sigma } from './sampler-format';

export type MarginalId = Exclude<SamplerId, 'gibbs'>;
export const MARGINAL: readonly MarginalId[] = ['rwm', 'mala', 'hmc', 'nuts'];

export function crossoverText(c: Crossover | null): string {
  if (!c || c.kind === 'unknown') return PENDING;
  if (c.kind === 'at') return `below ${sigma(c.sep)}`;
  return c.kind === 'gibbs-everywhere' ? 'nowhere: Gibbs is ahead at every separation' : 'everywhere: ahead of Gibbs at every separation';
}

/** The crossovers of the samplers on the curve, once the curve is complete (null while it fills in, or without Gibbs). */
export function curveCrossovers(
  curve: readonly CurvePoint[],
  total: number,
  samplers: readonly SamplerId[],
): Map<MarginalId, Crossover> | null {
  if (total === 0 || curve.length < total || !samplers.includes('gibbs')) return null;
  return new Map(MARGINAL.filter((s) => samplers.includes(s)).map((s) => [s, crossover(curve, s)]));
}
