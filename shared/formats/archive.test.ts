import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { datasetArchiveRecords } from '../../test/fixtures/generate';
import {
  testController,
  testDraft,
  testEntries,
  testLink,
  testNotice,
  testPurpose,
  testSha256,
} from '../../test/fixtures/privacy';
import { exampleStamp } from '../../test/fixtures/records';
import { chainOf, verifyConsentChain } from '../domain/consent';
import type { Activity } from '../domain/activity';
import type { Organization } from '../domain/organization';
import type { Person } from '../domain/person';
import type { Task } from '../domain/task';
import { canonicalJson } from '../domain/record';
import {
  archiveData,
  archiveFileSources,
  archiveRecordsOf,
  archivePaths,
  archiveTables,
  buildArchive,
  readArchive,
  type ArchiveRecords,
} from './archive';
import { writeCsv } from './csv';
import { activitiesTable, peopleTable, tasksTable } from './entity-csv';
import { FormatError } from './errors';
import { calendarActivityKinds } from './ical';
import { peopleToVcards } from './vcard';
import { crc32, listZip, writeZip } from './zip-writer';
import { decodeEnvelope, encodeEnvelopePrefix, isEncryptedArchive } from './archive-envelope';

const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const recordsOf = (size: number): ArchiveRecords => datasetArchiveRecords({ contacts: size, seed: 7 });

const contentHash = (records: ArchiveRecords) =>
  createHash('sha256')
    .update(canonicalJson(archiveTables.map((t) => [...records[t]].sort((a, b) => (a.id < b.id ? -1 : 1)))))
    .digest('hex');

