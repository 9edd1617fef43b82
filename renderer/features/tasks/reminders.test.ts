import { describe, expect, it } from 'vitest';
import {
  createRecord,
  encodeHlc,
  initialHlc,
  setTaskDone,
  tick,
  trashRecord,
  type Task,
} from '../../../shared/domain';
import { dueReminders, reminderNotification, ReminderWatcher } from './reminders';

const base = Date.UTC(2026, 10, 28, 9, 0);
const stamp = (at: number) => ({ clock: encodeHlc(tick(initialHlc('0123456789abcdef'), at)), at });
const iso = (ms: number) => new Date(ms).toISOString();

function task(n: number, fields: Partial<Task>): Task {
  return createRecord(
    'tasks',
    n.toString(16).padStart(32, '0') as Task['id'],
    { title: `t${n}`, priority: 'normal', done: false, ...fields } as never,
    stamp(base - 86_400_000),
  );
}

describe('reminders', () => {
  it('finds open, live tasks whose reminder has passed, oldest first', () => {
    const later = task(1, { reminderAt: iso(base - 60_000) });
    const earlier = task(2, { reminderAt: iso(base - 3_600_000) });
    const future = task(3, { reminderAt: iso(base + 1) });
    const none = task(4, {});
    const done = setTaskDone(task(5, { reminderAt: iso(base - 1) }), true, stamp(base));
    const trashed = trashRecord(task(6, { reminderAt: iso(base - 1) }), stamp(base));
    const due = dueReminders([later, earlier, future, none, done, trashed], base, new Set());
    expect(due.map((t) => t.title)).toEqual(['t2', 't1']);
  });

  it('delivers each reminder once, and again only when its time changes', () => {
    const delivered: string[][] = [];
    const watcher = new ReminderWatcher((due) => delivered.push(due.map((t) => t.title)));
    const a = task(1, { reminderAt: iso(base - 1) });
    const b = task(2, { reminderAt: iso(base + 30_000) });
    watcher.check([a, b], base);
    watcher.check([a, b], base + 10_000);
    watcher.check([a, b], base + 30_000);
    const moved = { ...a, reminderAt: iso(base + 40_000) };
    watcher.check([moved, b], base + 35_000);
    watcher.check([moved, b], base + 60_000);
    watcher.check([moved, b], base + 90_000);
    expect(delivered).toEqual([['t1'], ['t2'], ['t1']]);
  });
});

describe('the system notification for due reminders', () => {
  const task = (title: string) => ({ title }) as Task;

  it('carries the count only, unless the user allowed the title of a single task', () => {
    const one = [task('Call Mario Canary')];
    expect(reminderNotification(one, false, 'it')).toEqual({ count: 1, language: 'it' });
    expect(reminderNotification(one, true, 'it')).toEqual({
      count: 1,
      language: 'it',
      taskTitle: 'Call Mario Canary',
    });
    const two = [task('Call Mario Canary'), task('Send the offer')];
    expect(reminderNotification(two, true, 'en')).toEqual({ count: 2, language: 'en' });
    expect(reminderNotification([task('x'.repeat(300))], true, 'en').taskTitle).toHaveLength(200);
    expect(reminderNotification([task('   ')], true, 'en')).toEqual({ count: 1, language: 'en' });
  });
});
