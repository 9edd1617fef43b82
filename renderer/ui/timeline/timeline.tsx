import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../i18n';
import type { Activity, Task } from '../../../shared/domain';
import { useTable } from '../model-hooks';
import type { HistoryEntry } from '../../vault';
import { useWorkspace } from '../../session/workspace';
import { ActivityDialog } from './activity-dialog';
import { localEpoch } from './local-time';
import { TaskCheck } from './task-check';
import { TaskDialog } from './task-dialog';
import { groupByDay, timelineEntries, type TimelineEntry, type TimelineSubject } from './timeline-entries';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';

/**
 * Symbols beside each entry; decorative, the kind is also written out. Plain text symbols, not
 * emoji: they render with the UI font on machines without an emoji font.
 */
const icons: Record<string, string> = {
  call: '☎',
  meeting: '◎',
  email: '✉',
  visit: '⌂',
  note: '✍',
  task: '☐',
  'task-done': '☑',
  deal: '⚑',
  change: '✎',
};

/** How one recorded change reads: created, trashed, restored, or the fields that changed. */
function changeText(entry: HistoryEntry, t: TFunction, fieldLabel: (f: string) => string): string {
  if (entry.command.endsWith('.create')) return t('activities.timeline.created');
  const trash = entry.changes.find((c) => c.field === 'deletedAt');
  if (trash) return t(trash.newValue ? 'activities.timeline.trashed' : 'activities.timeline.restored');
  return t('activities.timeline.changed', {
    fields: entry.changes.map((c) => fieldLabel(c.field)).join(', '),
  });
}

/**
 * Everything about a person, organization or deal in one list, newest first, grouped by day:
 * activities, linked tasks (completable in place), deals, and recorded changes. Activities and
 * tasks open their edit dialogs.
 */
export function Timeline({
  subject,
  fieldLabel,
}: {
  subject: TimelineSubject;
  /** Label of a changed field in history entries; defaults to the people/organizations labels. */
  fieldLabel?: (field: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const { model } = useWorkspace();
  const activities = useTable(model, 'activities');
  const tasks = useTable(model, 'tasks');
  const deals = useTable(model, 'deals');
  const history = useTable(model, 'history');
  const [editing, setEditing] = useState<{ activity?: Activity; task?: Task } | null>(null);

  // Callers pass a fresh object literal each render: depend on its parts, not its identity.
  const { table, id } = subject;
  const days = useMemo(
    () =>
      groupByDay(
        timelineEntries(
          { table, id },
          {
            activities,
            tasks,
            deals,
            history: history.filter((h) => h.recordId === id),
          },
        ),
      ),
    [table, id, activities, tasks, deals, history],
  );

  const area = subject.table === 'organizations' ? 'organizations' : 'people';
  const label = fieldLabel ?? ((f: string) => t(`${area}.fields.${f}`, { defaultValue: f }));
  const dayFormat = new Intl.DateTimeFormat(localeFor(i18n.language), { dateStyle: 'full' });
  const timeFormat = new Intl.DateTimeFormat(localeFor(i18n.language), { timeStyle: 'short' });
  const dueFormat = new Intl.DateTimeFormat(localeFor(i18n.language), { dateStyle: 'medium' });

  const row = (entry: TimelineEntry) => {
    const time = entry.kind === 'task' && entry.allDay ? null : timeFormat.format(entry.at);
    switch (entry.kind) {
      case 'activity': {
        const a = entry.activity;
        const kind = t(`activities.kinds.${a.kind}`);
        return (
          <>
            <span className="timeline-icon" aria-hidden="true">
              {icons[a.kind]}
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                <button
                  type="button"
                  className="timeline-open"
                  aria-label={t('activities.timeline.open', { what: `${kind} ${time ?? ''}`.trim() })}
                  onClick={() => setEditing({ activity: a })}
                >
                  {kind}
                </button>
                <time dateTime={a.at}>{time}</time>
                {a.durationMinutes !== undefined && (
                  <span className="muted">{t('activities.minutes', { count: a.durationMinutes })}</span>
                )}
              </div>
              {a.subject && <strong>{a.subject}</strong>}
              {a.text && <p className="timeline-text">{a.text}</p>}
            </div>
          </>
        );
      }
      case 'task': {
        const task = entry.task;
        const due = task.dueDate
          ? dueFormat.format(localEpoch(task.dueDate)) + (task.dueTime ? ` ${task.dueTime}` : '')
          : null;
        return (
          <>
            <span className="timeline-icon" aria-hidden="true">
              {icons[task.done ? 'task-done' : 'task']}
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                <span className="muted">
                  {task.done ? t('activities.timeline.taskDone') : t('activities.timeline.task')}
                </span>
                {time && <time dateTime={new Date(entry.at).toISOString()}>{time}</time>}
                {!task.done && due && (
                  <span className="muted">{t('activities.timeline.due', { when: due })}</span>
                )}
              </div>
              <div className="timeline-task">
                <TaskCheck task={task} />
                <button type="button" className="timeline-open" onClick={() => setEditing({ task })}>
                  {task.title}
                </button>
              </div>
            </div>
          </>
        );
      }
      case 'deal':
        return (
          <>
            <span className="timeline-icon" aria-hidden="true">
              {icons.deal}
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                <span className="muted">{t('activities.timeline.deal')}</span>
                <time dateTime={new Date(entry.at).toISOString()}>{time}</time>
                <span className="badge">{t(`activities.timeline.dealStatus.${entry.deal.status}`)}</span>
              </div>
              <Link to={`/deals/${entry.deal.id}`}>{entry.deal.title}</Link>
            </div>
          </>
        );
      case 'change':
        return (
          <>
            <span className="timeline-icon" aria-hidden="true">
              {icons.change}
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                <span>{changeText(entry.change, t, label)}</span>
                <time dateTime={entry.change.at}>{time}</time>
              </div>
              <small className="muted">{t('activities.timeline.by', { who: entry.change.actor })}</small>
            </div>
          </>
        );
    }
  };

  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('activities.timeline.title')}</h2>
      {days.length === 0 ? (
        <p className="muted">{t('activities.timeline.empty')}</p>
      ) : (
        days.map((day) => (
          <section key={day.day} className="timeline-day" aria-label={dayFormat.format(localEpoch(day.day))}>
            <h3>{dayFormat.format(localEpoch(day.day))}</h3>
            <ol>
              {day.entries.map((entry) => (
                <li
                  key={entry.key}
                  className={`timeline-entry timeline-${entry.kind}`}
                  data-entry={entry.kind}
                >
                  {row(entry)}
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
      {editing?.activity && <ActivityDialog activity={editing.activity} onClose={() => setEditing(null)} />}
      {editing?.task && <TaskDialog task={editing.task} onClose={() => setEditing(null)} />}
    </section>
  );
}
