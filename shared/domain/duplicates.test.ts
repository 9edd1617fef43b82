import { describe, expect, it } from 'vitest';
import {
  findDuplicateOrganizations,
  findDuplicatePeople,
  groupDuplicates,
  organizationNameKey,
} from './duplicates';
import type { Organization } from './organization';
import type { Person } from './person';

let n = 0;
const nextId = () => (++n).toString(16).padStart(32, '0');

function person(given: string, family: string, extra: Partial<Person> = {}): Person {
  return {
    id: nextId(),
    subjectId: nextId(),
    givenName: given,
    familyName: family,
    emails: [],
    phones: [],
    deletedAt: null,
    ...extra,
  } as unknown as Person;
}

function org(name: string, extra: Partial<Organization> = {}): Organization {
  return { id: nextId(), name, emails: [], phones: [], deletedAt: null, ...extra } as unknown as Organization;
}

const ids = (groups: readonly { records: readonly { id: string }[] }[]) =>
  groups.map((g) => g.records.map((r) => r.id).sort());

describe('people duplicate finder', () => {
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
    const groups = findDuplicatePeople([a, b, c, d, e, lonely]);
    expect(ids(groups)).toEqual([[a, b, c, d, e].map((p) => p.id).sort()]);
    expect(groups[0]!.reasons).toEqual(['email', 'phone', 'name']);
  });

  it('ignores people in the trash', () => {
    const a = person('Anna', 'Verdi');
    const b = person('Anna', 'Verdi', { deletedAt: '2026-11-01T00:00:00.000Z' });
    expect(findDuplicatePeople([a, b])).toEqual([]);
  });
});

describe('organization name key', () => {
  it('ignores case, accents, punctuation, word order and trailing legal forms', () => {
    const key = organizationNameKey({ name: 'Officine Adriatiche' });
    for (const name of [
      'Officine Adriatiche S.r.l.',
      'OFFICINE ADRIATICHE SRL',
      'Officine Adriatiche s.r.l. unipersonale',
      'Adriatiche, Officine',
      'Officine Adriatiché S.p.A.',
      'Officine Adriatiche GmbH',
      'Officine Adriatiche Società a responsabilità limitata',
    ])
      expect(organizationNameKey({ name }), name).toBe(key);
    expect(organizationNameKey({ name: 'Rossi & C. S.a.s.' })).toBe(organizationNameKey({ name: 'Rossi' }));
    expect(organizationNameKey({ name: 'Müller GmbH & Co. KG' })).toBe('muller');
  });

  it('gives no key for a bare legal form or too short a name, and strips forms only at the end', () => {
    expect(organizationNameKey({ name: 'S.p.A.' })).toBe('');
    expect(organizationNameKey({ name: 'AB S.r.l.' })).toBe('');
    expect(organizationNameKey({ name: 'Spa Termale' })).toBe('spa termale');
  });

  it('tells different names apart', () => {
    expect(organizationNameKey({ name: 'Rossi Impianti S.r.l.' })).not.toBe(
      organizationNameKey({ name: 'Rossi Impianti Elettrici S.r.l.' }),
    );
  });
});

describe('organization duplicate finder', () => {
  it('groups organizations by VAT number, email or PEC, phone, or normalised name', () => {
    const vatA = org('Alfa Meccanica', { vatNumber: 'IT06363391001' });
    const vatB = org('Meccanica Alfa Group', { vatNumber: 'IT06363391001' });
    const pecA = org('Beta Servizi', { pec: 'beta@pec.it' });
    const pecB = org('Servizi Generali Beta', { emails: [{ kind: 'work', address: 'BETA@pec.it' }] });
    const phoneA = org('Gamma', { phones: [{ kind: 'work', number: '+390212345678' }] });
    const phoneB = org('Delta Logistica', { phones: [{ kind: 'other', number: '+390212345678' }] });
    const nameA = org('Officine Adriatiche S.r.l.');
    const nameB = org('officine adriatiche');
    const groups = findDuplicateOrganizations([vatA, pecA, phoneA, nameA, vatB, pecB, phoneB, nameB]);
    expect(ids(groups)).toEqual([
      [vatA.id, vatB.id].sort(),
      [pecA.id, pecB.id].sort(),
      [phoneA.id, phoneB.id].sort(),
      [nameA.id, nameB.id].sort(),
    ]);
    expect(groups.map((g) => g.reasons)).toEqual([['vat'], ['email'], ['phone'], ['name']]);
  });

  it('does not group organizations that only look alike, or are in the trash', () => {
    const groups = findDuplicateOrganizations([
      org('Rossi Impianti S.r.l.', { vatNumber: 'IT06363391001' }),
      org('Rossi Impianti Elettrici S.r.l.', { vatNumber: 'IT01234567897' }),
      org('Verdi S.p.A.', { phones: [{ kind: 'work', number: '+390212345678' }] }),
      org('Bianchi S.p.A.', { phones: [{ kind: 'work', number: '+390287654321' }] }),
      org('Spa Termale'),
      org('Termale'),
      org('Neri S.n.c.'),
      org('Neri', { deletedAt: '2026-11-01T00:00:00.000Z' }),
    ]);
    expect(groups).toEqual([]);
  });

  it('joins groups transitively and lists each record once', () => {
    const a = org('Alfa', { vatNumber: 'IT06363391001' });
    const b = org('Alfa S.r.l.', { vatNumber: 'IT06363391001', pec: 'alfa@pec.it' });
    const c = org('Zeta', { pec: 'alfa@pec.it' });
    const groups = findDuplicateOrganizations([a, b, c]);
    expect(ids(groups)).toEqual([[a.id, b.id, c.id].sort()]);
    expect(groups[0]!.reasons).toEqual(['email', 'vat', 'name']);
  });

  it('buckets without comparing pairs: one big group stays linear', () => {
    // 20,000 records sharing one phone: quadratic work would be 200 million comparisons.
    const many = Array.from({ length: 20_000 }, (_, i) =>
      org(`Filiale ${i}`, { phones: [{ kind: 'work', number: '+390212345678' }] }),
    );
    let calls = 0;
    const groups = groupDuplicates(many, (o) => {
      calls++;
      return [{ kind: 'phone', value: o.phones[0]!.number }];
    });
    expect(calls).toBe(many.length);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.records).toHaveLength(many.length);
  });
});
