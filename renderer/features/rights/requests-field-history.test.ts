import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { changesByField } from './requests-field-history';

describe('the changes of a person by field', () => {
  it('lists each field’s old and new values, newest first, with the device, confirmed by the audit log', async () => {
    const ws = await testWorkspace('field-history');
    const person = generateDataset({ contacts: 1, seed: 11 }).people[0]!;
    await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
    const first = applyChanges(person, { jobTitle: 'Geometra', familyName: 'Rosi' }, ws.repo.stamp());
    await ws.run('people.update', { changes: [{ table: 'people', before: person, after: first }] });
    const second = applyChanges(first, { familyName: 'Rossi' }, ws.repo.stamp());
    await ws.run('people.update', { changes: [{ table: 'people', before: first, after: second }] });

    const fields = changesByField(person.id, ws.repo.history(person.id), ws.model.list('audit'));
    expect(fields.map((f) => f.field)).toEqual(['familyName', 'jobTitle']);
    const family = fields[0]!.changes;
    expect(family.map((c) => [c.from, c.to])).toEqual([
      ['Rosi', 'Rossi'],
      [person.familyName, 'Rosi'],
    ]);
    expect(family.every((c) => c.audited && c.device === 'Test laptop')).toBe(true);

    // A history entry the audit log does not know of is shown, and marked as such.
    const forged = { ...ws.repo.history(person.id)[0]!, at: '2020-01-01T00:00:00.000Z' };
    const withForged = changesByField(
      person.id,
      [...ws.repo.history(person.id), forged],
      ws.model.list('audit'),
    );
    expect(withForged[0]!.changes.at(-1)!.audited).toBe(false);
    ws.dispose();
  });
});
