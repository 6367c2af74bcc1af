/**
 * The URL codec: ExperimentState ⇄ a short, versioned, human-readable query string.
 * Decoding never throws: each bad value is clamped or defaulted, and each key repaired gets one
 * plain-words Repair. Encoding is canonical (fixed key order and number formats), so
 * decode(encode(s)) = s for every valid s and encode(decode(q)) = q for every canonical q.
 */
import { startRefusal } from '../engine/start-refusal';
import { familyData } from '../engine/family-data';
import { DEFAULT_METHOD_IDS, METHOD_IDS, isMethodId } from '../engine/methods/registry';
import type { Dim, MethodId, ModelFamily } from '../engine/types';
import type { Effect, EnumRow, KeyRow } from './key-rows';
import { KEYS, KEY_ORDER, type Key } from './keys';
import {
  BOUNDS,
  DEFAULT_STATE,
  ExperimentStateSchema,
  START_PRECISION,
  VERSION,
  appliesTo,
  canonicalMethods,
  formatValue,
  roundTo,
  startError,
  whereApplies,
  type NumKey,
  type NumSpec,
} from './schema';
import { isPageKey } from './page-keys';
import { decodeSamplers } from './sampler-list';
import type { ExperimentState } from './state';

export interface Repair {
  key: string;
  message: string;
}

export interface Decoded {
  state: ExperimentState;
  repairs: Repair[];
}

export { KEY_ORDER } from './keys';
const KNOWN = new Set<string>(KEY_ORDER);
const rows = KEYS as Readonly<Record<Key, KeyRow>>;

/** Unknown keys listed one by one before the rest are summarised (keeps the banner short). */
const MAX_UNKNOWN_LISTED = 5;

export { methodLabel } from '../engine/methods/registry';

export const formatRepair = (r: Repair): string => `${r.key}: ${r.message}`;

// ---------------------------------------------------------------------------------------------
// Encoding

/** One key's canonical text (commas unescaped: URLSearchParams.toString() would percent-encode them). */
function encodeValue(key: Key, value: ExperimentState[Key]): string {
  const r = rows[key];
  if (r.kind === 'num') return formatValue(r.precision, value as number);
  if (r.kind === 'start') return (value as number[]).map((x) => formatValue(START_PRECISION, x)).join(',');
  if (r.kind === 'methods' || r.kind === 'samplers') return (value as string[]).join(',');
  return String(value);
}

/** Is the value its key's default (arrays element by element)? */
function isDefaultValue(key: Key, value: unknown): boolean {
  const d = rows[key].default;
  if (Array.isArray(d) && Array.isArray(value)) return d.length === value.length && d.every((x, i) => x === value[i]);
  return Object.is(value, d);
}

/** Canonical: the table's order; a key is left out where it does not apply, and where it may be and is at its default. */
export function encodeQuery(s: ExperimentState): string {
  const parts: string[] = [];
  for (const key of KEY_ORDER) {
    if (!appliesTo(key, s)) continue;
    if (rows[key].omitDefault && isDefaultValue(key, s[key])) continue;
    parts.push(`${key}=${encodeValue(key, s[key])}`);
  }
  return parts.join('&');
}

/** base without its query and hash, + '?' + the canonical query. */
export const shareUrl = (s: ExperimentState, base: string): string => `${base.split(/[?#]/, 1)[0]}?${encodeQuery(s)}`;

// ---------------------------------------------------------------------------------------------
// Decoding

/** The query part of a bare query, "?q", "#q", or a full URL (its search, else its hash). */
export function extractQuery(input: string): string {
  const s = input.trim();
  const q = s.indexOf('?');
  if (q >= 0) {
    const rest = s.slice(q + 1);
    const h = rest.indexOf('#');
    if (h < 0) return rest;
    // "…?#v=1" or "…?&#…": the query is empty, so the state lives in the hash.
    return /[^&\s]/.test(rest.slice(0, h)) ? rest.slice(0, h) : rest.slice(h + 1);
  }
  const h = s.indexOf('#');
  if (h >= 0) {
    const before = s.slice(0, h);
    return before.includes('=') ? before : s.slice(h + 1); // "v=1#frag" vs "https://…/#v=1"
  }
  return s.includes('://') ? '' : s;
}

/** Decimal literals only: rejects '', 'NaN', 'Infinity', hex, '1_000' (unlike Number / z.coerce). */
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
export const parseNumber = (s: string): number | null => (NUMBER_RE.test(s.trim()) ? Number(s.trim()) : null);

/** A value as quoted in messages: short, and quoted when it is not a plain number. */
export function show(raw: string): string {
  const t = raw.trim();
  const short = t.length > 24 ? `${t.slice(0, 20)}…` : t;
  return parseNumber(t) === null ? `'${short}'` : short;
}

