import { describe, expect, it } from 'vitest';
import { exampleOrganization, examplePerson } from '../../test/fixtures/records';
import { dedupeKeys } from './dedupe';

describe('dedupeKeys', () => {
  it('gives normalised email and phone keys for a person', () => {
    expect(dedupeKeys(examplePerson())).toEqual([
      { kind: 'email', value: 'niccolo.rossi@officine.it' },
      { kind: 'phone', value: '+393471234567' },
    ]);
  });

  it('adds VAT, tax code and PEC for organizations, without repeats', () => {
    const org = exampleOrganization({ emails: [{ kind: 'work', address: 'Officine@LegalMail.it' }] });
    expect(dedupeKeys(org)).toEqual([
      { kind: 'email', value: 'officine@legalmail.it' },
      { kind: 'phone', value: '+390212345678' },
      { kind: 'vat', value: 'IT06363391001' },
      { kind: 'tax-code', value: '06363391001' },
    ]);
  });

  it('matches two records of the same person typed differently', () => {
    const a = examplePerson({ emails: [{ kind: 'home', address: ' MARIO@Example.it' }] });
    const b = examplePerson({ emails: [{ kind: 'work', address: 'mario@example.it' }], phones: [] });
    const keysA = new Set(dedupeKeys(a).map((k) => `${k.kind}:${k.value}`));
    expect(dedupeKeys(b).some((k) => keysA.has(`${k.kind}:${k.value}`))).toBe(true);
  });
});
