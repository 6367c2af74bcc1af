/**
 * The transport in the Sampler mode: the cursor counts draws per chain (0 … draws), Step shows one
 * more draw of every chain, and Play waits for draws still on their way from the worker.
 */
import { receivedDraws, sampleCurrent, useSampleRun } from './sampler-store';
import type { AppState } from './store';

export const isSampleMode = (s: Pick<AppState, 'config'>): boolean => s.config.mode === 'sample';

/** The furthest the cursor may go: every draw. */
export const sampleCursorMax = (s: Pick<AppState, 'config'>): number => s.config.draws;

/**
 * How far playback may move the cursor from `it` by `by` draws now, and whether it should go on:
 * null when it must wait (the draws are not here yet).
 */
export function samplePlaybackTarget(s: Pick<AppState, 'config'>, by: number): { to: number; more: boolean } | null {
  const run = useSampleRun.getState();
  const { it, draws } = s.config;
  if (!sampleCurrent(run)) return null;
  const reachable = Math.min(receivedDraws(run), draws);
  if (it >= reachable) return it >= draws ? { to: draws, more: false } : null;
  const to = Math.min(it + by, reachable);
  return { to, more: to < draws };
}
