import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, neutralizeFormula, parseCsv, unneutralizeFormula, writeCsv } from './csv';
import { analyzeCsv, mapCsvRows } from './csv-contacts';
import { FormatError } from './errors';
import { decodeText } from './text';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../test/fixtures/formats', name)));
const it_IT = { locale: 'it-IT', defaultCountry: 'IT' };

describe('CSV reading', () => {
  it('parses quotes, doubled quotes, delimiters and line breaks inside quotes, and any line end', () => {
    expect(parseCsv('a,"b,1","c ""q""\r\nd"\r\ne,f,g\rh,,i\n', ',')).toEqual([
      ['a', 'b,1', 'c "q"\r\nd'],
      ['e', 'f', 'g'],
      ['h', '', 'i'],
    ]);
  });

  it('keeps a quote inside an unquoted field and skips blank lines', () => {
    expect(parseCsv('O"Neil,x\n\n\ny,z', ',')).toEqual([
      ['O"Neil', 'x'],
      ['y', 'z'],
    ]);
  });

  it('refuses a file that ends inside a quoted field', () => {
    expect(() => analyzeCsv(fixture('truncated.csv'))).toThrow(FormatError);
  });

  it('detects comma, semicolon and tab', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
  });

  it('detects UTF-8 with BOM, UTF-16 LE with BOM, UTF-16 BE without, and Windows-1252', () => {
    expect(decodeText(fixture('google-contacts.csv')).encoding).toBe('utf-8');
    expect(decodeText(fixture('excel-utf16le.csv')).encoding).toBe('utf-16le');
    expect(decodeText(fixture('excel-utf16le.csv')).text).toContain('Zoë,Müller');
    expect(decodeText(fixture('utf16be-nobom.csv')).text).toContain('Zoë,Müller');
    const it1252 = decodeText(fixture('outlook-it.csv'));
    expect(it1252.encoding).toBe('windows-1252');
    expect(it1252.text).toContain('Niccolò;;Sciarra');
  });

  it('refuses binary garbage, empty files and files over the limit', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(() => decodeText(png)).toThrow(expect.objectContaining({ code: 'binary-file' }));
    expect(() => decodeText(new Uint8Array([0x20, 0x0a]))).toThrow(
      expect.objectContaining({ code: 'file-empty' }),
    );
    expect(() => decodeText(new Uint8Array(100), 10)).toThrow(
      expect.objectContaining({ code: 'file-too-large' }),
    );
  });
});

describe('CSV writing and formula injection', () => {
  it.each(['=1+1', '+39 333', '-2+3+cmd|x', '@SUM(A1)', '\t=x', '\r=x'])('neutralises %j', (cell) => {
    const out = neutralizeFormula(cell);
    expect(out.startsWith("'")).toBe(true);
    expect(unneutralizeFormula(out)).toBe(cell);
  });

  it('leaves ordinary text and plain negative numbers alone', () => {
    for (const cell of ['Rossi', '-12', '-3.5', 'a=b', "'quoted"]) expect(neutralizeFormula(cell)).toBe(cell);
  });

  it('writes a BOM, CRLF, quotes where needed, and reads back what it wrote', () => {
    const rows = [
      ['Name', 'Notes'],
      ['Rossi; Mario', 'line 1\nline "2"'],
      ['=HYPERLINK("x")', '+393471234567'],
    ];
    const text = writeCsv(rows, { delimiter: ';' });
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    const back = parseCsv(text.slice(1), ';').map((r) => r.map(unneutralizeFormula));
    expect(back).toEqual(rows);
    expect(text).toContain(`'=HYPERLINK`);
  });
});

