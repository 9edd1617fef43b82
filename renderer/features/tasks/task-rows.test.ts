import { describe, expect, it } from 'vitest';
import { createRecord, encodeHlc, initialHlc, tick, type Task } from '../../../shared/domain';
import { taskRows, type TaskRowQuery, type TaskRowSource } from './task-rows';

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

const person = '00000000000000000000000000000fff';
const tasks = [
  task('Chiamare il commercialista', { dueDate: '2026-12-01', dueTime: '09:30', priority: 'high' }),
  task('Rinnovare il dominio', {
    dueDate: '2026-12-01',
    priority: 'low',
    link: { table: 'person', id: person },
  }),
  task('Preparare il preventivo', { dueDate: '2026-11-20', done: true, doneAt: '2026-11-21T10:00:00.000Z' }),
  task('Pianificare', {}),
  { ...task('Vecchio'), deletedAt: '2026-11-02T00:00:00.000Z' },
];
const source: TaskRowSource = {
  tasks,
  linkName: (link) => (link.id === person ? 'Giulia Bianchi' : ''),
  priorityLabel: (p) => ({ low: 'Low', normal: 'Normal', high: 'High' })[p],
  doneLabel: (done) => (done ? 'Yes' : 'No'),
};
const query = (q: Partial<TaskRowQuery>): TaskRowQuery => ({
  query: '',
  showTrash: false,
  sort: { column: 'title', descending: false },
  language: 'en',
  matches: null,
  ...q,
});
const titles = (q: Partial<TaskRowQuery>) => taskRows(source, query(q)).map((r) => r.cells.title);

describe('task rows', () => {
  it('shows due date and time in the UI language, priority, done and the linked record', () => {
    const rows = taskRows(source, query({ language: 'it' }));
    const call = rows.find((r) => r.cells.title.startsWith('Chiamare'))!;
    expect(call.cells.due).toBe('1 dic 2026 09:30');
    expect(call.cells.priority).toBe('High');
    const domain = rows.find((r) => r.cells.title.startsWith('Rinnovare'))!;
    expect(domain.cells).toMatchObject({ link: 'Giulia Bianchi', done: 'No' });
    expect(rows.find((r) => r.cells.title === 'Pianificare')!.cells.due).toBe('');
  });

  it('sorts due by date then time with undated last, priority by rank, open before done', () => {
    expect(titles({ sort: { column: 'due', descending: false } })).toEqual([
      'Preparare il preventivo',
      'Chiamare il commercialista',
      'Rinnovare il dominio',
      'Pianificare',
    ]);
    expect(titles({ sort: { column: 'priority', descending: true } })[0]).toBe('Chiamare il commercialista');
    expect(titles({ sort: { column: 'priority', descending: false } })[0]).toBe('Rinnovare il dominio');
    expect(titles({ sort: { column: 'done', descending: true } })[0]).toBe('Preparare il preventivo');
  });

  it('filters live tasks by index matches and the trash by its cells', () => {
    expect(titles({ query: 'dominio', matches: new Set([tasks[1]!.id]) })).toEqual(['Rinnovare il dominio']);
    expect(titles({ showTrash: true })).toEqual(['Vecchio']);
    expect(titles({ showTrash: true, query: 'vec', matches: new Set() })).toEqual(['Vecchio']);
    expect(titles({ showTrash: true, query: 'zzz', matches: null })).toEqual([]);
  });
});
