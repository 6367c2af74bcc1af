/**
 * Method colours (Okabe–Ito, colour-blind safe) plus a dash pattern per method, so that
 * methods stay distinguishable in greyscale and for every colour-vision deficiency.
 */
import type { MethodId } from '../engine/types';
import { currentTheme } from './theme';

export interface MethodStyle {
  readonly colour: string;
  /** SVG stroke-dasharray ('' = solid). */
  readonly dash: string;
  /** Canvas setLineDash pattern. */
  readonly dashArray: number[];
  /** d3 symbol for markers at the current iterate. */
  readonly marker: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye';
}

/** An SVG stroke-dasharray as a canvas setLineDash pattern. */
export const dashArrayOf = (dash: string): number[] => (dash ? dash.split(' ').map(Number) : []);

const style = (colour: string, dash: string, marker: MethodStyle['marker']): MethodStyle => ({
  colour,
  dash,
  dashArray: dashArrayOf(dash),
  marker,
});

export const METHOD_STYLE: Record<MethodId, MethodStyle> = {
  em: style('#0072B2', '', 'circle'), // blue
  grad: style('#E69F00', '7 3', 'square'), // orange
  ecg: style('#009E73', '2 2', 'triangle'), // bluish green
  hybrid: style('#CC79A7', '9 3 2 3', 'diamond'), // reddish purple
  squarem: style('#D55E00', '4 2', 'cross'), // vermillion
  newton: style('#56B4E9', '12 3', 'star'), // sky blue
  // Black on light, near-white on dark (read at draw time; the theme redraws every panel).
  adam: {
    ...style('#000000', '1 3', 'wye'),
    get colour() {
      return currentTheme() === 'dark' ? '#e8e8e8' : '#000000';
    },
  }, // black
};

/** The true mixture: neutral grey, dotted. */
export const TRUTH_STYLE = { colour: '#6b6b6b', dash: '3 3', dashArray: dashArrayOf('3 3') } as const;

/** Responsibility colouring of points: component 1 ↔ component 2 (blue–red diverging, CB-safe). */
export const COMPONENT_COLOURS = ['#2166ac', '#b2182b'] as const;