describe('contact CSVs', () => {
  it('maps the current Google Contacts export, with labels, multi-values and year-less birthdays', () => {
    const a = analyzeCsv(fixture('google-contacts.csv'));
    const results = mapCsvRows(a, a.mapping, it_IT);
    const giulia = results[0]!.draft!;
    expect(giulia).toMatchObject({
      givenName: 'Giulia',
      familyName: 'Bianchi',
      organizationName: 'Studio Bianchi',
      jobTitle: 'Titolare',
    });
    expect(giulia.emails).toEqual([{ kind: 'work', address: 'giulia@studiobianchi.it' }]);
    expect(giulia.phones).toEqual([
      { kind: 'mobile', number: '+393331112222' },
      { kind: 'mobile', number: '+393331113333' },
    ]);
    expect(giulia.addresses).toEqual([
      {
        kind: 'other',
        street: 'Corso Italia 10',
        city: 'Torino',
        province: 'TO',
        postalCode: '10121',
        country: 'IT',
      },
    ]);
    expect(giulia.birthday).toBeUndefined();
    expect(results[1]!.draft!.phones).toEqual([{ kind: 'home', number: '+390815551234' }]);
    // A formula in a name is kept as text (it is stored, never evaluated).
    expect(results[2]!.draft!.givenName).toBe('=HYPERLINK("http://evil.example")');
  });

  it('maps the older Google export and keeps a bad email to check, naming row, column and value', () => {
    const a = analyzeCsv(fixture('google-contacts-legacy.csv'));
    const results = mapCsvRows(a, a.mapping, it_IT);
    const n = results[0]!.draft!;
    expect(n).toMatchObject({ givenName: 'Niccolò', familyName: 'Ferraris', birthday: '1980-05-17' });
    expect(n.notes).toBe('Incontrato a Bologna,\r\nfiera 2024');
    expect(n.emails.map((e) => e.address)).toEqual([
      'niccolo.ferraris@example.it',
      'n.ferraris@example.com',
      'nicco@example.org',
    ]);
    expect(n.emails[2]!.kind).toBe('home');
    expect(results[1]!.draft!.givenName).toBe('Anna Maria');
    expect(results[2]!.draft!.toCheck).toContainEqual(expect.objectContaining({ field: 'email' }));
    expect(results[2]!.problems).toContainEqual({
      row: 4,
      column: 'E-mail 1 - Value',
      code: 'invalid-email',
      value: results[2]!.draft!.toCheck.find((e) => e.field === 'email')!.value,
      kept: true,
    });
  });

  it('maps Outlook exports in English (US dates) and Italian (Windows-1252, semicolons)', () => {
    const en = analyzeCsv(fixture('outlook-en.csv'));
    const [john, sarah] = mapCsvRows(en, en.mapping, { locale: 'en-US', defaultCountry: 'GB' });
    expect(john!.draft).toMatchObject({
      givenName: 'John',
      familyName: 'Smith',
      jobTitle: 'Account Manager',
      birthday: '1980-05-17',
    });
    expect(john!.draft!.addresses[0]).toMatchObject({ kind: 'work', city: 'London', country: 'GB' });
    expect(sarah!.draft!.birthday).toBeUndefined();
    expect(sarah!.draft!.notes).toBe('Met at "the" conference');
    expect(sarah!.draft!.emails).toHaveLength(2);

    const itCsv = analyzeCsv(fixture('outlook-it.csv'));
    expect(itCsv.delimiter).toBe(';');
    const [n, l] = mapCsvRows(itCsv, itCsv.mapping, it_IT);
    expect(n!.draft).toMatchObject({
      givenName: 'Niccolò',
      familyName: 'Sciarra',
      organizationName: 'Società Agricola Forlì',
      birthday: '1980-05-17',
      notes: 'Perché sì',
    });
    expect(n!.draft!.phones).toEqual([
      { kind: 'work', number: '+390543123456' },
      { kind: 'mobile', number: '+393334445555' },
    ]);
    expect(n!.draft!.addresses[0]).toMatchObject({ city: 'Forlì', country: 'IT', province: 'FC' });
    expect(l!.draft!.familyName).toBe("D'Angelo");
  });

  it('maps a hand-made Italian TSV with a Partita IVA', () => {
    const a = analyzeCsv(fixture('generic.tsv'));
    expect(a.delimiter).toBe('\t');
    expect(a.mapping.map((m) => m.field)).toEqual([
      'givenName',
      'familyName',
      'email',
      'phone',
      'organization',
      'vatNumber',
    ]);
    const [paolo] = mapCsvRows(a, a.mapping, it_IT);
    expect(paolo!.draft).toMatchObject({ organizationName: 'Rossi Costruzioni', vatNumber: 'IT01234567897' });
  });

  it('stops when progress asks to cancel', () => {
    const text = 'First Name,Last Name\n' + Array.from({ length: 50 }, (_, i) => `A${i},B`).join('\n');
    const a = analyzeCsv(new TextEncoder().encode(text));
    const out = mapCsvRows(a, a.mapping, it_IT, () => false, 10);
    expect(out).toHaveLength(10);
  });
});
