/**
 * The EM step, gradient and Newton step at the θ the trajectory panel highlights, as last received
 * from the worker (local-steps.ts fetches them). Separate from the fetching so that readers (the
 * panel, the article's bindings) do not pull in the worker.
 */
import { create } from 'zustand';
import type { PlaneSteps } from '../engine/local-steps';
import type { MethodId } from '../engine/types';

export interface LocalStepsState {
  /** What `steps` belong to: `epoch:method:row`, '' before the first reply. */
  readonly key: string;
  readonly method: MethodId | null;
  readonly row: number;
  /** null: the worker found no steps there (θ outside the domain, or settings changed meanwhile). */
  readonly steps: PlaneSteps | null;
  /** The key the shown θ has now ('' when its row is not computed yet): steps are stale while key ≠ wanted. */
  readonly wanted: string;
}

export const useLocalSteps = create<LocalStepsState>(() => ({ key: '', method: null, row: -1, steps: null, wanted: '' }));

/** The steps for the θ shown now (null while they are being fetched). */
export const currentSteps = (s: LocalStepsState): PlaneSteps | null => (s.key !== '' && s.key === s.wanted ? s.steps : null);
