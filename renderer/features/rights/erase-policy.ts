/**
 * The `subject-erased` check: a command whose changes would bring an erased person back is
 * refused, whoever planned it (an import, a restore from the trash, a sync, an undo replayed as a
 * command). A change brings a person back when it writes a person whose id or subject id is in
 * the erasure ledger, or any record that names an erased person (its data subject, a participant,
 * a deal's contact, a task's link).
 */
import { recordRegistry, type ErasureEntry } from '../../../shared/domain';
import { PolicyRefused, setPolicyCheck, type PolicyContext } from '../../commands';
import type { Change, Model } from '../../vault';

/** The person and subject ids of every erasure in the ledger. */
export function erasedIds(model: Pick<Model, 'list'>): { people: Set<string>; subjects: Set<string> } {
  const people = new Set<string>();
  const subjects = new Set<string>();
  for (const e of model.list('erasures') as readonly ErasureEntry[]) {
    people.add(e.personId);
    subjects.add(e.subjectId);
  }
  return { people, subjects };
}

/** The people a record names (its data subject and any person it links to). */
export function peopleNamedBy(change: Change): string[] {
  const after = change.after as unknown as Record<string, unknown>;
  const named: string[] = [];
  const rule = recordRegistry[change.table].subject;
  if (rule.kind === 'person') {
    const id = (rule.personId as (r: unknown) => string | undefined)(after);
    if (id) named.push(id);
  }
  for (const field of ['participantIds', 'personIds'] as const) {
    const ids = after[field];
    if (Array.isArray(ids)) named.push(...(ids as string[]));
  }
  const link = after.link as { table?: string; id?: string } | undefined;
  if (link?.table === 'person' && link.id) named.push(link.id);
  return named;
}

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
        : peopleNamedBy(change).some((id) => people.has(id));
    if (back) refused++;
  }
  if (refused > 0) throw new PolicyRefused('subject-erased', refused);
}

/** Installs the check (once, at start-up); returns the function that removes it. */
export function installErasurePolicy(): () => void {
  return setPolicyCheck('subject-erased', subjectErasedCheck);
}
