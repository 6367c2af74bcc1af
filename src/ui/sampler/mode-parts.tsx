/**
 * What App.tsx shows of the Sampler mode, each loaded only when that mode is first shown (the race
 * mode's bundle and its start-up stay as they were): the main column, the legend and the status.
 */
import { lazy } from 'react';

export const LazySampleMode = lazy(() => import('./SampleMode'));
export const LazySamplerLegend = lazy(() => import('./SamplerLegend').then((m) => ({ default: m.SamplerLegend })));
export const LazySamplerStatus = lazy(() => import('./SamplerStatus').then((m) => ({ default: m.SamplerStatus })));
export { ModeSwitch } from './ModeSwitch';
