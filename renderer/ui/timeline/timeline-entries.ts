import type { Activity, Deal, Task, TaskLink } from '../../../shared/domain';
import type { HistoryEntry } from '../../vault';
import { localDate, localEpoch } from './local-time';

/** The record a timeline, a quick-add form or a task link is about. */
export interface TimelineSubject {
  readonly table: 'people' | 'organizations' | 'deals';
  readonly id: string;
}

/** One line of a timeline; `at` (epoch ms) places it, `key` is stable for React and ties. */
export type TimelineEntry =
  | { readonly kind: 'activity'; readonly key: string; readonly at: number; readonly activity: Activity }
  | {
      readonly kind: 'task';
      readonly key: string;
      readonly at: number;
      /** True when placed by a due date without a time: show the date only. */
      readonly allDay: boolean;
      readonly task: Task;
    }
  | { readonly kind: 'deal'; readonly key: string; readonly at: number; readonly deal: Deal }
  | { readonly kind: 'change'; readonly key: string; readonly at: number; readonly change: HistoryEntry };

/** The records a timeline is drawn from (the model's tables and the subject's history). */
export interface TimelineSources {
  readonly activities: readonly Activity[];
  readonly tasks: readonly Task[];
  readonly deals: readonly Deal[];
  readonly history: readonly HistoryEntry[];
}

/** The task link that points at a subject. */
export function taskLinkOf(subject: TimelineSubject): TaskLink {
  const table =
    subject.table === 'people' ? 'person' : subject.table === 'organizations' ? 'organization' : 'deal';
  return { table, id: subject.id };
}

function involves(activity: Activity, subject: TimelineSubject): boolean {
  if (subject.table === 'people') return activity.participantIds.includes(subject.id as never);
  if (subject.table === 'organizations') return activity.organizationId === subject.id;
  return activity.dealId === subject.id;
}

function includes(deal: Deal, subject: TimelineSubject): boolean {
  if (subject.table === 'people') return deal.personIds.includes(subject.id as never);
  if (subject.table === 'organizations') return deal.organizationId === subject.id;
  return false;
}

/**
 * Where a task sits in time: when it was done, else when it is due, else when it was created.
 * Open tasks due later therefore lead the timeline, as what comes next.
 */
function taskPlace(task: Task): { at: number; allDay: boolean } {
  if (task.done && task.doneAt) return { at: Date.parse(task.doneAt), allDay: false };
  if (task.dueDate) {
    const at = localEpoch(task.dueDate, task.dueTime ?? '00:00');
    if (!Number.isNaN(at)) return { at, allDay: task.dueTime === undefined };
  }
  return { at: Date.parse(task.createdAt), allDay: false };
}

/**
 * Everything about a subject as one list, newest first: its live activities, linked tasks,
 * deals that include it, and its recorded changes. Trashed records are left out.
 */
export function timelineEntries(subject: TimelineSubject, sources: TimelineSources): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const a of sources.activities) {
    if (a.deletedAt === null && involves(a, subject))
      out.push({ kind: 'activity', key: `a:${a.id}`, at: Date.parse(a.at), activity: a });
  }
  const link = taskLinkOf(subject);
  for (const t of sources.tasks) {
    if (t.deletedAt === null && t.link?.table === link.table && t.link.id === link.id)
      out.push({ kind: 'task', key: `t:${t.id}`, ...taskPlace(t), task: t });
  }
  for (const d of sources.deals) {
    if (d.deletedAt === null && includes(d, subject))
      out.push({ kind: 'deal', key: `d:${d.id}`, at: Date.parse(d.closedAt ?? d.createdAt), deal: d });
  }
  sources.history.forEach((h, i) => {
    if (h.recordId === subject.id)
      out.push({ kind: 'change', key: `h:${h.at}:${i}`, at: Date.parse(h.at), change: h });
  });
  return out.sort((x, y) => y.at - x.at || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Entries of one local calendar day. */
export interface TimelineDay {
  /** `YYYY-MM-DD` in the user's time zone. */
  readonly day: string;
  readonly entries: readonly TimelineEntry[];
}

/** Splits newest-first entries into local days, keeping the order. */
export function groupByDay(entries: readonly TimelineEntry[]): TimelineDay[] {
  const days: { day: string; entries: TimelineEntry[] }[] = [];
  for (const entry of entries) {
    const day = localDate(entry.at);
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }
  return days;
}
