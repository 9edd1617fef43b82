// Parser fuzzing of the import formats: CSV, vCard, the portable archive and its encrypted
// envelope. Each parser gets `fuzzRuns()` inputs near real files (the fixtures) or random; it may
// accept them or refuse with a FormatError, nothing else, and what it accepts is well formed.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetArchiveRecords } from '../../test/fixtures/generate';
import {
  fuzzRuns,
  fuzzTimeout,
  nearBytes,
  refusesOnlyWith,
  refusesOnlyWithSync,
} from '../../test/fuzz/support';
import { archiveTables, buildArchive, readArchive, type ArchiveRecords } from './archive';
import { decodeEnvelope, encodeEnvelopePrefix } from './archive-envelope';
import { writeCsv } from './csv';
import { analyzeCsv, mapCsvRows } from './csv-contacts';
import { FormatError } from './errors';
import { mapVcardFile } from './vcard';

const opts = { locale: 'it-IT', defaultCountry: 'IT' };
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/formats');
const fixture = (ext: string) =>
  readdirSync(fixtures)
    .filter((f) => f.endsWith(ext))
    .map((f) => new Uint8Array(readFileSync(path.join(fixtures, f))));

const csvSeeds = [
  ...fixture('.csv'),
  ...fixture('.tsv'),
  new TextEncoder().encode(
    writeCsv([
      ['First Name', 'Last Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Birthday', 'Notes'],
      ['Niccolò', 'Ferraris', 'n.ferraris@example.it', '+39 347 123 4567', '1980-05-17', 'riga 1\nriga 2'],
      ['Anna', 'Verdi', 'anna@example.it ::: a.verdi@example.com', '02 1234 5678', '17/05/1981', '"='],
    ]),
  ),
];
const vcardSeeds = fixture('.vcf');

const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const inflate = async (data: Uint8Array, size: number) =>
  new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }));

describe('import formats under hostile input', () => {
  it('has real files to start from', () => {
    expect(csvSeeds.length).toBeGreaterThanOrEqual(5);
    expect(vcardSeeds.length).toBeGreaterThanOrEqual(3);
  });

  it(
    'CSV: every row is a draft (with any values kept to check) or a list of problems, or the file is refused with a FormatError',
    () => {
      fc.assert(
        fc.property(nearBytes(csvSeeds), (bytes) => {
          refusesOnlyWithSync(FormatError, () => {
            const a = analyzeCsv(bytes);
            for (const r of mapCsvRows(a, a.mapping, opts))
              expect(r.draft === null).toBe(r.problems.some((p) => !p.kept));
          });
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(2),
  );

  it(
    'vCard: every card is a draft (with any values kept to check) or a list of problems, or the file is refused with a FormatError',
    () => {
      fc.assert(
        fc.property(nearBytes(vcardSeeds), (bytes) => {
          refusesOnlyWithSync(FormatError, () => {
            for (const r of mapVcardFile(bytes, opts).results)
              expect(r.draft === null).toBe(r.problems.some((p) => !p.kept));
          });
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(2),
  );
});

describe('the portable archive under hostile input', () => {
  const records: ArchiveRecords = datasetArchiveRecords({ contacts: 6, seed: 11 });

  it(
    'an archive near a real one reads back whole or is refused with a FormatError, with either inflate engine',
    async () => {
      const seed = await buildArchive({ records, appVersion: '1', now: Date.UTC(2026, 0, 1), sha256 });
      const total = archiveTables.reduce((n, t) => n + records[t].length, 0);
      await fc.assert(
        fc.asyncProperty(nearBytes([seed]), fc.boolean(), async (bytes, external) => {
          const read = await refusesOnlyWith(FormatError, () =>
            readArchive(bytes, sha256, external ? inflate : undefined),
          );
          // The data file is checksummed: whatever reads back is every record, unchanged in number.
          if (read) expect(archiveTables.reduce((n, t) => n + read.records[t].length, 0)).toBe(total);
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(10),
  );

  it(
    'an encrypted envelope near a real one is split or refused with a FormatError',
    () => {
      const prefix = encodeEnvelopePrefix({
        kdf: 'argon2id',
        m: 65536,
        t: 3,
        p: 1,
        salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
        cipher: 'aes-256-gcm',
        nonce: 'AAAAAAAAAAAAAAAA',
      });
      const seed = new Uint8Array(prefix.length + 48);
      seed.set(prefix);
      fc.assert(
        fc.property(nearBytes([seed]), (bytes) => {
          const env = refusesOnlyWithSync(FormatError, () => decodeEnvelope(bytes));
          if (env) expect(env.prefix.length + env.ciphertext.length).toBe(bytes.length);
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(1),
  );
});
