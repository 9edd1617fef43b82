import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { restoreRecord, setTaskDone, trashRecord, type Task } from '../../../shared/domain';
import { tasksTable } from '../../../shared/formats';
import { useHost } from '../../app/host-context';
import { useHostErrorToast } from '../../app/shell';
import { csvDelimiterFor, saveSelectionCsv } from '../../app/ui/bulk-actions';
import { BulkBar, ColumnMenu, SavedViewsControl } from '../../app/ui/list-tools';
import type { ListSort } from '../../app/ui/list-rows';
import type { SavedView } from '../../app/ui/saved-views';
import { SelectableTable } from '../../app/ui/selectable-table';
import { linkLabel } from '../../app/ui/timeline';
import { toastWithUndo } from '../../app/ui/undo-toast';
import { useSearchComplete, useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { taskColumns, taskRows, type TaskColumn } from './task-rows';

const tracks: Record<TaskColumn, string> = {
  title: '2.6fr',
  due: '1.4fr',
  priority: '0.9fr',
  done: '0.7fr',
  link: '1.6fr',
};

/**
 * The tasks as one list: filter text (search index, full recall), sort by any column, column
 * choice, saved views, the trash with restore, and bulk done / trash / export (tasks carry no
 * tags). `lead` goes first in the toolbar (the section's own buttons).
 */
export function TaskList({ lead }: { lead: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { model, search, repo } = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  const tasks = useTable<Task>(model, 'tasks');
  // Linked names change with these tables.
  const people = useTable(model, 'people');
  const organizations = useTable(model, 'organizations');
  const deals = useTable(model, 'deals');
  useTable(model, 'views');
  const searchComplete = useSearchComplete();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<ListSort<TaskColumn>>({ column: 'due', descending: false });
  const [columns, setColumns] = useState<readonly TaskColumn[]>(taskColumns);
  const [showTrash, setShowTrash] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => {
    const text = deferredQuery.trim();
    const matches = text && !showTrash ? new Set(search.allHits(text, 'task').map((h) => h.id)) : null;
    return taskRows(
      {
        tasks,
        linkName: (link) => linkLabel(model, link) ?? '',
        priorityLabel: (p) => t(`tasks.priorities.${p}`),
        doneLabel: (done) => t(done ? 'tasks.list.doneYes' : 'tasks.list.doneNo'),
      },
      { query: deferredQuery, showTrash, sort, language: i18n.language, matches },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- linked tables and searchComplete re-run it
  }, [
    tasks,
    people,
    organizations,
    deals,
    deferredQuery,
    showTrash,
    sort,
    search,
    model,
    t,
    i18n.language,
    searchComplete,
  ]);
  const liveCount = useMemo(() => tasks.filter((task) => task.deletedAt === null).length, [tasks]);

  const selectedTasks = (): Task[] =>
    [...selected].map((id) => model.get<Task>('tasks', id)).filter((task): task is Task => !!task);

  /** One command over the selected tasks that `pick` keeps; cleared selection, toast with Undo. */
  const bulk = async (
    command: string,
    pick: (task: Task) => boolean,
    change: (task: Task, stamp: ReturnType<typeof repo.stamp>) => Task,
    message: string,
  ): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedTasks().filter(pick);
    const token = await repo.commit(
      command,
      targets.map((task) => ({ table: 'tasks' as const, before: task, after: change(task, stamp) })),
    );
    setSelected(new Set());
    toastWithUndo(repo, token, t(message, { count: targets.length }), t);
  };

  const bulkExport = async (): Promise<void> => {
    const targets = selectedTasks();
    try {
      const file = await saveSelectionCsv(host, 'tasks', tasksTable(targets), csvDelimiterFor(i18n.language));
      if (file) toast.success(t('lists.exportedSelection', { count: targets.length, file }));
    } catch (error) {
      showHostError(error);
    }
  };

  const applyView = (view: SavedView): void => {
    setQuery(view.query);
    if ((taskColumns as readonly string[]).includes(view.sort.column))
      setSort({ column: view.sort.column as TaskColumn, descending: view.sort.descending });
    setColumns(taskColumns.filter((c) => c === 'title' || view.columns.includes(c)));
    setShowTrash(view.showTrash);
    setSelected(new Set());
  };

  return (
    <>
      <div className="toolbar">
        {lead}
        <input
          type="search"
          aria-label={t('crm.search')}
          placeholder={t('crm.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ColumnMenu
          all={taskColumns}
          shown={columns}
          onChange={setColumns}
          label={(c) => t(`tasks.list.columns.${c}`)}
          fixed="title"
        />
        <SavedViewsControl
          list="tasks"
          current={{ query, sort, columns: [...columns], showTrash }}
          onApply={applyView}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showTrash}
            onChange={(e) => {
              setShowTrash(e.target.checked);
              setSelected(new Set());
            }}
          />
          {t('crm.showTrash')}
        </label>
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      <BulkBar
        count={selected.size}
        showTrash={showTrash}
        onTrash={() =>
          bulk('tasks.trash-many', (task) => task.deletedAt === null, trashRecord, 'lists.trashedMany')
        }
        onExport={bulkExport}
        onClear={() => setSelected(new Set())}
      >
        {showTrash ? (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void bulk(
                'tasks.restore-many',
                (task) => task.deletedAt !== null,
                restoreRecord,
                'lists.restoredMany',
              )
            }
          >
            {t('crm.restore')}
          </button>
        ) : (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void bulk(
                'tasks.complete-many',
                (task) => !task.done,
                (task, stamp) => setTaskDone(task, true, stamp),
                'tasks.list.completedMany',
              )
            }
          >
            {t('tasks.list.markDone')}
          </button>
        )}
      </BulkBar>
      {liveCount === 0 && !showTrash ? (
        <p className="empty-state">{t('tasks.empty')}</p>
      ) : showTrash && rows.length === 0 && !query.trim() ? (
        <p className="empty-state">{t('lists.trashEmpty')}</p>
      ) : (
        <SelectableTable
          label={t('tasks.list.label')}
          rows={rows}
          columns={columns}
          track={(c) => tracks[c]}
          columnLabel={(c) => t(`tasks.list.columns.${c}`)}
          rowName={(row) => row.cells.title}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={(id) => void navigate(`/tasks/${id}`)}
        />
      )}
    </>
  );
}
