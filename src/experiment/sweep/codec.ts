/**
 * The sweep's own URL keys (all /^sw[a-z]*$/, which the experiment codec skips: page-keys.ts):
 *
 *   swsep=0.5,5,10   separations: from, to, count       swreps=50    replicates per separation
 *   swcap=5000       E-step cap per run                  swtol=1e-8   target gap L* − L
 *   swm=em,ecg,…     methods                             swn=500      N of every data set
 *   swmap=w          rate map's second axis (w | vr)     swmapn=20    rate-map grid points per axis
 *
 * Like codec.ts: decoding never throws, repairs each bad value (one plain-words Repair per key) and
 * ignores keys that are not the sweep's; encoding is canonical (fixed order, each number at its
 * precision), so decode(encode(s)) = s for every valid s.
 */
import { METHOD_IDS } from '../../engine/methods/registry';
import type { MethodId } from '../../engine/types';
import { decodeBounded, extractQuery, repairNotes, show, type Note, type Repair } from '../codec';
import { canonicalMethods, formatValue } from '../schema';
import {
  MAP_AXES,
  SWEEP_BOUNDS,
  SweepSpecSchema,
  copyDefaultSweep,
  maxSepCount,
  type MapAxis,
  type SweepNumKey,
  type SweepSpec,
} from './spec';

export const SWEEP_KEYS = ['swsep', 'swreps', 'swcap', 'swtol', 'swm', 'swn', 'swmap', 'swmapn'] as const;
type SweepKey = (typeof SWEEP_KEYS)[number];
const isSweepKey = (k: string): k is SweepKey => (SWEEP_KEYS as readonly string[]).includes(k);

const fmt = (key: SweepNumKey, x: number): string => formatValue(SWEEP_BOUNDS[key].precision, x);

/** Every sweep key, canonical. */
export function encodeSweep(s: SweepSpec): string {
  return [
    `swsep=${fmt('sepFrom', s.sepFrom)},${fmt('sepTo', s.sepTo)},${fmt('sepCount', s.sepCount)}`,
    `swreps=${fmt('reps', s.reps)}`,
    `swcap=${fmt('cap', s.cap)}`,
    `swtol=${fmt('tol', s.tol)}`,
    `swm=${s.methods.join(',')}`,
    `swn=${fmt('n', s.n)}`,
    `swmap=${s.map}`,
    `swmapn=${fmt('mapSize', s.mapSize)}`,
  ].join('&');
}

export interface DecodedSweep {
  spec: SweepSpec;
  repairs: Repair[];
  /** Whether the query had any sweep key at all (the page then shows the sweep section). */
  present: boolean;
}

export function decodeSweep(input: string): DecodedSweep {
  try {
    return decodeUnsafe(String(input));
  } catch {
    return {
      spec: copyDefaultSweep(),
      repairs: [{ key: 'sweep', message: 'could not read the sweep keys; using defaults' }],
      present: true,
    };
  }
}

function decodeUnsafe(input: string): DecodedSweep {
  const { repairs, note } = repairNotes();
  const values = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(extractQuery(input))) {
    if (!/^sw[a-z]*$/.test(k)) continue; // the experiment's and the classroom's keys
    values.set(k, [...(values.get(k) ?? []), v]);
  }
  const get = (key: SweepKey): string | undefined => {
    const list = values.get(key);
    if (list && list.length > 1) note(key, `given ${list.length} times; using the first value`);
    return list?.[0];
  };

  const s = copyDefaultSweep();
  const sep = get('swsep');
  if (sep !== undefined) Object.assign(s, decodeSeparations(sep, note));
  const num = (key: SweepKey, field: Exclude<SweepNumKey, 'sepFrom' | 'sepTo' | 'sepCount'>) => {
    const raw = get(key);
    if (raw !== undefined) s[field] = decodeNumber(key, field, raw, note);
  };
  num('swreps', 'reps');
  num('swcap', 'cap');
  num('swtol', 'tol');
  const m = get('swm');
  if (m !== undefined) s.methods = decodeMethods(m, note);
  num('swn', 'n');
  const map = get('swmap');
  if (map !== undefined) s.map = decodeMap(map, note);
  num('swmapn', 'mapSize');

  for (const k of [...values.keys()].filter((k) => !isSweepKey(k)).slice(0, 5))
    note(k.length > 24 ? `${k.slice(0, 20)}…` : k, 'unknown sweep key ignored');

  if (!SweepSpecSchema.safeParse(s).success) {
    return {
      spec: copyDefaultSweep(),
      repairs: [...repairs, { key: 'sweep', message: 'inconsistent sweep keys; using defaults' }],
      present: true,
    };
  }
  return { spec: s, repairs, present: values.size > 0 };
}

/** Round to precision, clamp into range; non-numbers take the default. `key` names the URL key in notes. */
const decodeNumber = (key: string, field: SweepNumKey, raw: string, note: Note, def = copyDefaultSweep()[field]): number =>
  decodeBounded(key, SWEEP_BOUNDS[field], def, raw, note);

function decodeSeparations(raw: string, note: Note): Pick<SweepSpec, 'sepFrom' | 'sepTo' | 'sepCount'> {
  const def = copyDefaultSweep();
  const parts = raw.split(',');
  if (parts.length !== 3) {
    note('swsep', `expected "from,to,count", got ${show(raw)}; using the default ${def.sepFrom},${def.sepTo},${def.sepCount}`);
    return def;
  }
  let from = decodeNumber('swsep', 'sepFrom', parts[0], note, def.sepFrom);
  let to = decodeNumber('swsep', 'sepTo', parts[1], note, def.sepTo);
  let count = decodeNumber('swsep', 'sepCount', parts[2], note, def.sepCount);
  if (from > to) {
    note('swsep', `from ${from} is above to ${to}; swapped`);
    [from, to] = [to, from];
  }
  const most = maxSepCount(from, to);
  if (count > most) {
    note(
      'swsep',
      from === to
        ? 'from equals to; one separation'
        : `only ${most} separations fit between ${from} and ${to} at 2 decimals; using ${most}`,
    );
    count = most;
  }
  return { sepFrom: from, sepTo: to, sepCount: count };
}

function decodeMethods(raw: string, note: Note): MethodId[] {
  const def = copyDefaultSweep().methods;
  const tokens = raw
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const isId = (t: string): t is MethodId => (METHOD_IDS as readonly string[]).includes(t);
  const unknown = [...new Set(tokens.filter((t) => !isId(t)))];
  const kept = canonicalMethods(tokens.filter(isId));
  if (kept.length === 0) {
    note('swm', `no known method in ${show(raw)}; using ${def.join(',')}`);
    return def;
  }
  if (unknown.length)
    note(
      'swm',
      `dropped unknown ${unknown
        .slice(0, 5)
        .map((t) => `'${t.slice(0, 16)}'`)
        .join(', ')}`,
    );
  else if (kept.length !== tokens.length) note('swm', 'dropped duplicates');
  return kept;
}

function decodeMap(raw: string, note: Note): MapAxis {
  const t = raw.trim().toLowerCase();
  const hit = MAP_AXES.find((a) => a === t);
  if (hit) return hit;
  note('swmap', `${show(raw)} is not ${MAP_AXES.join(' or ')}; using the default ${copyDefaultSweep().map}`);
  return copyDefaultSweep().map;
}
