import { createHash } from 'node:crypto';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../test/fixtures/generate';
import { canonicalJson } from '../domain/record';
import {
  archiveData,
  archiveFileSources,
  archivePaths,
  archiveTables,
  buildArchive,
  readArchive,
  type ArchiveRecords,
} from './archive';
import { crc32, writeZip } from './zip-writer';
import { decodeEnvelope, encodeEnvelopePrefix, isEncryptedArchive } from './archive-envelope';

const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function recordsOf(size: number): ArchiveRecords {
  const d = generateDataset({ contacts: size, seed: 7 });
  return {
    people: d.people,
    organizations: d.organizations,
    deals: d.deals,
    pipelines: d.pipelines,
    activities: d.activities,
    tasks: d.tasks,
    tags: d.tags,
    'custom-fields': [],
  };
}

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

  it('refuses a changed file, a non-zip and a newer format version', async () => {
    const records = recordsOf(5);
    const zip = await buildArchive({ records, appVersion: '1', now: 0, sha256 });
    const files = unzipSync(zip);
    const tampered = zipSync({ ...files, 'csv/people.csv': new TextEncoder().encode('x') });
    await expect(readArchive(tampered, sha256)).rejects.toMatchObject({ code: 'archive-checksum' });
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
  });
});

describe('encrypted archive envelope', () => {
  it('round-trips its header and refuses other bytes', () => {
    const header = {
      kdf: 'argon2id',
      m: 65536,
      t: 3,
      p: 1,
      salt: 'c2FsdA==',
      cipher: 'aes-256-gcm',
      nonce: 'bm9uY2U=',
    } as const;
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