export function decodeQuery(input: string): Decoded {
  try {
    return decodeUnsafe(String(input));
  } catch {
    // Belt and braces: nothing below is expected to throw, but a bad link must never break the app.
    return { state: copyDefault(), repairs: [{ key: 'url', message: 'could not read the link; using defaults' }] };
  }
}

const copyDefault = (): ExperimentState => ({
  ...DEFAULT_STATE,
  methods: [...DEFAULT_STATE.methods],
  samplers: [...DEFAULT_STATE.samplers],
});

function decodeUnsafe(input: string): Decoded {
  const { repairs, note } = repairNotes();

  const values = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(extractQuery(input))) {
    if (k === '' && v === '') continue; // stray '&'
    const list = values.get(k);
    if (list) list.push(v);
    else values.set(k, [v]);
  }

  const get = (key: Key): string | undefined => {
    const list = values.get(key);
    if (!list) return undefined;
    if (list.length > 1) note(key, `given ${list.length} times; using the first value`);
    return list[0];
  };

  const raw = get('v');
  // A link with settings but no version is read as this version, and says so (a bare visit has no settings).
  if (raw === undefined && [...values.keys()].some((k) => KNOWN.has(k))) note('v', `no version given; read as version ${VERSION}`);
  if (raw !== undefined) {
    const v = parseNumber(raw);
    if (v !== null && Number.isInteger(v) && v > VERSION)
      note('v', `version ${v} is newer than this app (${VERSION}); read as version ${VERSION}`);
    else if (v !== VERSION) note('v', `version ${show(raw)} is not recognised; read as version ${VERSION}`);
  }

  const s = copyDefault();
  // The model and the dimension first: which keys apply, and the start's length, depend on them.
  s.model = decodeEnum('model', get('model'), note) as ModelFamily;
  if (appliesTo('dim', s)) s.dim = decodeEnum('dim', get('dim'), note) as Dim;
  const state = s as Record<Key, unknown>;
  for (const key of KEY_ORDER) {
    if (key === 'v' || key === 'model' || (key === 'dim' && appliesTo('dim', s))) continue; // read above
    const value = get(key);
    if (value === undefined) continue;
    const r = rows[key];
    if (!appliesTo(key, s)) note(key, `only used in ${whereApplies(key)}; ignored`);
    else if (r.kind === 'start') s.start = decodeStart(value, s, note);
    else if (r.kind === 'methods') s.methods = decodeMethods(value, note);
    else if (r.kind === 'samplers') s.samplers = decodeSamplers(value, note);
    else if (r.kind === 'enum') state[key] = decodeEnum(key, value, note);
    else if (r.kind === 'num') state[key] = decodeNumber(key as NumKey, value, note);
  }

  // The engine's rule for a start needs the data (the variance floor is relative to their variance).
  if (s.start) {
    const refused = startRefusal(s, s.start);
    if (refused) {
      note('start', `${refused}; the start was dropped`);
      s.start = null;
    }
  }

  // Listed after the known keys' repairs, which come in the order the keys are read.
  const unknown = [...values.keys()].filter((k) => !KNOWN.has(k) && !isPageKey(k));
  for (const k of unknown.slice(0, MAX_UNKNOWN_LISTED)) note(k.length > 24 ? `${k.slice(0, 20)}…` : k, 'unknown key ignored');
  if (unknown.length > MAX_UNKNOWN_LISTED) note('…', `${unknown.length - MAX_UNKNOWN_LISTED} more unknown keys ignored`);

  // Final guard: the steps above always yield a valid state (the fuzz tests check this).
  if (!ExperimentStateSchema.safeParse(s).success) {
    return { state: copyDefault(), repairs: [...repairs, { key: 'url', message: 'inconsistent link; using defaults' }] };
  }
  return { state: s, repairs };
}

export type Note = (key: string, message: string) => void;

/** The repairs of one decoding and how to add one: one Repair per key, a second note for the same key appended to the first. */
export function repairNotes(): { repairs: Repair[]; note: Note } {
  const repairs: Repair[] = [];
  const note: Note = (key, message) => {
    const r = repairs.find((x) => x.key === key);
    if (r) r.message += `; ${message}`;
    else repairs.push({ key, message });
  };
  return { repairs, note };
}

/** An enum key (dim, opt): its values are matched case-blind; anything else takes the default. */
function decodeEnum(key: Key, raw: string | undefined, note: Note): string | number {
  const r = rows[key] as EnumRow;
  if (raw === undefined) return r.default;
  const t = raw.trim().toLowerCase();
  const hit = r.values.find((v) => String(v) === t || (typeof v === 'number' && parseNumber(raw) === v));
  if (hit !== undefined) return hit;
  const choices = r.values.length === 2 ? r.values.join(' or ') : r.values.join(', ');
  note(key, `${show(raw)} is not ${choices}; using the default ${r.default}`);
  return r.default;
}

/** Round to the key's precision (silently), then clamp into range; non-numbers take the default. */
const decodeNumber = (key: NumKey, raw: string, note: Note): number => decodeBounded(key, BOUNDS[key], DEFAULT_STATE[key], raw, note);