describe('portable archive', () => {
  it('holds every file with a checked manifest, and reads back identical records', async () => {
    const records = recordsOf(60);
    const zip = await buildArchive({ records, appVersion: '1.2.3', now: Date.UTC(2026, 10, 28), sha256 });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        'manifest.json',
        'README.txt',
        'data/scrigno.json',
        'data/scrigno.schema.json',
        'csv/people.csv',
        'csv/organizations.csv',
        'csv/deals.csv',
        'csv/activities.csv',
        'csv/tasks.csv',
        'contacts/contacts.vcf',
        'calendar/scrigno.ics',
      ].sort(),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      counts: Record<string, number>;
      files: { path: string }[];
      appVersion: string;
    };
    expect(manifest.appVersion).toBe('1.2.3');
    expect(manifest.counts.people).toBe(60);
    expect(manifest.files.map((f) => f.path)).not.toContain('manifest.json');
    const readme = strFromU8(files['README.txt']!);
    for (const f of Object.keys(files))
      if (f.includes('/')) expect(readme).toContain(f.startsWith('csv/') ? 'csv/*.csv' : f);
    const schema = JSON.parse(strFromU8(files[archivePaths.schema]!)) as { properties: { tables: unknown } };
    expect(schema.properties.tables).toBeDefined();

    const back = await readArchive(zip, sha256);
    expect(contentHash(back.records)).toBe(contentHash(records));
  });

  it('carries the privacy records (controller, purposes, links, notices, consent ledger) and their schema', async () => {
    const base = recordsOf(3);
    const person = base.people[0]!;
    const id = (c: string) => c.repeat(32);
    const purpose = testPurpose(id('a'), exampleStamp);
    const notice = await testNotice(id('b'), exampleStamp);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const consents = await testEntries(
      [],
      [
        testDraft({
          id: id('c'),
          personId: person.id,
          purposeId: purpose.id,
          action: 'given',
          at: day(1),
          noticeId: notice.id,
          noticeHash: notice.sha256,
        }),
        testDraft({
          id: id('d'),
          personId: person.id,
          purposeId: purpose.id,
          action: 'withdrawn',
          at: day(2),
        }),
      ],
      exampleStamp,
      Date.UTC(2026, 0, 3),
    );
    const records: ArchiveRecords = {
      ...base,
      'privacy-controller': [testController(id('e'), exampleStamp)],
      purposes: [purpose],
      'person-purposes': [testLink(id('f'), person.id, purpose.id, exampleStamp)],
      consents,
      notices: [notice],
    };
    const zip = await buildArchive({ records, appVersion: '1', now: Date.UTC(2026, 0, 3), sha256 });
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { counts: Record<string, number> };
    expect(manifest.counts).toMatchObject({
      'privacy-controller': 1,
      purposes: 1,
      'person-purposes': 1,
      consents: 2,
      notices: 1,
    });
    const schema = JSON.parse(strFromU8(files[archivePaths.schema]!)) as {
      properties: { tables: { properties: Record<string, unknown>; required: string[] } };
    };
    for (const t of ['privacy-controller', 'purposes', 'person-purposes', 'consents', 'notices'])
      expect(schema.properties.tables.required, t).toContain(t);
    const back = await readArchive(zip, sha256);
    expect(contentHash(back.records)).toBe(contentHash(records));
    const chain = chainOf(back.records.consents as typeof consents, person.id);
    expect((await verifyConsentChain(chain, testSha256)).ok).toBe(true);
    // A purpose without its legal basis does not pass the import check.
    const { legalBasis: _b, ...baseless } = purpose;
    const bad = await buildArchive({
      records: { ...records, purposes: [baseless] },
      appVersion: '1',
      now: 0,
      sha256,
    });
    await expect(readArchive(bad, sha256)).rejects.toThrow();
  });

  it('refuses a changed file, a non-zip and a newer format version', async () => {
    const records = recordsOf(5);
    const zip = await buildArchive({ records, appVersion: '1', now: 0, sha256 });
    const files = unzipSync(zip);
    const tampered = zipSync({ ...files, 'csv/people.csv': new TextEncoder().encode('x') });
    await expect(readArchive(tampered, sha256)).rejects.toMatchObject({ code: 'archive-checksum' });
    // The data file changed without changing its length: its hash no longer matches.
    const data = files[archivePaths.data]!.slice();
    data[data.indexOf(0x61)] = 0x62;
    const edited = zipSync({ ...files, [archivePaths.data]: data });
    await expect(readArchive(edited, sha256)).rejects.toMatchObject({ code: 'archive-checksum' });
    // A view edited in place (same length) is not read back: the records come from the data file.
    const csv = files['csv/people.csv']!.slice();
    csv[csv.length - 3] = 0x5a;
    const back = await readArchive(zipSync({ ...files, 'csv/people.csv': csv }), sha256);
    expect(contentHash(back.records)).toBe(contentHash(records));
    await expect(readArchive(new Uint8Array([1, 2, 3, 4, 5]), sha256)).rejects.toMatchObject({
      code: 'not-an-archive',
    });
    await expect(readArchive(zip.subarray(0, zip.length / 2), sha256)).rejects.toMatchObject({
      code: 'archive-corrupt',
    });
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
    const newer = zipSync({
      ...files,
      'manifest.json': new TextEncoder().encode(JSON.stringify({ ...manifest, formatVersion: 99 })),
    });
    await expect(readArchive(newer, sha256)).rejects.toMatchObject({ code: 'archive-version' });
  });

  it('refuses records that break the domain schema', async () => {
    const records = recordsOf(3);
    const broken = { ...records, people: [{ ...records.people[0]!, givenName: '', familyName: '' }] };
    const zip = await buildArchive({ records: broken, appVersion: '1', now: 0, sha256 });
    await expect(readArchive(zip, sha256)).rejects.toMatchObject({ code: 'archive-invalid-data' });
    // A broken compact clock, or a field no schema knows (at the top or nested), is refused rather
    // than stored unchecked.
    const person = (records.people as Person[]).find((p) => p.emails.length > 0)!;
    for (const extra of [
      { ...person, clock: 'not-a-stamp' } as unknown as Person,
      { ...person, secret: 'x' },
      { ...person, emails: person.emails.map((e) => ({ ...e, note: 'x' })) },
    ]) {
      const withExtra = await buildArchive({
        records: { ...records, people: [extra] },
        appVersion: '1',
        now: 0,
        sha256,
      });
      await expect(readArchive(withExtra, sha256)).rejects.toMatchObject({ code: 'archive-invalid-data' });
    }
  });
});

describe('archive records before their check', () => {
  it('are at least objects with an id', () => {
    for (const row of [null, 7, 'x', { name: 'no id' }])
      expect(() => archiveRecordsOf({ people: [row] })).toThrow(FormatError);
    expect(archiveRecordsOf({ tags: [{ id: 'a', clock: 'c', name: 'x' }] }).tags[0]).toMatchObject({
      id: 'a',
      clock: { name: 'c' },
    });
  });
});

