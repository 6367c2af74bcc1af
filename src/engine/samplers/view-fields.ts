/**
 * The layout of a draw's view row (chain-view.ts writes them, the page's sampler store reads them): a
 * file of its own so the page's main bundle takes this constant without the numerics around it.
 * Fields: f = wᵀφ (relabelled), a, b (plane, raw), switched (0 | 1), passes after burn-in so far.
 */
export const VIEW_FIELDS = 5;
