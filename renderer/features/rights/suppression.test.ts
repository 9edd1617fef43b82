import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { generateDataset } from '../../../test/fixtures/generate';
import type { Workspace } from '../../session/workspace';
import { addSuppression, suppressedMatch, suppressionIndex } from './suppression';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const somebody = (w: Workspace, email: string, phone: string): Person => {
  const base = generateDataset({ contacts: 1, seed: 3 }).people[0]!;
  return {
    ...base,
    id: w.repo.newId(),
    subjectId: w.repo.newId(),
    emails: [{ kind: 'work', address: email }],
    phones: [{ kind: 'mobile', number: phone }],
  } as Person;
};

describe('the suppression list', () => {
  it('an objection is one call: keyed hashes of every email and phone, never the values, added once', async () => {
    ws = await testWorkspace('suppression');
    const person = somebody(ws, 'Marta.Rossi@Example.it', '+393471112233');
    expect(await addSuppression(ws, person, 'objection')).toBe(2);
    expect(await addSuppression(ws, person, 'erasure')).toBe(0);
    const entries = ws.model.list('suppressions');
    expect(entries.map((e) => [e.kind, e.reason]).sort()).toEqual([
      ['email', 'objection'],
      ['phone', 'objection'],
    ]);
    const stored = JSON.stringify(await ws.vault.loadAll());
    expect(stored).not.toMatch(/marta|rossi|3471112233/i);
    // The same email written differently matches; another person does not.
    const index = suppressionIndex(ws);
    expect(
      suppressedMatch(ws.vault, index, somebody(ws, 'marta.rossi@example.it', '+390000000001'))?.kind,
    ).toBe('email');
    expect(
      suppressedMatch(ws.vault, index, somebody(ws, 'other@example.it', '+390000000002')),
    ).toBeUndefined();
  });
});
