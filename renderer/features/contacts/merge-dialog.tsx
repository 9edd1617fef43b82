import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyRewrite,
  displayName,
  planMerge,
  type Activity,
  type Deal,
  type Person,
  type Task,
} from '../../../shared/domain';
import { Dialog } from '../../ui/dialog';
import { toastWithUndo } from '../../ui/undo-toast';
import { withPolicyToast } from '../../ui/policy-feedback';
import { useWorkspace } from '../../session/workspace';
import type { Change, EntityTable, HistoryEntry } from '../../vault';

/** Fields offered for a side-by-side choice; lists (emails, phones…) are united instead. */
const choosable = [
  'givenName',
  'familyName',
  'jobTitle',
  'birthday',
  'notes',
  'vatNumber',
  'taxCode',
] as const;

const tableOf: Record<string, 'deals' | 'activities' | 'tasks'> = {
  deal: 'deals',
  activity: 'activities',
  task: 'tasks',
};

/**
 * Merges two people: pick the one to keep, then field by field which value wins. Emails,
 * phones, addresses and organizations are united. Deals, activities and tasks move to the kept
 * person, the other goes to the trash, the history is copied over — all in one command, undoable.
 */
export function MergeDialog(props: {
  a: Person;
  b: Person;
  onClose: () => void;
  onMerged: (winner: Person) => void;
}) {
  const { t } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const [winnerId, setWinnerId] = useState(props.a.id);
  const winner = winnerId === props.a.id ? props.a : props.b;
  const loser = winner === props.a ? props.b : props.a;
  const [choices, setChoices] = useState<Record<string, 'winner' | 'loser'>>({});
  const differing = choosable.filter(
    (f) => (winner[f] ?? '') !== (loser[f] ?? '') && (loser[f] ?? '') !== '',
  );

  const merge = async (): Promise<void> => {
    const stamp = repo.stamp();
    const plan = planMerge(winner, loser, choices, stamp, {
      deals: model.list('deals'),
      activities: model.list('activities'),
      tasks: model.list('tasks'),
    });
    const rewritten = new Map<
      string,
      { table: EntityTable; before: Deal | Activity | Task; after: Deal | Activity | Task }
    >();
    for (const rw of plan.rewrites) {
      const table = tableOf[rw.table]!;
      const current = rewritten.get(rw.recordId)?.after ?? model.get(table, rw.recordId);
      if (!current) continue;
      const before = rewritten.get(rw.recordId)?.before ?? current;
      rewritten.set(rw.recordId, { table, before, after: applyRewrite(current, rw, stamp) });
    }
    const changes: Change[] = [
      { table: 'people', before: winner, after: plan.merged },
      { table: 'people', before: loser, after: plan.trashedLoser },
      ...rewritten.values(),
    ];
    const extraHistory = repo.history(loser.id).map((entry): { entry: HistoryEntry; subjectId: string } => ({
      entry: { ...entry, recordId: winner.id },
      subjectId: winner.subjectId,
    }));
    // A restricted person (Art. 18) is not merged: the refusal is said, nothing is written.
    const merged = await withPolicyToast(async () => {
      const token = await run('people.merge', { changes: changes, extraHistory });
      toastWithUndo(repo, token, t('merge.done', { name: displayName(plan.merged) }), t);
    }, t);
    if (merged) props.onMerged(plan.merged);
  };

  const valueOf = (p: Person, f: (typeof choosable)[number]) => p[f] ?? '';

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={t('merge.title')}>
      <fieldset className="merge-keep">
        <legend>{t('merge.keep')}</legend>
        {[props.a, props.b].map((p) => (
          <label key={p.id} className="checkbox">
            <input
              type="radio"
              name="winner"
              checked={winnerId === p.id}
              onChange={() => setWinnerId(p.id)}
            />
            {displayName(p)} · {p.emails[0]?.address ?? p.phones[0]?.number ?? ''}
          </label>
        ))}
      </fieldset>
      {differing.length > 0 && (
        <table className="merge-table">
          <caption>{t('merge.chooseValues')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('merge.field')}</th>
              <th scope="col">{displayName(winner)}</th>
              <th scope="col">{displayName(loser)}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((f) => (
              <tr key={f}>
                <th scope="row">{t(`people.fields.${f}`, { defaultValue: f })}</th>
                {(['winner', 'loser'] as const).map((side) => (
                  <td key={side}>
                    <label className="checkbox">
                      <input
                        type="radio"
                        name={`field-${f}`}
                        checked={(choices[f] ?? (valueOf(winner, f) === '' ? 'loser' : 'winner')) === side}
                        onChange={() => setChoices((c) => ({ ...c, [f]: side }))}
                      />
                      {valueOf(side === 'winner' ? winner : loser, f) || t('crm.empty')}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t('merge.explain')}</p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={() => void merge()}>
          {t('merge.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
