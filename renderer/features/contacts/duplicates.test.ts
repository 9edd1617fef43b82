import { describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import { findDuplicateGroups } from './duplicates';

let n = 0;
function person(given: string, family: string, extra: Partial<Person> = {}): Person {
  n++;
  return {
    id: n.toString(16).padStart(32, '0'),
    subjectId: (n + 1000).toString(16).padStart(32, '0'),
    givenName: given,
    familyName: family,
    emails: [],
    phones: [],
    deletedAt: null,
    ...extra,
  } as unknown as Person;
}

describe('duplicate finder', () => {
  it('groups people by shared email, phone or folded name, transitively', () => {
    const a = person('Niccolò', 'Rossi', { emails: [{ kind: 'work', address: 'N.Rossi@Example.it' }] });
    const b = person('Nico', 'R.', {
      emails: [{ kind: 'home', address: 'n.rossi@example.it' }],
      phones: [{ kind: 'mobile', number: '+393471234567' }],
    });
    const c = person('Someone', 'Else', { phones: [{ kind: 'work', number: '+393471234567' }] });
    const d = person('rossi', 'niccolo');
    const e = person('Niccolò', 'Rossi');
    const lonely = person('Giulia', 'Bianchi');
    const groups = findDuplicateGroups([a, b, c, d, e, lonely]);
    expect(groups.map((g) => g.map((p) => p.id).sort())).toEqual([[a, b, c, d, e].map((p) => p.id).sort()]);
  });

  it('ignores people in the trash', () => {
    const a = person('Anna', 'Verdi');
    const b = person('Anna', 'Verdi', { deletedAt: '2026-11-01T00:00:00.000Z' });
    expect(findDuplicateGroups([a, b])).toEqual([]);
  });
});
