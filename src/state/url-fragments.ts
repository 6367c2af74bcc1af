/**
 * Parts of the page that live in the URL beside the experiment (codec.ts): each registers how it
 * writes its own keys (a canonical "k=v&k=v" fragment, '' when at its defaults) and how it reads
 * them back from a query. url-sync.ts appends the fragments, in registration order, after the
 * experiment's query, and hands every query it reads (load, Back/Forward) to each reader.
 */
import type { Repair } from '../experiment/codec';

export interface UrlFragment {
  readonly name: string;
  encode(): string;
  /** Read this fragment's keys from a raw query (it may be malformed: repair, never throw); returns what it repaired. */
  apply(query: string): Repair[];
}

const fragments: UrlFragment[] = [];

/** Registering the same name twice replaces the first (hot reload, tests). */
export function registerUrlFragment(f: UrlFragment): void {
  const i = fragments.findIndex((x) => x.name === f.name);
  if (i >= 0) fragments[i] = f;
  else fragments.push(f);
}

export const encodeFragments = (): string =>
  fragments
    .map((f) => f.encode())
    .filter((s) => s !== '')
    .map((s) => `&${s}`)
    .join('');

export function applyFragments(query: string): Repair[] {
  const repairs: Repair[] = [];
  for (const f of fragments) {
    try {
      repairs.push(...f.apply(query));
    } catch (e) {
      console.error(`URL fragment "${f.name}" could not be read`, e);
      repairs.push({ key: f.name, message: 'could not be read; using its defaults' });
    }
  }
  return repairs;
}
