/** Named stop reasons: a code for programs and a sentence for people. */
import type { StopCode, StopReason } from './types';

const PLAIN: Record<StopCode, string> = {
  'converged-gap': 'converged',
  'converged-rel-dl': 'converged',
  'converged-grad': 'converged',
  'iteration-cap': 'iteration cap',
  collapse: 'variance collapse',
  'symmetric-start': 'symmetric start',
  'non-finite': 'non-finite trial point',
  'line-search-failed': 'line search failed',
  'too-few-points': 'too few points',
  'other-stationary-point': 'converged to a different stationary point',
  'not-for-model': 'not available',
};

export const stop = (code: StopCode, detail: string): StopReason => ({ code, message: `${PLAIN[code]}: ${detail}` });

export const isConverged = (s: StopReason | null): boolean =>
  s !== null && (s.code.startsWith('converged') || s.code === 'other-stationary-point');
