/**
 * A group of settings that a classroom link (experiment/classroom.ts) can hide or lock. Locking
 * disables the fieldset (every input inside it, natively); the store refuses the change anyway.
 */
import type { ReactNode } from 'react';
import { isHidden, isLocked, type ControlGroup } from '../../experiment/classroom';
import { useStore } from '../../state/store';

export function useGroup(group: ControlGroup): { hidden: boolean; locked: boolean } {
  const hidden = useStore((s) => isHidden(s.classroom, group));
  const locked = useStore((s) => isLocked(s.classroom, group));
  return { hidden, locked };
}

export function Group({ group, className, children }: { group: ControlGroup; className?: string; children: ReactNode }) {
  const { hidden, locked } = useGroup(group);
  if (hidden) return null;
  return (
    <fieldset className={className} disabled={locked} data-group={group}>
      {children}
      {locked && <p className="lock-note">Locked by the link you opened.</p>}
    </fieldset>
  );
}
