import { describe, expect, it } from 'vitest';
import { countryChoices, countryCode } from '../domain/countries';
import { formatPhone, normalizePhone } from '../domain/normalize';
import { analyzeCsv, mapCsvRows } from './csv-contacts';
import { writeCsv } from './csv';
import { mapVcardFile } from './vcard';

const it_IT = { locale: 'it-IT', defaultCountry: 'IT' };
const csv = (rows: string[][]) => {
  const a = analyzeCsv(new TextEncoder().encode(writeCsv(rows)));
  return mapCsvRows(a, a.mapping, it_IT);
};
const vcf = (text: string) => mapVcardFile(new TextEncoder().encode(text.replace(/\n/g, '\r\n')), it_IT);

describe('phones are never reinterpreted', () => {
  it('keeps a US number without prefix as written, to check, when the default country is Italy', () => {
    const [r] = csv([
      ['First Name', 'Last Name', 'Mobile Phone'],
      ['John', 'Doe', '555 555 1111'],
    ]);
    expect(r!.draft!.phones).toEqual([]);
    expect(r!.draft!.toCheck).toEqual([{ field: 'phone', value: '555 555 1111', kind: 'mobile' }]);
    expect(JSON.stringify(r!.draft)).not.toContain('+39');
    expect(r!.problems).toEqual([
      { row: 2, column: 'Mobile Phone', code: 'invalid-phone', value: '555 555 1111', kept: true },
    ]);
  });

  it('reads a national number in the default country only when it is a real number there', () => {
    expect(normalizePhone('347 123 4567', 'IT')).toBe('+393471234567');
    expect(normalizePhone('02 1234 5678', 'IT')).toBe('+390212345678');
    expect(normalizePhone('555 555 1111', 'IT')).toBeNull();
    expect(normalizePhone('555 555 1111', 'US')).toBeNull(); // 555 is not a real US area code either
    expect(normalizePhone('212 555 1234', 'US')).toBe('+12125551234');
    // A prefix says which country: the default country is not used.
    expect(normalizePhone('+1 212 555 1234', 'IT')).toBe('+12125551234');
    expect(normalizePhone('0044 20 7946 0958', 'IT')).toBe('+442079460958');
  });

  it('formats stored numbers for people and leaves anything else as it is', () => {
    expect(formatPhone('+393471234567')).toBe('+39 347 123 4567');
    expect(formatPhone('+12125551234')).toBe('+1 212 555 1234');
    expect(formatPhone('555 555 1111')).toBe('555 555 1111');
  });
});

