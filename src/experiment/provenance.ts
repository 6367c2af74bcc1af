/**
 * Provenance: what every download carries so a file found later says where it came from — the
 * format (schema id), the app version that wrote it, the seeds and the canonical query that
 * reproduce it. One place for the run document, the traces CSV, the figure exports and (on its
 * branch) the sweep document, so they cannot disagree.
 *
 * CSV files carry it as one leading comment line, `# key=value key=value …` (values never contain
 * spaces: the canonical query has none), which csv readers skip with their comment option
 * (pandas `comment='#'`, R `comment.char='#'`).
 */
import { encodeQuery } from './codec';
import type { ExperimentState } from './state';

// Replaced by the bundlers with package.json's version: Vite `define` (app, worker, Vitest) and
// esbuild's `define` in scripts/run-ts.mjs (the CLI). Anything else that runs this file unbundled
// gets a marker rather than a crash.
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-unbundled';

export interface Seeds {
  /** Data seed (`seed`): the labels and normal draws. */
  data: number;
  /** Start seed (`init`), or null when an explicit `start` made it irrelevant. */
  init: number | null;
}

export interface Provenance {
  schema: string;
  app: string;
  seeds: Seeds;
  /** The canonical query of the experiment (reproduces it with `npm run lab`). */
  query: string;
}

export const seedsOf = (s: Pick<ExperimentState, 'seed' | 'init' | 'start'>): Seeds => ({
  data: s.seed,
  init: s.start === null ? s.init : null,
});

export function provenance(schema: string, state: ExperimentState): Provenance {
  return { schema, app: APP_VERSION, seeds: seedsOf(state), query: encodeQuery(state) };
}

/** The one-line CSV comment: `# schema=… app=… seed=… init=…|none query=…`. */
export function provenanceComment(p: Provenance): string {
  return `# schema=${p.schema} app=${p.app} seed=${p.seeds.data} init=${p.seeds.init ?? 'none'} query=${p.query}`;
}

/** Reads a line written by `provenanceComment` back; null when it is not one. */
export function parseProvenanceComment(line: string): Provenance | null {
  if (!line.startsWith('# ')) return null;
  const fields = new Map<string, string>();
  for (const part of line.slice(2).split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const [schema, app, seed, init, query] = ['schema', 'app', 'seed', 'init', 'query'].map((k) => fields.get(k));
  if (!schema || !app || !seed || !init || query === undefined) return null;
  const data = Number(seed);
  const initSeed = init === 'none' ? null : Number(init);
  if (!Number.isInteger(data) || (initSeed !== null && !Number.isInteger(initSeed))) return null;
  return { schema, app, seeds: { data, init: initSeed }, query };
}