describe('archive view files in parts', () => {
  it('write the same text part by part as in one piece', () => {
    const records = recordsOf(12_000);
    const sources = new Map(archiveFileSources(records, 0).map((s) => [s.path, s]));
    const text = (path: string) => [...sources.get(path)!.parts()];
    const orgName = new Map((records.organizations as Organization[]).map((o) => [o.id as string, o.name]));
    const people = (records.people as Person[]).filter((p) => p.deletedAt === null);
    const peopleCsv = text(archivePaths.csv('people'));
    expect(peopleCsv.length).toBeGreaterThan(1);
    expect(peopleCsv.join('')).toBe(writeCsv(peopleTable(people, (id) => orgName.get(id) ?? '')));
    const activities = (records.activities as Activity[]).filter((a) => a.deletedAt === null);
    expect(text(archivePaths.csv('activities')).join('')).toBe(writeCsv(activitiesTable(activities)));
    const orgOf = (p: Person) =>
      p.organizations[0] ? orgName.get(p.organizations[0].organizationId) : undefined;
    expect(text(archivePaths.vcards).join('')).toBe(peopleToVcards(people, '4.0', orgOf));
    const calendar = text(archivePaths.calendar);
    expect(calendar.length).toBeGreaterThan(1);
    for (const part of calendar) expect(part.endsWith('\r\n')).toBe(true);
    const ics = calendar.join('');
    const count = (re: RegExp) => ics.match(re)?.length ?? 0;
    expect(count(/^BEGIN:VCALENDAR\r$/gm)).toBe(1);
    expect(count(/^END:VCALENDAR\r$/gm)).toBe(1);
    expect(count(/^BEGIN:VEVENT\r$/gm)).toBe(
      activities.filter((a) => calendarActivityKinds.has(a.kind)).length,
    );
    expect(count(/^BEGIN:VTODO\r$/gm)).toBe(
      (records.tasks as Task[]).filter((t) => t.deletedAt === null).length,
    );
    // An empty table still gets its header row.
    const none = archiveFileSources({ ...records, tasks: [] }, 0).find(
      (s) => s.path === archivePaths.csv('tasks'),
    )!;
    expect([...none.parts()].join('')).toBe(writeCsv(tasksTable([])));
  });
});

describe('encrypted archive envelope', () => {
  const envelopeHeader = {
    kdf: 'argon2id',
    m: 65536,
    t: 3,
    p: 1,
    salt: 'AAECAwQFBgcICQoLDA0ODw==',
    cipher: 'aes-256-gcm',
    nonce: 'AAECAwQFBgcICQoL',
  } as const;

  it('round-trips its header and refuses other bytes', () => {
    const header = envelopeHeader;
    const prefix = encodeEnvelopePrefix(header);
    const bytes = new Uint8Array([...prefix, ...new Uint8Array(32)]);
    expect(isEncryptedArchive(bytes)).toBe(true);
    const out = decodeEnvelope(bytes);
    expect(out.header).toEqual(header);
    expect(out.prefix).toEqual(prefix);
    expect(out.ciphertext).toHaveLength(32);
    expect(isEncryptedArchive(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe(false);
    expect(() => decodeEnvelope(bytes.subarray(0, prefix.length + 4))).toThrow();
  });

  it('refuses a salt or nonce that is not base64 of the right length, before anything decodes it', () => {
    const base = envelopeHeader;
    for (const bad of [
      { salt: '3I8<tgWGsRMG/5UvbTm/nQ==' },
      { salt: 'c2FsdA==' },
      { nonce: 'bm9uY2U=' },
      { nonce: 'AAECAwQFBgcICQo!' },
    ]) {
      const bytes = new Uint8Array([...encodeEnvelopePrefix({ ...base, ...bad }), ...new Uint8Array(32)]);
      expect(() => decodeEnvelope(bytes), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'archive-corrupt' }),
      );
    }
  });
});

