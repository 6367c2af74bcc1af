/**
 * The samplers' colours (Okabe–Ito, colour-blind safe), dashes and markers. DA Gibbs takes EM's blue:
 * it is EM's sampling twin (E-step ↔ labels, M-step ↔ parameters), the point of the Sampler mode.
 */
import type { SamplerId } from '../../experiment/sampler-list';
import { dashArrayOf, type MethodStyle } from '../palette';

const style = (colour: string, dash: string, marker: MethodStyle['marker']): MethodStyle => ({
  colour,
  dash,
  dashArray: dashArrayOf(dash),
  marker,
});

export const SAMPLER_STYLE: Readonly<Record<SamplerId, MethodStyle>> = {
  gibbs: style('#0072B2', '', 'circle'), // blue
  rwm: style('#E69F00', '7 3', 'square'), // orange
  mala: style('#009E73', '2 2', 'triangle'), // bluish green
  hmc: style('#D55E00', '4 2', 'diamond'), // vermillion
  nuts: style('#CC79A7', '9 3 2 3', 'star'), // reddish purple
};
