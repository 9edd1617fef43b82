import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsv } from './csv';
import { analyzeCsv, mapCsvRows } from './csv-contacts';
import { FormatError } from './errors';
import { mapVcardFile } from './vcard';

const opts = { locale: 'it-IT', defaultCountry: 'IT' };

// The importers may refuse a file, but only with a FormatError: anything else is a bug.
function onlyFormatErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
  }
}

const validCsv = writeCsv([
  [
    'First Name',
    'Last Name',
    'E-mail 1 - Value',
    'Phone 1 - Value',
    'Organization Name',
    'Birthday',
    'Notes',
  ],
  [
    'Niccolò',
    'Ferraris',
    'n.ferraris@example.it',
    '+39 347 123 4567',
    'Officine',
    '1980-05-17',
    'riga 1\nriga 2',
  ],
  ['Anna', 'Verdi', 'anna@example.it ::: a.verdi@example.com', '02 1234 5678', '', '17/05/1981', ''],
]);
const validVcard =
  'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ferraris;Niccol=C3=B2;;;\r\nTEL;CELL:+393471234567\r\nEND:VCARD\r\n' +
  'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Verdi\r\nN:Verdi;Anna;;;\r\nEMAIL;TYPE=work:anna@example.it\r\nADR:;;Via Roma 1;Milano;MI;20121;Italia\r\nBDAY:19810517\r\nEND:VCARD\r\n';

const mutated = (text: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat(),
        cut: fc.nat({ max: 8 }),
        insert: fc.oneof(
          fc.string({ maxLength: 6 }),
          fc.constantFrom('"', ';', ':', '\r\n', '=', ' ::: ', '\\', '\u0000'),
        ),
      }),
      { maxLength: 8 },
    )
    .map((edits) => {
      let out = text;
      for (const e of edits) {
        const at = e.at % (out.length + 1);
        out = out.slice(0, at) + e.insert + out.slice(at + e.cut);
      }
      return new TextEncoder().encode(out);
    });

describe('importers under random input', () => {
  it('CSV: random bytes and mutated valid files never throw anything but a FormatError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated(validCsv)), (bytes) => {
        onlyFormatErrors(() => {
          const a = analyzeCsv(bytes);
          for (const r of mapCsvRows(a, a.mapping, opts)) {
            // A row is either a draft or a list of problems, never both, never neither.
            expect(r.draft === null).toBe(r.problems.length > 0);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('vCard: random bytes and mutated valid files never throw anything but a FormatError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated(validVcard)), (bytes) => {
        onlyFormatErrors(() => {
          for (const r of mapVcardFile(bytes, opts).results)
            expect(r.draft === null).toBe(r.problems.length > 0);
        });
      }),
      { numRuns: 400 },
    );
  });
});
