import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../ui/i18n';
import type { Task } from '../../../shared/domain';
import { useCommandHandler } from '../../ui/commands';
import { SectionPage } from '../../ui/section-page';
import { SearchField } from '../../ui/list-screen';
import { useSessionChoice, ViewSwitch } from '../../ui/view-switch';
import { linkLabel, linkPath, localDate, localEpoch, TaskCheck, TaskDialog } from '../../ui/timeline';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { groupTasks, taskGroups, type TaskGroup } from './task-groups';
import { TaskList } from './task-list';
import { TaskReminders } from './task-reminders';
import { Link, useNavigate, useParams } from 'react-router';

/** Done tasks shown before "show all": the list is about what is left to do. */
const doneShown = 20;
const layouts = ['groups', 'list'] as const;

/** The local date, refreshed every minute so the groups roll over at midnight. */
function useToday(): string {
  const [today, setToday] = useState(() => localDate(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setToday(localDate(Date.now())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/** One task line: checkbox, title (opens the editor), due moment, priority, reminder, link. */
function TaskRow({ task, group }: { task: Task; group: TaskGroup }) {
  const { t, i18n } = useTranslation();
  const { model } = useWorkspace();
  // The year is shown only when it is not the current one.
  const year = task.dueDate?.slice(0, 4) !== String(new Date().getFullYear()) ? 'numeric' : undefined;
  const dateFormat = new Intl.DateTimeFormat(localeFor(i18n.language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year,
  });
  const timeFormat = new Intl.DateTimeFormat(localeFor(i18n.language), {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const due = task.dueDate
    ? `${group === 'today' ? t('tasks.groups.today') : dateFormat.format(localEpoch(task.dueDate))}${task.dueTime ? ` ${task.dueTime}` : ''}`
    : null;
  const path = task.link ? linkPath(task.link) : undefined;
  const label = task.link ? linkLabel(model, task.link) : undefined;
  return (
    <li className={`task-row${task.done ? ' task-done' : ''}`}>
      <TaskCheck task={task} />
      <Link className="task-title" to={`/tasks/${task.id}`}>
        {task.title}
      </Link>
      {task.priority !== 'normal' && (
        <span className={`badge task-priority-${task.priority}`}>
          {t(`tasks.priorities.${task.priority}`)}
        </span>
      )}
      {task.reminderAt && !task.done && (
        <span className="muted task-reminder">
          {t('tasks.reminder')} {timeFormat.format(Date.parse(task.reminderAt))}
        </span>
      )}
      {path && label !== undefined && (
        <Link className="task-link" to={path}>
          {label}
        </Link>
      )}
      {due && <span className={group === 'overdue' ? 'task-due task-overdue' : 'task-due muted'}>{due}</span>}
    </li>
  );
}

/**
 * Tasks grouped as overdue, today, upcoming, no date and done, or as one list (the choice lasts
 * for the app session); `/tasks/new` and `/tasks/:id` open the editor over either.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { taskId } = useParams();
  const { model, search } = useWorkspace();
  const tasks = useTable(model, 'tasks');
  const today = useToday();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [allDone, setAllDone] = useState(false);
  const [layout, setLayout] = useSessionChoice('scrigno.tasks.layout', layouts, 'groups');

  useCommandHandler('tasks.switch-view', () => setLayout(layout === 'groups' ? 'list' : 'groups'));

  const groups = useMemo(() => {
    const matches = deferredQuery.trim()
      ? new Set(search.allHits(deferredQuery, 'task').map((h) => h.id))
      : null;
    return groupTasks(matches ? tasks.filter((task) => matches.has(task.id)) : tasks, today);
  }, [tasks, today, deferredQuery, search]);
  const open =
    groups.overdue.length + groups.today.length + groups.upcoming.length + groups['no-date'].length;
  const editing = taskId && taskId !== 'new' ? model.get('tasks', taskId) : undefined;
  const close = (): void => void navigate('/tasks');

  const lead = (
    <>
      <button type="button" className="button" onClick={() => void navigate('/tasks/new')}>
        {t('tasks.newTask')}
      </button>
      <ViewSwitch
        label={t('tasks.list.layout')}
        values={layouts}
        value={layout}
        onChange={setLayout}
        valueLabel={(v) => t(`tasks.list.layouts.${v}`)}
      />
    </>
  );

  return (
    <SectionPage section="tasks">
      <TaskReminders />
      {layout === 'list' ? (
        <TaskList lead={lead} />
      ) : (
        <>
          <div className="toolbar">
            {lead}
            <SearchField value={query} onChange={setQuery} />
            <span className="count" aria-live="polite">
              {t('tasks.count', { count: open })}
            </span>
          </div>
          {tasks.every((task) => task.deletedAt !== null) ? (
            <p className="empty-state">{t('tasks.empty')}</p>
          ) : (
            taskGroups.map((group) => {
              const list = groups[group];
              if (list.length === 0) return null;
              const shown = group === 'done' && !allDone ? list.slice(0, doneShown) : list;
              return (
                <section
                  key={group}
                  className={`task-group task-group-${group}`}
                  aria-labelledby={`task-group-${group}`}
                >
                  <h2 id={`task-group-${group}`}>
                    {t(`tasks.groups.${group}`)} <span className="badge">{list.length}</span>
                  </h2>
                  <ul>
                    {shown.map((task) => (
                      <TaskRow key={task.id} task={task} group={group} />
                    ))}
                  </ul>
                  {shown.length < list.length && (
                    <button type="button" className="button secondary" onClick={() => setAllDone(true)}>
                      {t('tasks.showAllDone', { count: list.length })}
                    </button>
                  )}
                </section>
              );
            })
          )}
        </>
      )}
      {taskId === 'new' && <TaskDialog onClose={close} />}
      {editing && <TaskDialog key={editing.id} task={editing} onClose={close} />}
    </SectionPage>
  );
}
