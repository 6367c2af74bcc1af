/**
 * The docs' table of query keys (docs/url-keys.md, between its keys:start/keys:end markers), written
 * from the key table itself: scripts/keys-table.ts rewrites the page, tests/unit/key-docs.test.ts
 * fails when the page and the table disagree.
 */
import { DEFAULT_METHOD_IDS, METHOD_IDS } from '../engine/methods/registry';
import type { KeyRow } from './key-rows';
import { KEYS, KEY_ORDER, type Key } from './keys';
import { describePrecision, formatValue } from './precision';

const rows = KEYS as Readonly<Record<Key, KeyRow>>;
const code = (s: string | number) => `\`${s}\``;
const minus = (s: string) => s.replace(/^-/, '−');
const grouped = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function rangeOf(r: KeyRow): string {
  switch (r.kind) {
    case 'num': {
      // Exponent form below 1 only ("1e-12 – 1"); whole numbers grouped in thousands.
      const f = (x: number) =>
        minus(r.precision.kind === 'exp' && x < 1 ? formatValue(r.precision, x) : r.precision.kind === 'int' ? grouped(x) : String(x));
      return `${f(r.min)} – ${f(r.max)}`;
    }
    case 'enum':
      return r.values.map(code).join(r.values.length === 2 ? ' or ' : ', ');
    case 'methods':
      return 'at least one';
    case 'version':
      return code(r.default);
    case 'start':
      return '—';
  }
}

function defaultOf(r: KeyRow): string {
  switch (r.kind) {
    case 'num':
      return r.omitDefault ? `${code(formatValue(r.precision, r.default))} (absent)` : code(formatValue(r.precision, r.default));
    case 'methods':
      return DEFAULT_METHOD_IDS.length === METHOD_IDS.length ? 'all of them' : DEFAULT_METHOD_IDS.map(code).join(', ');
    case 'start':
      return 'absent (drawn from `init`)';
    default:
      return code(r.default);
  }
}

function precisionOf(r: KeyRow): string {
  if (r.kind === 'num' || r.kind === 'start') return describePrecision(r.precision);
  if (r.kind === 'version') return 'integer';
  if (r.kind === 'methods') return 'listed in the order shown';
  return '—';
}

function meaningOf(key: Key, r: KeyRow): string {
  const dims = r.dims ? `${r.dims.join(' or ')}D only: ` : '';
  const doc = key === 'methods' ? `${r.doc}: any of ${METHOD_IDS.map(code).join(', ')}` : r.doc;
  return dims + doc;
}

export function keyTableMarkdown(): string {
  const lines = ['| Key | Meaning | Default | Range | Precision |', '| --- | --- | --- | --- | --- |'];
  for (const k of KEY_ORDER) {
    const r = rows[k];
    lines.push(`| ${code(k)} | ${meaningOf(k, r)} | ${defaultOf(r)} | ${rangeOf(r)} | ${precisionOf(r)} |`);
  }
  return lines.join('\n');
}

export const KEYS_START = '<!-- keys:start -->';
export const KEYS_END = '<!-- keys:end -->';

/** The page with its key table replaced by the generated one. */
export function withKeyTable(page: string): string {
  const a = page.indexOf(KEYS_START);
  const b = page.indexOf(KEYS_END);
  if (a < 0 || b < a) throw new Error(`the page has no ${KEYS_START} … ${KEYS_END} section`);
  return `${page.slice(0, a + KEYS_START.length)}\n${keyTableMarkdown()}\n${page.slice(b)}`;
}
