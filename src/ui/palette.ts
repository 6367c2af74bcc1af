/**
 * Method colours (Okabe–Ito, colour-blind safe) plus a dash pattern per method, so that
 * methods stay distinguishable in greyscale and for every colour-vision deficiency.
 */
import {
  symbolAsterisk,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolDiamond2,
  symbolPlus,
  symbolSquare,
  symbolSquare2,
  symbolStar,
  symbolTriangle,
  symbolTriangle2,
  symbolWye,
  symbolX,
  type SymbolType,
} from 'd3';
import type { MethodId } from '../engine/types';
import { currentTheme } from './theme';

/**
 * Markers for the current iterate: d3's seven filled symbols, then its outline symbols (drawn with a
 * stroke, no fill) — fourteen, room for twelve methods and the truth.
 */
export const MARKER_SYMBOLS = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
  plus: symbolPlus,
  times: symbolX,
  triangle2: symbolTriangle2,
  asterisk: symbolAsterisk,
  square2: symbolSquare2,
  diamond2: symbolDiamond2,
} as const satisfies Record<string, SymbolType>;
export type Marker = keyof typeof MARKER_SYMBOLS;
/** Outline symbols: stroked in the method's colour, not filled. */
export const isOutlineMarker = (m: Marker): boolean => m === 'plus' || m === 'times' || m.endsWith('2') || m === 'asterisk';

export interface MethodStyle {
  readonly colour: string;
  /** SVG stroke-dasharray ('' = solid). */
  readonly dash: string;
  /** Canvas setLineDash pattern. */
  readonly dashArray: number[];
  /** d3 symbol for markers at the current iterate. */
  readonly marker: Marker;
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
  // Between EM and gradient (not in the default race): Paul Tol's muted scheme, colour-blind safe too.
  relax: style('#882255', '6 2 1 2', 'plus'), // wine
  adarelax: style('#AA4499', '3 1', 'times'), // purple
  jjcg: style('#332288', '10 2 2 2 2 2', 'triangle2'), // indigo
  qn1: style('#117733', '5 1 1 1', 'asterisk'), // green
  ecme: style('#999933', '8 4', 'square2'), // olive
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