describe('archive data written in parts', () => {
  it('joins to exactly the one-value document, with compacted clocks that expand back', () => {
    const records = recordsOf(30);
    const now = Date.UTC(2026, 10, 28);
    const data = archiveFileSources(records, now).find((f) => f.path === archivePaths.data)!;
    const text = [...data.parts()].join('');
    expect(text).toBe(JSON.stringify(archiveData(records, now)));
    const people = (JSON.parse(text) as { tables: { people: { clock: unknown }[] } }).tables.people;
    expect(people.every((p) => typeof p.clock === 'string')).toBe(true);
  });
});

describe('reading progress', () => {
  it('reports records checked, ending with all of them', async () => {
    const records = recordsOf(1200);
    const zip = await buildArchive({ records, appVersion: '1', now: 0, sha256 });
    const calls: Array<[number, number]> = [];
    await readArchive(zip, sha256, undefined, (done, total) => {
      calls.push([done, total]);
    });
    const total = archiveTables.reduce((n, t) => n + records[t].length, 0);
    expect(total).toBeGreaterThan(5000);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.length).toBe(Math.floor(total / 5000) + 1);
    expect(calls.every(([done], i) => i === 0 || done > calls[i - 1]![0])).toBe(true);
  });
});

describe('zip writer', () => {
  it('writes entries deflated in several pieces that any unzip reads back', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const text = new TextEncoder().encode('Scrigno '.repeat(5000));
    // A compressor hands its output over in pieces: the zip holds them back to back.
    const whole = new Uint8Array(deflateRawSync(text));
    const pieces = [whole.subarray(0, 10), whole.subarray(10)];
    const zip = writeZip([{ path: 'a/b.txt', size: text.length, crc32: crc32(text), deflated: pieces }], 0);
    expect(strFromU8(unzipSync(zip)['a/b.txt']!)).toBe(strFromU8(text));
  });
});

describe('reading with an external inflate engine', () => {
  const inflate = async (data: Uint8Array, size: number) => {
    const { inflateRawSync } = await import('node:zlib');
    return new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }));
  };

  it('reads the same records as fflate, and lists the directory of the zip', async () => {
    const records = recordsOf(12);
    const zip = await buildArchive({ records, appVersion: '1', now: Date.UTC(2026, 10, 28), sha256 });
    const listing = listZip(zip)!;
    expect(listing.map((e) => e.path)).toEqual(Object.keys(unzipSync(zip)));
    const withEngine = await readArchive(zip, sha256, inflate);
    expect(contentHash(withEngine.records)).toBe(contentHash(records));
  });

  it('refuses an entry that inflates to another size than its directory says', async () => {
    const zip = await buildArchive({ records: recordsOf(3), appVersion: '1', now: 0, sha256 });
    const liar = async (data: Uint8Array, size: number) => new Uint8Array(size + 1).fill(32);
    await expect(readArchive(zip, sha256, liar)).rejects.toMatchObject({ code: 'archive-corrupt' });
    const failing = async () => Promise.reject(new Error('inflate failed'));
    await expect(readArchive(zip, sha256, failing)).rejects.toMatchObject({ code: 'archive-corrupt' });
  });

  it('leaves zips it does not handle to fflate', () => {
    expect(listZip(new Uint8Array(100))).toBeUndefined();
    const stored = zipSync({ 'a.txt': new TextEncoder().encode('ciao') }, { level: 0 });
    expect(listZip(stored)?.[0]).toMatchObject({ path: 'a.txt', method: 0, size: 4 });
    // An encrypted entry (general purpose flag bit 0) is not for this reader.
    const flagged = stored.slice();
    const central = flagged.findIndex(
      (_, i) => new DataView(flagged.buffer).getUint32(i, true) === 0x02014b50,
    );
    flagged[central + 8] = flagged[central + 8]! | 1;
    expect(listZip(flagged)).toBeUndefined();
  });
});

describe('damaged archives', () => {
  it('end in a FormatError or read back, with either engine, whatever bytes are flipped', async () => {
    const { inflateRawSync } = await import('node:zlib');
    const engine = async (data: Uint8Array, size: number) =>
      new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }));
    const zip = await buildArchive({ records: recordsOf(2), appVersion: '1', now: 0, sha256 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(zip.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        async (flips, native) => {
          const bytes = zip.slice();
          for (const f of flips) bytes[f.at] = f.value;
          try {
            await readArchive(bytes, sha256, native ? engine : undefined);
          } catch (error) {
            expect(error).toBeInstanceOf(FormatError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
