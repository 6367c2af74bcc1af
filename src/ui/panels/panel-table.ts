/**
 * The race's panels as plain data, written once. No React here: the browser tests and the benchmark
 * import it too. `name` is the panel's accessible name (its <figure>'s aria-label, by which tests,
 * the tour and the exports find it); the rows are in the article's reading order, and `order` is the
 * panel's place in the dense grid (text hidden). The components are added in registry.ts.
 */
export const PANEL_TABLE = [
  { id: 'data', name: 'Data', order: 1 },
  { id: 'trajectories', name: 'Parameter trajectories', order: 4 },
  { id: 'spectrum', name: 'Missing-information spectrum', order: 3 },
  { id: 'loglik', name: 'Log-likelihood', order: 2 },
  { id: 'entropy', name: 'Entropy', order: 5 },
] as const;

type Row = (typeof PANEL_TABLE)[number];
export type PanelId = Row['id'];
export type PanelName = Row['name'];

/** Each panel's name by id. */
export const PANEL_NAME = Object.fromEntries(PANEL_TABLE.map((p) => [p.id, p.name])) as {
  readonly [K in PanelId]: Extract<Row, { id: K }>['name'];
};

/** Every panel's name, in the dense grid's order. */
export const PANEL_NAMES: readonly PanelName[] = [...PANEL_TABLE].sort((a, b) => a.order - b.order).map((p) => p.name);
