/** Classroom keys: canonical round trip, repairs, and which experiment keys each lock protects. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_GROUPS,
  decodeClassroom,
  encodeClassroom,
  isHidden,
  isLocked,
  lockedKeys,
  type Classroom,
} from '../../src/experiment/classroom';
import { decodeQuery } from '../../src/experiment/codec';

const groups = fc.subarray([...CONTROL_GROUPS]);

describe('classroom codec', () => {
  it('round-trips every hide/lock combination canonically', () => {
    fc.assert(
      fc.property(groups, groups, (hide, lock) => {
        const c: Classroom = { hide, lock };
        const q = encodeClassroom(c);
        const back = decodeClassroom(q);
        expect(back.repairs).toEqual([]);
        expect(back.classroom).toEqual(c);
        expect(encodeClassroom(back.classroom)).toBe(q);
      }),
    );
  });

  it('normalises order and case, drops unknown groups with a repair, never throws', () => {
    const { classroom, repairs } = decodeClassroom('?v=1&hide=Stop,mixture,stop&lock=sep,methods');
    expect(classroom).toEqual({ hide: ['mixture', 'stop'], lock: ['methods'] });
    expect(repairs).toHaveLength(1);
    expect(repairs[0].key).toBe('lock');
    expect(repairs[0].message).toContain("'sep'");
    fc.assert(fc.property(fc.string(), (s) => void decodeClassroom(s)));
  });

  it('is invisible to the experiment codec', () => {
    expect(decodeQuery('v=1&sep=3&hide=mixture&lock=start').repairs).toEqual([]);
  });
});

describe('locks', () => {
  it('a mixture lock protects the separation and the data seed, and locks the scenarios', () => {
    const c: Classroom = { hide: [], lock: ['mixture'] };
    const keys = lockedKeys(c);
    for (const k of ['sep', 'seed', 'n', 'dim'] as const) expect(keys.has(k)).toBe(true);
    expect(keys.has('methods')).toBe(false);
    expect(keys.has('it')).toBe(false); // the cursor always moves
    expect(isLocked(c, 'scenarios')).toBe(true);
    expect(isLocked(c, 'methods')).toBe(false);
  });

  it('"settings" locks or hides every settings group but not sharing', () => {
    const c: Classroom = { hide: ['settings'], lock: ['settings'] };
    for (const g of ['scenarios', 'mixture', 'start', 'methods', 'stop'] as const) {
      expect(isLocked(c, g)).toBe(true);
      expect(isHidden(c, g)).toBe(true);
    }
    expect(isLocked(c, 'share')).toBe(false);
    expect(isHidden(c, 'share')).toBe(false);
    expect(lockedKeys(c).size).toBeGreaterThan(15);
  });

  it('nothing is locked without a link', () => {
    expect(lockedKeys({ hide: [], lock: [] }).size).toBe(0);
  });
});
