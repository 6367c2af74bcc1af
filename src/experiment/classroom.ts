/**
 * Classroom links: `hide=` and `lock=` list control groups a teacher takes away from students.
 * Hidden groups are not shown (their values still apply); locked groups are shown but cannot be
 * changed, by any route (controls, keyboard shortcuts, dragging, scenarios). Both live in the URL
 * beside the experiment (page-keys.ts) and round-trip canonically like the experiment's keys.
 */
import { KEYS, KEY_ORDER, type Key } from './keys';
import type { ExperimentState } from './state';
import { CLASSROOM_KEYS } from './page-keys';
import type { Repair } from './codec';

export const CONTROL_GROUPS = ['scenarios', 'mixture', 'start', 'methods', 'stop', 'settings', 'share'] as const;
export type ControlGroup = (typeof CONTROL_GROUPS)[number];

export interface Classroom {
  hide: ControlGroup[];
  lock: ControlGroup[];
}

export const NO_CLASSROOM: Classroom = Object.freeze({ hide: [], lock: [] }) as unknown as Classroom;

type KeyedGroup = Exclude<ControlGroup, 'settings' | 'share' | 'scenarios'>;
/** The experiment keys each group's controls change ('settings' is the whole settings column): the key table's groups. */
const GROUP_KEYS = Object.fromEntries(
  (['mixture', 'start', 'methods', 'stop'] as const).map((g) => [g, KEY_ORDER.filter((k) => KEYS[k].group === g)]),
) as unknown as Record<KeyedGroup, readonly Key[]>;

const isGroup = (t: string): t is ControlGroup => (CONTROL_GROUPS as readonly string[]).includes(t);

/** 'settings' locks every settings group; a scenario changes many keys, so any settings lock locks the scenarios. */
export function isLocked(c: Classroom, g: ControlGroup): boolean {
  if (c.lock.includes(g)) return true;
  if (g !== 'share' && c.lock.includes('settings')) return true;
  if (g === 'scenarios') return c.lock.some((x) => x !== 'share');
  return false;
}

export function isHidden(c: Classroom, g: ControlGroup): boolean {
  return c.hide.includes(g) || (g !== 'share' && c.hide.includes('settings'));
}

/** The experiment keys no control may change under this classroom link. */
export function lockedKeys(c: Classroom): Set<keyof ExperimentState> {
  const keys = new Set<keyof ExperimentState>();
  for (const [g, ks] of Object.entries(GROUP_KEYS) as [ControlGroup, readonly (keyof ExperimentState)[]][])
    if (isLocked(c, g)) ks.forEach((k) => keys.add(k));
  return keys;
}

export function encodeClassroom(c: Classroom): string {
  const parts: string[] = [];
  for (const key of CLASSROOM_KEYS) {
    const list = CONTROL_GROUPS.filter((g) => c[key].includes(g));
    if (list.length) parts.push(`${key}=${list.join(',')}`);
  }
  return parts.join('&');
}

/** Never throws: unknown groups are dropped with a Repair, duplicates and order are normalised silently. */
export function decodeClassroom(query: string): { classroom: Classroom; repairs: Repair[] } {
  const params = new URLSearchParams(query.replace(/^[?#]/, ''));
  const repairs: Repair[] = [];
  const read = (key: (typeof CLASSROOM_KEYS)[number]): ControlGroup[] => {
    const all = params.getAll(key);
    if (all.length === 0) return [];
    if (all.length > 1) repairs.push({ key, message: `given ${all.length} times; using the first value` });
    const tokens = all[0]
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
    const unknown = tokens.filter((t) => !isGroup(t));
    if (unknown.length)
      repairs.push({
        key,
        message: `unknown ${unknown
          .slice(0, 3)
          .map((t) => `'${t.slice(0, 16)}'`)
          .join(', ')} ignored; groups are ${CONTROL_GROUPS.join(', ')}`,
      });
    return CONTROL_GROUPS.filter((g) => tokens.includes(g));
  };
  return { classroom: { hide: read('hide'), lock: read('lock') }, repairs };
}
