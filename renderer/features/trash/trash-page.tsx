import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  daysLeftInTrash,
  foldText,
  instantToEpoch,
  trashRetentionDays,
  type Activity,
  type RecordBase,
} from '../../../shared/domain';
import { Dialog } from '../../ui/dialog';
import { ResultCount, SearchField } from '../../ui/list-screen';
import { SelectableTable, type TableRow } from '../../ui/selectable-table';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import {
  planRestore,
  tableOf,
  titleOf,
  trashEntries,
  trashTypes,
  type RecordRef,
  type TrashType,
} from './trash-rows';

const columns = ['type', 'title', 'trashedOn', 'left', 'about'] as const;
type Column = (typeof columns)[number];
type Filter = TrashType | 'all';
const tracks: Readonly<Record<Column, string>> = {
  type: '0.7fr',
  title: '1.7fr',
  trashedOn: '1.6fr',
  left: '1.2fr',
  about: '1.8fr',
};

/**
 * The trash: every trashed person, organization, deal, activity and task in one virtualized
 * list, filtered by kind, with the date each was trashed and the days left before it is purged
 * (`TrashPurge` deletes it for good once they are over). Restoring the
 * selection is one command with one undo; when what is restored points to records still in the
 * trash, the user chooses to restore those too or only the selection.
 */