/**
 * A number read against its spec (also the sweep's keys): rounded to the precision silently, clamped
 * into range, and the default for anything that is not a number; `key` names the URL key in notes.
 */
export function decodeBounded(key: string, spec: NumSpec, def: number, raw: string, note: Note): number {
  const { min, max, precision } = spec;
  const fmt = (x: number) => formatValue(precision, x);
  if (raw.trim() === '') {
    note(key, `empty value; using the default ${fmt(def)}`);
    return def;
  }
  const x = parseNumber(raw);
  if (x === null) {
    note(key, `${show(raw)} is not a number; using the default ${fmt(def)}`);
    return def;
  }
  const r = roundTo(precision, x); // ±Infinity (e.g. 1e999) stays infinite and is clamped below
  if (r > max) note(key, `${show(raw)} is above the maximum ${fmt(max)}; clamped to ${fmt(max)}`);
  else if (r < min) note(key, `${show(raw)} is below the minimum ${fmt(min)}; clamped to ${fmt(min)}`);
  else if (precision.kind === 'int' && r !== x) note(key, `${show(raw)} is not a whole number; rounded to ${fmt(r)}`);
  return Math.min(max, Math.max(min, r));
}

function decodeStart(raw: string, at: Pick<ExperimentState, 'dim' | 'model'>, note: Note): number[] | null {
  const fallback = 'drawing the start from the init seed';
  if (raw.trim() === '') {
    note('start', `empty value; ${fallback}`);
    return null;
  }
  const parts = raw.split(',');
  const bad = parts.find((t) => parseNumber(t) === null);
  if (bad !== undefined) {
    note('start', `${show(bad)} is not a number; ${fallback}`);
    return null;
  }
  const start = parts.map((t) => roundTo(START_PRECISION, parseNumber(t)!));
  const err = startError(at, start);
  if (err) {
    note('start', `${err}; ${fallback}`);
    return null;
  }
  return start;
}

function decodeMethods(raw: string, note: Note): MethodId[] {
  const tokens = raw
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const all =
    DEFAULT_METHOD_IDS.length === METHOD_IDS.length
      ? `all ${METHOD_IDS.length} methods`
      : `the ${DEFAULT_METHOD_IDS.length} default methods`;
  if (tokens.length === 0) {
    note('methods', `empty value; using ${all}`);
    return [...DEFAULT_METHOD_IDS];
  }
  const isId = isMethodId;
  const unknown = [...new Set(tokens.filter((t) => !isId(t)))];
  const dups = [...new Set(tokens.filter((t, i) => isId(t) && tokens.indexOf(t) !== i))];
  const quote = (ts: string[]) => ts.map((t) => `'${t.length > 16 ? `${t.slice(0, 12)}…` : t}'`).join(', ');
  const dropped = [
    unknown.length ? `unknown ${quote(unknown.slice(0, 5))}${unknown.length > 5 ? ' …' : ''}` : '',
    dups.length ? `duplicate ${quote(dups)}` : '',
  ].filter(Boolean);
  const kept = canonicalMethods(tokens.filter(isId));
  if (kept.length === 0) {
    note('methods', `no known method (${dropped.join('; ')}); using ${all}`);
    return [...DEFAULT_METHOD_IDS];
  }
  if (dropped.length) note('methods', `dropped ${dropped.join(' and ')}`);
  return kept;
}

// ---------------------------------------------------------------------------------------------
// What a result depends on (the worker's caches)

/** The canonical query with every key of these effects, and the `also` keys, at their defaults (key-rows.ts Effect). */
function queryWithout(s: ExperimentState, effects: readonly Effect[], also: readonly Key[] = []): string {
  const keys = KEY_ORDER.filter((k) => effects.includes(rows[k].effect) || also.includes(k));
  return encodeQuery({ ...s, ...Object.fromEntries(keys.map((k) => [k, rows[k].default])) } as ExperimentState);
}

/** What determines a race: every key but the view's (the cursor, the mode) and the samplers'. */
export const raceKey = (s: ExperimentState): string => queryWithout(s, ['view', 'sample']);

/** What determines the λ_max curve: the data keys, but the one it runs along (the separation, the HMM's persistence). */
export const curveKey = (s: ExperimentState): string => queryWithout(s, ['view', 'race', 'sample'], [familyData(s.model).curveAxis]);

/**
 * What determines the Sampler mode's chains: the data and the samplers' keys (not the race's, the
 * view's, or the race's start: the chains find the posterior mode themselves).
 */
export const chainsKey = (s: ExperimentState): string => queryWithout(s, ['view', 'race'], ['init', 'start']);

/** What determines the samplers' efficiency curve: the chains' keys but the separation (its axis). */
export const chainsCurveKey = (s: ExperimentState): string => queryWithout(s, ['view', 'race'], ['init', 'start', 'sep']);
