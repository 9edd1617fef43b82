import { describe, expect, it } from 'vitest';
import {
  activitySchema,
  createRecord,
  encodeHlc,
  initialHlc,
  tick,
  type Activity,
} from '../../../shared/domain';
import { activityFieldsFromForm, activityForm } from './activity-form';
import { localEpoch } from './local-time';

const now = new Date(2026, 10, 28, 10, 15).getTime();
const stamp = { clock: encodeHlc(tick(initialHlc('0123456789abcdef'), now)), at: now };

describe('activity form', () => {
  it('logs an empty "when" at the moment of saving and yields a valid record', () => {
    const form = { ...activityForm(), kind: 'note' as const, text: '  Asked for a quote  ' };
    const result = activityFieldsFromForm(form, now);
    if (!('fields' in result)) throw new Error('expected fields');
    expect(result.fields).toMatchObject({
      kind: 'note',
      at: new Date(now).toISOString(),
      text: 'Asked for a quote',
    });
    const record = createRecord('activities', '0'.repeat(32) as Activity['id'], result.fields, stamp);
    expect(activitySchema.safeParse(record).success).toBe(true);
  });

  it('reads an edited time as local time and round-trips an existing activity', () => {
    const form = { ...activityForm(), when: '2026-11-27T16:45', duration: '30', subject: 'Renewal' };
    const result = activityFieldsFromForm(form, now);
    if (!('fields' in result)) throw new Error('expected fields');
    expect(result.fields.at).toBe(new Date(localEpoch('2026-11-27', '16:45')).toISOString());
    expect(result.fields.durationMinutes).toBe(30);
    const record = createRecord('activities', '0'.repeat(32) as Activity['id'], result.fields, stamp);
    expect(activityForm(record)).toMatchObject({
      when: '2026-11-27T16:45',
      duration: '30',
      subject: 'Renewal',
    });
  });

  it('reports text that never became a value, with codes only', () => {
    const result = activityFieldsFromForm(
      { ...activityForm(), when: '2026-02-30T10:00', duration: 'ten' },
      now,
    );
    expect(result).toEqual({ errors: { at: 'invalid-datetime', durationMinutes: 'invalid-type' } });
  });

  it('leaves negative or fractional durations to the schema', () => {
    const result = activityFieldsFromForm({ ...activityForm(), duration: '-5' }, now);
    if (!('fields' in result)) throw new Error('expected fields');
    const record = createRecord('activities', '0'.repeat(32) as Activity['id'], result.fields, stamp);
    const parsed = activitySchema.safeParse(record);
    expect(parsed.success).toBe(false);
  });
});
