/**
 * iCalendar (RFC 5545) export: meetings, calls and visits as VEVENT, tasks as VTODO and, when
 * asked, also as all-day VEVENTs on their due date. UIDs come from record ids, so importing a
 * re-export into a calendar updates the same entries instead of duplicating them.
 */
import type { Activity } from '../domain/activity';
import { instantToEpoch } from '../domain/dates';
import type { Task } from '../domain/task';
import { escapeText, foldLine } from './vcard';

/** Activity kinds that are events with a time (emails and notes are not). */
export const calendarActivityKinds: ReadonlySet<Activity['kind']> = new Set(['meeting', 'call', 'visit']);

/** Options of `toICalendar`. */
export interface ICalendarOptions {
  /** Also write each task with a due date as an all-day event (for calendars without VTODO). */
  readonly tasksAsEvents?: boolean;
  /** Summary of an activity without a subject, by kind, in the user's language. */
  readonly kindLabel?: (kind: Activity['kind']) => string;
  /** DTSTAMP of the file (epoch ms). */
  readonly now: number;
}

// 2025-03-20T09:28:55.632Z → 20250320T092855Z, by slicing (regular expressions cost seconds at 300k events).
const utcStamp = (epochMs: number): string => {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
};
const dateValue = (date: string): string => date.replace(/-/g, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const priority: Readonly<Record<Task['priority'], number>> = { high: 1, normal: 5, low: 9 };

/** The UID of a record's calendar entry; `suffix` tells a task's VTODO from its all-day VEVENT. */
export const calendarUid = (id: string, suffix = ''): string => `${id}${suffix}@scrigno.local`;

// Records per part of `iCalendarParts` (so a large calendar can be compressed as it is written).
const CALENDAR_PART = 5000;

/** Activities and tasks as one VCALENDAR text (CRLF, folded lines). Trashed records are skipped. */
export function toICalendar(
  activities: readonly Activity[],
  tasks: readonly Task[],
  options: ICalendarOptions,
): string {
  return [...iCalendarParts(activities, tasks, options)].join('');
}

/** `toICalendar` as consecutive parts of its text, a few thousand records each. */
export function* iCalendarParts(
  activities: readonly Activity[],
  tasks: readonly Task[],
  options: ICalendarOptions,
): Generator<string> {
  let lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Scrigno//Scrigno CRM//EN', 'CALSCALE:GREGORIAN'];
  const stamp = utcStamp(options.now);
  // Every `CALENDAR_PART` records, the lines so far go out as one part of the text.
  const flush = () => {
    const text = lines.map(foldLine).join('\r\n') + '\r\n';
    lines = [];
    return text;
  };
  for (const [n, a] of activities.entries()) {
    if (n % CALENDAR_PART === CALENDAR_PART - 1 && lines.length) yield flush();
    if (a.deletedAt !== null || !calendarActivityKinds.has(a.kind)) continue;
    const start = instantToEpoch(a.at);
    const minutes = a.durationMinutes ?? 30;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${calendarUid(a.id)}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${utcStamp(instantToEpoch(a.updatedAt))}`,
      `DTSTART:${utcStamp(start)}`,
      `DTEND:${utcStamp(start + minutes * 60_000)}`,
      `SUMMARY:${escapeText(a.subject ?? options.kindLabel?.(a.kind) ?? a.kind)}`,
      `CATEGORIES:${a.kind.toUpperCase()}`,
    );
    if (a.text.trim() !== '') lines.push(`DESCRIPTION:${escapeText(a.text)}`);
    lines.push('END:VEVENT');
  }
  for (const [n, t] of tasks.entries()) {
    if (n % CALENDAR_PART === CALENDAR_PART - 1 && lines.length) yield flush();
    if (t.deletedAt !== null) continue;
    lines.push('BEGIN:VTODO', `UID:${calendarUid(t.id)}`, `DTSTAMP:${stamp}`);
    lines.push(`LAST-MODIFIED:${utcStamp(instantToEpoch(t.updatedAt))}`, `SUMMARY:${escapeText(t.title)}`);
    if (t.dueDate !== undefined) {
      // A due time is local wall-clock time: written as floating time, as the user entered it.
      lines.push(
        t.dueTime !== undefined
          ? `DUE:${dateValue(t.dueDate)}T${t.dueTime.replace(':', '')}00`
          : `DUE;VALUE=DATE:${dateValue(t.dueDate)}`,
      );
    }
    lines.push(`PRIORITY:${priority[t.priority]}`, `STATUS:${t.done ? 'COMPLETED' : 'NEEDS-ACTION'}`);
    if (t.done && t.doneAt !== undefined) lines.push(`COMPLETED:${utcStamp(instantToEpoch(t.doneAt))}`);
    if (t.notes) lines.push(`DESCRIPTION:${escapeText(t.notes)}`);
    lines.push('END:VTODO');
    if (options.tasksAsEvents && t.dueDate !== undefined) {
      lines.push(
        'BEGIN:VEVENT',
        `UID:${calendarUid(t.id, '-due')}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${dateValue(t.dueDate)}`,
        `DTEND;VALUE=DATE:${dateValue(nextDay(t.dueDate))}`,
        `SUMMARY:${escapeText(t.title)}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  yield flush();
}