describe('countries by any name', () => {
  it.each([
    ['U.S.A.', 'US'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ['Stati Uniti', 'US'],
    ['Vereinigte Staaten', 'US'],
    ['États-Unis', 'US'],
    ['Estados Unidos', 'US'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Italia', 'IT'],
    ['IT', 'IT'],
    ['it', 'IT'],
    ['UK', 'GB'],
    ['Regno Unito', 'GB'],
    ['Schweiz', 'CH'],
    ['España', 'ES'],
  ])('%s → %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('knows no country that is not one', () => {
    expect(countryCode('Neverland')).toBeNull();
    expect(countryCode('XX')).toBeNull();
    expect(countryCode('...')).toBeNull();
  });

  it('lists every country for a picker, by name in the language asked', () => {
    const it = countryChoices('it');
    expect(it.find((c) => c.code === 'DE')!.name).toBe('Germania');
    expect(it.length).toBeGreaterThan(200);
  });

  it('reads a country written "U.S.A." and keeps an unknown one, with the rest of the address, to check', () => {
    const [usa, nowhere] = csv([
      ['Nome', 'Cognome', 'Città', 'Paese'],
      ['John', 'Doe', 'Boston', 'U.S.A.'],
      ['Anna', 'Verdi', 'Atlantide', 'Terra di Mezzo'],
    ]);
    expect(usa!.draft!.addresses).toEqual([{ kind: 'other', city: 'Boston', country: 'US' }]);
    expect(nowhere!.draft!.addresses).toEqual([]);
    expect(nowhere!.draft!.toCheck).toEqual([
      {
        field: 'address',
        value: 'Terra di Mezzo',
        kind: 'other',
        address: { kind: 'other', city: 'Atlantide' },
      },
    ]);
    expect(nowhere!.problems[0]).toMatchObject({
      code: 'unknown-country',
      value: 'Terra di Mezzo',
      kept: true,
    });
  });

  it('accepts an RFC 2426 address with no country (in the default country)', () => {
    const { results } = vcf(
      'BEGIN:VCARD\nVERSION:3.0\nFN:Mr. John Q. Public\\, Esq.\nN:Public;John;Quinlan;Mr.;Esq.\n' +
        'ADR;TYPE=dom,home,postal,parcel:;;123 Main Street;Any Town;CA;91921-1234\nEND:VCARD\n',
    );
    expect(results[0]!.problems).toEqual([]);
    expect(results[0]!.draft!.addresses).toEqual([
      {
        kind: 'home',
        street: '123 Main Street',
        city: 'Any Town',
        province: 'CA',
        postalCode: '91921-1234',
        country: 'IT',
      },
    ]);
  });
});

describe('imports that never lose a contact for one field', () => {
  it('imports a person with one bad email and one bad phone, both kept to check', () => {
    const { results } = vcf(
      'BEGIN:VCARD\nVERSION:3.0\nN:Rossi;Mario;;;\nEMAIL:mario(at)example.it\nTEL;TYPE=CELL:12\n' +
        'EMAIL:mario@example.it\nEND:VCARD\n',
    );
    const r = results[0]!;
    expect(r.draft).toMatchObject({ givenName: 'Mario', familyName: 'Rossi' });
    expect(r.draft!.emails).toEqual([{ kind: 'other', address: 'mario@example.it' }]);
    expect(r.draft!.toCheck).toEqual([
      { field: 'email', value: 'mario(at)example.it', kind: 'other' },
      { field: 'phone', value: '12', kind: 'mobile' },
    ]);
    expect(r.problems.map((p) => [p.column, p.code, p.value, p.kept])).toEqual([
      ['EMAIL', 'invalid-email', 'mario(at)example.it', true],
      ['TEL', 'invalid-phone', '12', true],
    ]);
  });

  it('keeps a bad date, VAT number and codice fiscale as written', () => {
    const [r] = csv([
      ['Nome', 'Cognome', 'Compleanno', 'Partita IVA', 'Codice fiscale'],
      ['Anna', 'Verdi', '31/02/1980', 'IT123', 'XYZ'],
    ]);
    expect(r!.draft!.birthday).toBeUndefined();
    expect(r!.draft!.toCheck.map((e) => [e.field, e.value])).toEqual([
      ['birthday', '31/02/1980'],
      ['vatNumber', 'IT123'],
      ['taxCode', 'XYZ'],
    ]);
  });

  it('names an email-only card by its email, and a phone-only one by the number as written', () => {
    const { results } = vcf(
      'BEGIN:VCARD\nVERSION:2.1\nEMAIL;INTERNET:solo@example.it\nEND:VCARD\n' +
        'BEGIN:VCARD\nVERSION:3.0\nTEL:+39 347 123 4567\nEND:VCARD\n',
    );
    expect(results[0]!.draft).toMatchObject({ givenName: '', familyName: 'solo@example.it' });
    expect(results[1]!.draft).toMatchObject({
      familyName: '+39 347 123 4567',
      phones: [{ kind: 'other', number: '+393471234567' }],
    });
  });

  it('makes an organization of a row that names only one, with its contact points', () => {
    const [r] = csv([
      ['Name', 'Organization 1 - Name', 'Phone 1 - Value', 'E-mail 1 - Value'],
      ['', 'Officine Adriatiche', '+39 02 1234 5678', 'info@officine.example'],
    ]);
    expect(r!.draft).toMatchObject({
      kind: 'organization',
      organizationName: 'Officine Adriatiche',
      phones: [{ number: '+390212345678' }],
      emails: [{ address: 'info@officine.example' }],
    });
  });

  it('refuses only a row with nothing to identify anyone', () => {
    const [r] = csv([
      ['Nome', 'Cognome', 'Città', 'Note'],
      ['', '', 'Milano', 'chi è?'],
    ]);
    expect(r!.draft).toBeNull();
    expect(r!.problems).toEqual([{ row: 2, column: '', code: 'no-identity' }]);
  });

  it('reads labels and categories as tags (not Google’s group of everyone)', () => {
    const [google] = csv([
      ['Given Name', 'Family Name', 'Labels'],
      ['Anna', 'Verdi', '* myContacts ::: Clienti ::: * starred'],
    ]);
    expect(google!.draft!.tags).toEqual(['Clienti', 'starred']);
    const [outlook] = csv([
      ['Nome', 'Cognome', 'Categorie'],
      ['Bruno', 'Neri', 'Fornitori;VIP'],
    ]);
    expect(outlook!.draft!.tags).toEqual(['Fornitori', 'VIP']);
    const { results } = vcf(
      'BEGIN:VCARD\nVERSION:3.0\nFN:Carla Bassi\nCATEGORIES:Amici,Lavoro,amici\nEND:VCARD\n',
    );
    expect(results[0]!.draft!.tags).toEqual(['Amici', 'Lavoro']);
  });
});
