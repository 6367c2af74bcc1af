/** The docs' key table is the key table's own: regenerate it with `npm run docs:keys` after changing a row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYS_END, KEYS_START, keyTableMarkdown, withKeyTable } from '../../src/experiment/key-docs';
import { KEY_ORDER } from '../../src/experiment/keys';

const page = readFileSync(new URL('../../docs/url-keys.md', import.meta.url), 'utf8');

describe('docs/url-keys.md', () => {
  it('holds exactly the generated key table (run `npm run docs:keys` to update it)', () => {
    expect(page.includes(KEYS_START) && page.includes(KEYS_END)).toBe(true);
    expect(withKeyTable(page)).toBe(page);
  });

  it('has one row per key, in canonical order', () => {
    const keys = [...keyTableMarkdown().matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]);
    expect(keys).toEqual(KEY_ORDER);
  });
});
