/**
 * The `subject-erased` check: a command whose changes would bring an erased person back is
 * refused, whoever planned it (an import, a restore from the trash, a sync, an undo replayed as a
 * command). A change brings a person back when it writes a person whose id or subject id is in
 * the erasure ledger, or any record that names an erased person (its data subject, a participant,
 * a deal's contact, a task's link).
 */
import { erasedIds, peopleNamedBy } from '../../../shared/domain';
import { PolicyRefused, setPolicyCheck, type PolicyContext } from '../../commands';

/** The check itself: counts the changes that would bring an erased person back, refuses if any. */
export function subjectErasedCheck({ changes, model }: PolicyContext): void {
  if (model.count('erasures') === 0) return;
  const { people, subjects } = erasedIds(model);
  let refused = 0;
  for (const change of changes) {
    const after = change.after as unknown as { id: string; subjectId?: string };
    const back =
      change.table === 'people'
        ? people.has(after.id) || (after.subjectId !== undefined && subjects.has(after.subjectId))
        : peopleNamedBy(change.table, change.after).some((id) => people.has(id));
    if (back) refused++;
  }
  if (refused > 0) throw new PolicyRefused('subject-erased', refused);
}

/** Installs the check (once, at start-up); returns the function that removes it. */
export function installErasurePolicy(): () => void {
  return setPolicyCheck('subject-erased', subjectErasedCheck);
}
