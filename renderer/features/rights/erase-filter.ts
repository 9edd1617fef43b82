/**
 * What keeps an erased or suppressed person out of data coming in (an archive import, a backup
 * restore, a CSV or vCard import): who is left out, and the records about them stripped of them.
 * The erasure ledger matches by the random person and subject ids an archive or backup carries;
 * the suppression list matches by the blind-index tokens of the person's emails and phones.
 */
import { erasedIds, type Person, type Suppression } from '../../../shared/domain';
import type { Workspace } from '../../session/workspace';
import { suppressedMatch, suppressionIndex } from './suppression';

/** Why a person coming in is left out. */
export type LeftOutReason = 'erased' | 'suppressed';

/** Decides, person by person, who stays out of an import or a restore. */
export interface LeaveOut {
  /** The reason `person` stays out, or undefined when they may come in. */
  reason(
    person: Pick<Person, 'id' | 'subjectId' | 'emails' | 'phones'> & Partial<Person>,
  ): LeftOutReason | undefined;
  /** Whether anything can be left out at all (both lists empty: nothing to compute). */
  readonly empty: boolean;
}

/** The rule of the open vault: its erasure ledger and its suppression list. */
export function leaveOutRule(ws: Pick<Workspace, 'model' | 'vault'>): LeaveOut {
  const { people, subjects } = erasedIds(ws.model);
  const index: ReadonlyMap<string, Suppression> = suppressionIndex(ws);
  return {
    empty: people.size === 0 && index.size === 0,
    reason(person) {
      if (people.has(person.id) || subjects.has(person.subjectId)) return 'erased';
      if (suppressedMatch(ws.vault, index, person as Person)) return 'suppressed';
      return undefined;
    },
  };
}
