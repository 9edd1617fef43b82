import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyRewrite,
  planMerge,
  type Activity,
  type Deal,
  type Organization,
  type Person,
  type Task,
} from '../../../shared/domain';
import { Dialog } from '../../ui/dialog';
import { toastWithUndo } from '../../ui/undo-toast';
import { withPolicyToast } from '../../ui/policy-feedback';
import { useWorkspace } from '../../session/workspace';
import type { Change, EntityTable, HistoryEntry } from '../../vault';

/** Fields offered for a side-by-side choice; lists (emails, phones, addresses, tags) are united. */
const choosable = [
  'name',
  'legalForm',
  'vatNumber',
  'taxCode',
  'sdiCode',
  'pec',
  'website',
  'industry',
  'notes',
] as const;

const tableOf: Record<string, 'deals' | 'activities' | 'tasks' | 'people'> = {
  deal: 'deals',
  activity: 'activities',
  task: 'tasks',
  person: 'people',
};

type Related = Deal | Activity | Task | Person;

/**
 * Merges this organization with another picked by search: choose the one to keep, then field by
 * field which value wins. People, deals, activities and tasks move to the kept organization, the
 * other goes to the trash, its history is copied over — one command, undoable.
 */
export function OrganizationMergeDialog(props: {
  organization: Organization;
  /** The other organization when it is already known (the duplicates finder); else picked by search. */
  other?: Organization;
  onClose: () => void;
  onMerged: (winner: Organization) => void;
}) {
  const { t } = useTranslation();
  const { model, repo, run, search } = useWorkspace();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Organization | null>(props.other ?? null);
  const [keepThis, setKeepThis] = useState(true);
  const [choices, setChoices] = useState<Record<string, 'winner' | 'loser'>>({});

  const candidates = useMemo(() => {
    const text = query.trim();
    if (!text) return [];
    return search
      .allHits(text, 'organization')
      .map((h) => model.get('organizations', h.id))
      .filter((o): o is Organization => !!o && o.deletedAt === null && o.id !== props.organization.id)
      .slice(0, 8);
  }, [query, search, model, props.organization.id]);

  const winner = !other || keepThis ? props.organization : other;
  const loser = !other ? null : keepThis ? other : props.organization;
  const differing = loser
    ? choosable.filter((f) => (winner[f] ?? '') !== (loser[f] ?? '') && (loser[f] ?? '') !== '')
    : [];
  const valueOf = (o: Organization, f: (typeof choosable)[number]) => o[f] ?? '';

  const merge = async (): Promise<void> => {
    if (!loser) return;
    const stamp = repo.stamp();
    const plan = planMerge(winner, loser, choices, stamp, {
      people: model.list('people'),
      deals: model.list('deals'),
      activities: model.list('activities'),
      tasks: model.list('tasks'),
    });
    // A record may carry several references to the loser: chain the rewrites on its latest state.
    const rewritten = new Map<string, { table: EntityTable; before: Related; after: Related }>();
    for (const rw of plan.rewrites) {
      const table = tableOf[rw.table]!;
      const current = rewritten.get(rw.recordId)?.after ?? model.get(table, rw.recordId);
      if (!current) continue;
      const before = rewritten.get(rw.recordId)?.before ?? current;
      rewritten.set(rw.recordId, { table, before, after: applyRewrite(current, rw, stamp) });
    }
    const changes: Change[] = [
      { table: 'organizations', before: winner, after: plan.merged },
      { table: 'organizations', before: loser, after: plan.trashedLoser },
      ...rewritten.values(),
    ];
    const extraHistory = repo
      .history(loser.id)
      .map((entry): { entry: HistoryEntry } => ({ entry: { ...entry, recordId: winner.id } }));
    // A merge that moves a restricted person's links (Art. 18) is refused and says so.
    const merged = await withPolicyToast(async () => {
      const token = await run('organizations.merge', { changes: changes, extraHistory });
      toastWithUndo(repo, token, t('merge.done', { name: plan.merged.name }), t);
    }, t);
    if (merged) props.onMerged(plan.merged);
  };

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={t('organizations.mergeTitle')}>
      {!other ? (
        <div className="org-merge-pick">
          <label htmlFor="org-merge-search">{t('organizations.mergeSearch')}</label>
          <input
            id="org-merge-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            autoFocus
          />
          {query.trim() && candidates.length === 0 && <p className="muted">{t('organizations.mergeNone')}</p>}
          <ul className="org-links" aria-label={t('organizations.mergeCandidates')}>
            {candidates.map((o) => (
              <li key={o.id}>
                <button type="button" className="button secondary" onClick={() => setOther(o)}>
                  {o.name}
                  {o.addresses[0]?.city ? ` · ${o.addresses[0].city}` : ''}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <fieldset className="merge-keep">
            <legend>{t('organizations.mergeKeep')}</legend>
            {[props.organization, other].map((o) => (
              <label key={o.id} className="checkbox">
                <input
                  type="radio"
                  name="winner"
                  checked={winner.id === o.id}
                  onChange={() => setKeepThis(o.id === props.organization.id)}
                />
                {o.name} · {o.vatNumber ?? o.addresses[0]?.city ?? ''}
              </label>
            ))}
          </fieldset>
          {loser && differing.length > 0 && (
            <table className="merge-table">
              <caption>{t('merge.chooseValues')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merge.field')}</th>
                  <th scope="col">{winner.name}</th>
                  <th scope="col">{loser.name}</th>
                </tr>
              </thead>
              <tbody>
                {differing.map((f) => (
                  <tr key={f}>
                    <th scope="row">{t(`organizations.${f}`)}</th>
                    {(['winner', 'loser'] as const).map((side) => (
                      <td key={side}>
                        <label className="checkbox">
                          <input
                            type="radio"
                            name={`field-${f}`}
                            checked={
                              (choices[f] ?? (valueOf(winner, f) === '' ? 'loser' : 'winner')) === side
                            }
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
          <p className="muted">{t('organizations.mergeExplain')}</p>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={() => void merge()} disabled={!loser}>
          {t('merge.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
