import { describe, expect, it } from 'vitest';
import { examplePerson } from '../../test/fixtures/records';
import { canFix, fixEntry } from './to-check';

const options = { country: 'IT', locale: 'it-IT' };
const person = examplePerson({
  phones: [],
  addresses: [],
  toCheck: [
    { field: 'phone', value: '555 555 1111', kind: 'mobile' },
    { field: 'address', value: 'U.S.A.', kind: 'home', address: { kind: 'home', city: 'Boston' } },
    { field: 'vatNumber', value: 'IT123' },
    { field: 'organization', value: 'x'.repeat(201) },
  ],
});

describe('correcting a value kept to check', () => {
  it('refuses a correction that still does not validate, and never gives a national number the default prefix', () => {
    expect(fixEntry(person, 0, '555 555 1111', options)).toEqual({ ok: false, code: 'invalid-phone' });
    expect(fixEntry(person, 2, 'IT123', options)).toEqual({ ok: false, code: 'invalid-vat' });
  });

  it('puts a corrected phone in the phones, with its kind, and takes the entry off the list', () => {
    const result = fixEntry(person, 0, '+1 212 555 1234', options);
    expect(result).toEqual({
      ok: true,
      patch: {
        toCheck: person.toCheck.slice(1),
        phones: [{ kind: 'mobile', number: '+12125551234' }],
      },
    });
  });

  it('completes an address with the country written in any language', () => {
    const result = fixEntry(person, 1, 'Stati Uniti', options);
    expect(result.ok && result.patch.addresses).toEqual([{ kind: 'home', city: 'Boston', country: 'US' }]);
  });

  it('offers no correction for what the person dialog edits (the organization link)', () => {
    expect(person.toCheck.map((e) => canFix(e))).toEqual([true, true, true, false]);
    expect(canFix({ field: 'birthday', value: '31/02' }, 'organizations')).toBe(false);
    expect(canFix({ field: 'phone', value: '12' }, 'organizations')).toBe(true);
  });
});
