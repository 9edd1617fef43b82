import { describe, expect, it } from 'vitest';
import { createRecord, encodeHlc, initialHlc, taskSchema, tick, type Task } from '../../../shared/domain';
import { localEpoch } from './local-time';
import { taskFieldsFromForm, taskForm } from './task-form';

const now = new Date(2026, 10, 28, 10, 15).getTime();
const stamp = { clock: encodeHlc(tick(initialHlc('0123456789abcdef'), now)), at: now };
const person = 'a'.repeat(32);

function build(fields: object): Task {
  return createRecord('tasks', '0'.repeat(32) as Task['id'], { ...fields, done: false }, stamp);
}

describe('task form', () => {
  it('turns a filled form into a valid task linked to its record', () => {
    const form = { ...taskForm(undefined, { table: 'person', id: person }), title: ' Send the offer ' };
    Object.assign(form, { dueDate: '2026-12-02', dueTime: '11:00', reminder: '1h', priority: 'high' });
    const result = taskFieldsFromForm(form);
    if (!('fields' in result)) throw new Error('expected fields');
    expect(result.fields).toMatchObject({
      title: 'Send the offer',
      dueDate: '2026-12-02',
      dueTime: '11:00',
      reminderAt: new Date(localEpoch('2026-12-02', '10:00')).toISOString(),
      priority: 'high',
      link: { table: 'person', id: person },
    });
    const task = build(result.fields);
    expect(taskSchema.safeParse(task).success).toBe(true);
    expect(taskForm(task)).toEqual({ ...form, title: 'Send the offer' });
  });

  it('asks for a due date when the reminder is relative to it', () => {
    const form = { ...taskForm(), title: 'Call back', reminder: '15m' as const };
    expect(taskFieldsFromForm(form)).toEqual({ errors: { dueDate: 'required' } });
    expect(taskFieldsFromForm({ ...form, reminder: 'custom' })).toEqual({
      errors: { reminderAt: 'invalid-datetime' },
    });
  });

  it('leaves an empty title and a time without a date to the schema', () => {
    const result = taskFieldsFromForm({ ...taskForm(), dueTime: '10:00' });
    if (!('fields' in result)) throw new Error('expected fields');
    const parsed = taskSchema.safeParse(build(result.fields));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0]).sort()).toEqual(['dueDate', 'title']);
  });
});
