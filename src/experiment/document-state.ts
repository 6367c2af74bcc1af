/**
 * The experiment state as the run and sweep documents write it: every key, except that a key added
 * after those formats were fixed (its row says `documentOmitsDefault`) is left out while it holds its
 * default. A document of a query that does not set such a key is then byte for byte what it was
 * before the key existed; a reader fills the default back in (DocumentStateSchema).
 */
import { z } from 'zod';
import type { KeyRow } from './key-rows';
import { KEYS, KEY_ORDER, type ExperimentState, type Key, type Keys } from './keys';
import { ExperimentStateSchema } from './schema';

type LateKey = { [K in Key]: Keys[K] extends { readonly documentOmitsDefault: true } ? K : never }[Key];
export type DocumentState = Omit<ExperimentState, LateKey> & Partial<Pick<ExperimentState, LateKey>>;

const rows = KEYS as Readonly<Record<Key, KeyRow>>;
const LATE_KEYS = KEY_ORDER.filter((k) => rows[k].documentOmitsDefault);

export function documentState(s: ExperimentState): DocumentState {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (LATE_KEYS.includes(k as Key) && Object.is(v, rows[k as Key].default)) continue;
    out[k] = v;
  }
  return out as DocumentState;
}

/** A document's state, read back as a full (strictly valid) ExperimentState. */
export const DocumentStateSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const filled: Record<string, unknown> = { ...(raw as object) };
  for (const k of LATE_KEYS) if (!(k in filled)) filled[k] = rows[k].default;
  return filled;
}, ExperimentStateSchema) as unknown as z.ZodType<ExperimentState>;
