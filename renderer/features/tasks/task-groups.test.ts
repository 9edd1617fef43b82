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
import { groupTasks } from './task-groups';

let clock = Date.UTC(2026, 10, 1);
const stamp = () => {
  clock += 1000;
  return { clock: encodeHlc(tick(initialHlc('0123456789abcdef'), clock)), at: clock };
};

let n = 0;
function task(title: string, fields: Partial<Task> = {}): Task {
  return createRecord(
    'tasks',
    (++n).toString(16).padStart(32, '0') as Task['id'],
    { title, priority: 'normal', done: false, ...fields } as never,
    stamp(),
  );
}

describe('task groups', () => {
  it('sorts live tasks into overdue, today, upcoming, no date and done', () => {
    const today = '2026-11-28';
    const tasks = [
      task('yesterday', { dueDate: '2026-11-27' }),
      task('last week', { dueDate: '2026-11-21' }),
      task('today all day', { dueDate: today }),
      task('today 09:00', { dueDate: today, dueTime: '09:00' }),
      task('today 08:00 low', { dueDate: today, dueTime: '08:00', priority: 'low' }),
      task('today 08:00 high', { dueDate: today, dueTime: '08:00', priority: 'high' }),
      task('tomorrow', { dueDate: '2026-11-29' }),
      task('undated old'),
      task('undated new'),
      task('undated high', { priority: 'high' }),
      trashRecord(task('trashed', { dueDate: '2026-11-01' }), stamp()),
    ];
    const doneFirst = setTaskDone(task('done first', { dueDate: '2026-11-01' }), true, stamp());
    const doneLast = setTaskDone(task('done last'), true, stamp());
    const groups = groupTasks([...tasks, doneFirst, doneLast], today);
    const titles = Object.fromEntries(
      Object.entries(groups).map(([g, list]) => [g, list.map((t) => t.title)]),
    );
    expect(titles).toEqual({
      overdue: ['last week', 'yesterday'],
      today: ['today 08:00 high', 'today 08:00 low', 'today 09:00', 'today all day'],
      upcoming: ['tomorrow'],
      'no-date': ['undated high', 'undated new', 'undated old'],
      done: ['done last', 'done first'],
    });
  });
});
