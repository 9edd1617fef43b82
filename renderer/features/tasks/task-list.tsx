import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangesCommandId } from '../../commands';
import { restoreRecord, setTaskDone, trashRecord, type Task } from '../../../shared/domain';
import { tasksTable } from '../../../shared/formats';
import { ListBody, ListBulkBar, ListViewTools, SearchField, useListState } from '../../ui/list-screen';
import { linkLabel } from '../../ui/timeline';
import { useSearchComplete, useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { taskColumns, taskRows, type TaskColumn } from './task-rows';
import { useNavigate } from 'react-router';

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
  const tasks = useTable(model, 'tasks');
  // Linked names change with these tables.
  const people = useTable(model, 'people');
  const organizations = useTable(model, 'organizations');
  const deals = useTable(model, 'deals');
  useTable(model, 'views');
  const searchComplete = useSearchComplete();
  const list = useListState<TaskColumn>({
    all: taskColumns,
    fixed: 'title',
    columns: taskColumns,
    sort: { column: 'due', descending: false },
  });
  const { deferredQuery, sort, showTrash } = list;

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

  const selectedTasks = (): Task[] => list.selectedRecords('tasks');

  /** One command over the selected tasks that `pick` keeps; cleared selection, toast with Undo. */
  const bulk = async (
    command: ChangesCommandId,
    pick: (task: Task) => boolean,
    change: (task: Task, stamp: ReturnType<typeof repo.stamp>) => Task,
    message: string,
  ): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedTasks().filter(pick);
    await list.commitSelection(
      command,
      targets.map((task) => ({ table: 'tasks' as const, before: task, after: change(task, stamp) })),
      t(message, { count: targets.length }),
    );
  };

  const bulkExport = async (): Promise<void> => {
    const targets = selectedTasks();
    await list.exportSelection('tasks', targets, (kept) => tasksTable(kept));
  };

  return (
    <>
      <div className="toolbar">
        {lead}
        <SearchField value={list.query} onChange={list.setQuery} />
        <ListViewTools
          list={list}
          name="tasks"
          columnLabel={(c) => t(`tasks.list.columns.${c}`)}
          count={rows.length}
        />
      </div>
      <ListBulkBar
        list={list}
        onTrash={() =>
          bulk('tasks.trash-many', (task) => task.deletedAt === null, trashRecord, 'lists.trashedMany')
        }
        onExport={bulkExport}
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
      </ListBulkBar>
      <ListBody
        list={list}
        rows={rows}
        empty={liveCount === 0 && !showTrash ? t('tasks.empty') : null}
        trashEmpty
        label={t('tasks.list.label')}
        track={(c) => tracks[c]}
        columnLabel={(c) => t(`tasks.list.columns.${c}`)}
        onOpen={(id) => void navigate(`/tasks/${id}`)}
      />
    </>
  );
}
