/** The panel table (src/ui/panels/panel-table.ts): names and grid places are unique, and PANEL_NAMES follows the grid. */
import { describe, expect, it } from 'vitest';
import { PANEL_NAME, PANEL_NAMES, PANEL_TABLE } from '../../src/ui/panels/panel-table';

describe('the panel table', () => {
  it('has one row per id, name and grid place', () => {
    for (const key of ['id', 'name', 'order'] as const) expect(new Set(PANEL_TABLE.map((p) => p[key])).size).toBe(PANEL_TABLE.length);
  });

  it('lists the names in grid order and by id', () => {
    expect(PANEL_NAMES).toEqual(['Data', 'Log-likelihood', 'Missing-information spectrum', 'Parameter trajectories', 'Entropy']);
    for (const p of PANEL_TABLE) expect(PANEL_NAME[p.id]).toBe(p.name);
  });
});