export function TrashPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { model, repo, run } = useWorkspace();
  const people = useTable(model, 'people');
  const organizations = useTable(model, 'organizations');
  const deals = useTable(model, 'deals');
  const activities = useTable(model, 'activities');
  const tasks = useTable(model, 'tasks');
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'trashedOn',
    descending: true,
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<{ targets: RecordRef[]; links: RecordRef[] } | null>(null);

  const entries = useMemo(
    () => trashEntries({ people, organizations, deals, activities, tasks }),
    [people, organizations, deals, activities, tasks],
  );
  const lookup = (ref: RecordRef): RecordBase | undefined => model.get(tableOf[ref.type], ref.id);
  // An untitled activity is named by its kind.
  const nameOfRecord = (type: TrashType, record: RecordBase): string =>
    titleOf(type, record) || (type === 'activity' ? t(`activities.kinds.${(record as Activity).kind}`) : '');

  // Days left are counted from when the page opened; a day's drift while it stays open is harmless.
  const [now] = useState(() => Date.now());
  const rows = useMemo(() => {
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true });
    const nameOf = (ref: RecordRef): string => {
      const record = lookup(ref);
      if (!record) return t('trash.unknown');
      const name = nameOfRecord(ref.type, record);
      return record.deletedAt === null ? name : t('trash.inTrash', { name });
    };
    const entryName = (e: (typeof entries)[number]): string =>
      e.title || (e.activityKind ? t(`activities.kinds.${e.activityKind}`) : '');
    const needle = foldText(query);
    const shown = entries.filter(
      (e) => (filter === 'all' || e.type === filter) && (!needle || foldText(entryName(e)).includes(needle)),
    );
    const built = shown.map((e) => {
      const days = daysLeftInTrash(e.deletedAt, now);
      return {
        entry: e,
        row: {
          id: `${e.type}:${e.id}`,
          cells: {
            type: t(`trash.types.${e.type}`),
            title: entryName(e),
            trashedOn: date.format(new Date(instantToEpoch(e.deletedAt))),
            left: days === 0 ? t('trash.purgeDue') : t('trash.purgeIn', { count: days }),
            about: e.links.map(nameOf).join(', '),
          },
        } satisfies TableRow<Column>,
      };
    });
    const byTime = (a: (typeof built)[number], b: (typeof built)[number]) =>
      instantToEpoch(a.entry.deletedAt) - instantToEpoch(b.entry.deletedAt);
    built.sort((a, b) => {
      const order =
        sort.column === 'trashedOn'
          ? byTime(a, b)
          : sort.column === 'left'
            ? byTime(a, b)
            : collator.compare(a.row.cells[sort.column], b.row.cells[sort.column]) || byTime(b, a);
      return sort.descending ? -order : order;
    });
    return built.map((b) => b.row);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- lookups read the model, which `entries` tracks
  }, [entries, filter, query, sort, now, t, i18n.language]);

  const counts = useMemo(() => {
    const out = new Map<TrashType, number>();
    for (const e of entries) out.set(e.type, (out.get(e.type) ?? 0) + 1);
    return out;
  }, [entries]);

  const refOf = (rowId: string): RecordRef => {
    const [type, id] = rowId.split(':') as [TrashType, string];
    return { type, id };
  };

  const restore = async (targets: RecordRef[], withLinks?: boolean): Promise<void> => {
    const plan = planRestore(targets, lookup, repo.stamp(), withLinks ?? false);
    if (withLinks === undefined && plan.trashedLinks.length > 0) {
      setAsking({ targets, links: plan.trashedLinks });
      return;
    }
    setAsking(null);
    if (plan.changes.length === 0) return;
    const token = await run('trash.restore', { changes: plan.changes });
    setSelected(new Set());
    const message = [
      t('trash.restored', { count: plan.changes.length }),
      ...(plan.trashedLinks.length > 0 ? [t('trash.stillLinked', { count: plan.trashedLinks.length })] : []),
    ].join(' ');
    toastWithUndo(repo, token, message, t);
  };

  const open = (rowId: string): void => {
    const ref = refOf(rowId);
    // People, organizations and tasks open where they show as trashed; the rest is selected.
    if (ref.type === 'person') void navigate(`/contacts/${ref.id}`);
    else if (ref.type === 'organization') void navigate(`/organizations/${ref.id}`);
    else if (ref.type === 'task') void navigate(`/tasks/${ref.id}`);
    else {
      const next = new Set(selected);
      if (next.has(rowId)) next.delete(rowId);
      else next.add(rowId);
      setSelected(next);
    }
  };

  const describe = (ref: RecordRef): string => {
    const record = lookup(ref);
    const name = record ? nameOfRecord(ref.type, record) : '';
    return `${t(`trash.types.${ref.type}`)}: ${name || t('trash.unknown')}`;
  };

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header">
        <h1 id="section-title">{t('trash.title')}</h1>
      </header>
      <p className="muted trash-intro">{t('trash.intro', { days: trashRetentionDays })}</p>
      <div className="toolbar">
        <SearchField value={query} onChange={setQuery} autoComplete="off" />
        <div className="field trash-filter">
          <label htmlFor="trash-filter">{t('trash.filter')}</label>
          <select
            id="trash-filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setSelected(new Set());
            }}
          >
            <option value="all">{t('trash.all', { count: entries.length })}</option>
            {trashTypes.map((type) => (
              <option key={type} value={type}>
                {t(`trash.filters.${type}`, { count: counts.get(type) ?? 0 })}
              </option>
            ))}
          </select>
        </div>
        <ResultCount count={rows.length} />
      </div>
      {selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('lists.selection')}>
          <span>{t('lists.selected', { count: selected.size })}</span>
          <button type="button" className="button" onClick={() => void restore([...selected].map(refOf))}>
            {t('trash.restore')}
          </button>
          <button type="button" className="button secondary" onClick={() => setSelected(new Set())}>
            {t('lists.clearSelection')}
          </button>
        </div>
      )}
      {entries.length === 0 ? (
        <p className="empty-state">{t('trash.empty')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('trash.emptyFilter')}</p>
      ) : (
        <SelectableTable
          label={t('trash.list')}
          className="trash-table"
          rows={rows}
          columns={columns}
          track={(c) => tracks[c]}
          columnLabel={(c) => t(`trash.columns.${c}`)}
          rowName={(row) => `${row.cells.type} ${row.cells.title}`}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
        />
      )}
      {asking && (
        <Dialog open onOpenChange={(o) => !o && setAsking(null)} title={t('trash.linkedTitle')}>
          <p>{t('trash.linkedBody', { count: asking.links.length })}</p>
          <ul className="trash-linked">
            {asking.links.map((ref) => (
              <li key={`${ref.type}:${ref.id}`}>{describe(ref)}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => void restore(asking.targets, false)}
            >
              {t('trash.restoreOnly')}
            </button>
            <button type="button" className="button" onClick={() => void restore(asking.targets, true)}>
              {t('trash.restoreBoth')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
