/**
 * The panels as plain data, written once. No React here: the browser tests and the benchmark
 * import it too. `name` is the panel's accessible name (its <figure>'s aria-label, by which tests,
 * the tour and the exports find it); `mode` is the page mode that shows it (the race's panels, or
 * the Sampler mode's); the rows are in the article's reading order within a mode, and `order` is
 * the panel's place in the dense grid (text hidden). The components are added in registry.ts (the
 * race's) and sampler/sample-registry.ts (the Sampler mode's, loaded with that mode).
 */
export const PANEL_TABLE = [
  { id: 'data', name: 'Data', order: 1, mode: 'race' },
  { id: 'trajectories', name: 'Parameter trajectories', order: 4, mode: 'race' },
  { id: 'spectrum', name: 'Missing-information spectrum', order: 3, mode: 'race' },
  { id: 'loglik', name: 'Log-likelihood', order: 2, mode: 'race' },
  { id: 'entropy', name: 'Entropy', order: 5, mode: 'race' },
  { id: 'chains', name: 'Chains on the posterior', order: 11, mode: 'sample' },
  { id: 'samplerTraces', name: 'Traces of the slowest functional', order: 12, mode: 'sample' },
  { id: 'acf', name: 'Autocorrelation', order: 13, mode: 'sample' },
  { id: 'ess', name: 'Effective draws per pass', order: 14, mode: 'sample' },
  { id: 'essCurve', name: 'Efficiency against separation', order: 15, mode: 'sample' },
] as const;

type Row = (typeof PANEL_TABLE)[number];
export type PanelId = Row['id'];
export type PanelName = Row['name'];
export type PageMode = Row['mode'];
export type RacePanelId = Extract<Row, { mode: 'race' }>['id'];
export type SamplePanelId = Extract<Row, { mode: 'sample' }>['id'];

/** Each panel's name by id. */
export const PANEL_NAME = Object.fromEntries(PANEL_TABLE.map((p) => [p.id, p.name])) as {
  readonly [K in PanelId]: Extract<Row, { id: K }>['name'];
};

const namesOf = (mode: PageMode): PanelName[] =>
  [...PANEL_TABLE]
    .filter((p) => p.mode === mode)
    .sort((a, b) => a.order - b.order)
    .map((p) => p.name);

/** The race's panels' names, in the dense grid's order. */
export const PANEL_NAMES: readonly PanelName[] = namesOf('race');

/** The Sampler mode's panels' names, in the dense grid's order. */
export const SAMPLE_PANEL_NAMES: readonly PanelName[] = namesOf('sample');
