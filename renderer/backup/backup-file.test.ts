import { describe, expect, it } from 'vitest';
import { BackupError } from '../../shared/backup/errors';
import { CHUNK_FRAME_BYTES, inspectBackup, readBackupHeaderBlock } from '../../shared/backup/format';
import {
  encodeBackup,
  openBackup,
  readBackupHeader,
  verifyBackup,
  type EncodeBackupParams,
} from './backup-file';
import { sha256 } from './keys';
import { newBackupsKey, sampleRecords } from './test-support';

const vaultId = 'Vt3xAmPle_id-0001';

async function encode(overrides: Partial<EncodeBackupParams> = {}) {
  const key = overrides.key ?? (await newBackupsKey());
  const records = sampleRecords(200);
  const encoded = await encodeBackup({
    key,
    vaultId,
    generation: 7,
    previousSha256: null,
    keySlots: new Uint8Array([1, 2, 3, 4]),
    records,
    createdAt: new Date('2025-03-04T05:06:07.890Z'),
    chunkSize: 512,
    ...overrides,
  });
  return { key, records, encoded };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof BackupError) return err.code;
    throw err;
  }
}

describe('backup files', () => {
  it('round-trips JSON and sealed records with counts, header and name', async () => {
    const { key, records, encoded } = await encode();
    expect(encoded.fileName).toBe('scrigno-vt3xampl-00000007-20250304T050607Z.scrigno-backup');
    expect(encoded.counts).toEqual({ organizations: 67, people: 67, activities: 66 });
    const opened = await openBackup(encoded.bytes, key, { vaultId });
    expect(opened.records).toEqual(records);
    expect(opened.counts).toEqual(encoded.counts);
    expect(opened.sha256).toBe(encoded.sha256);
    expect(opened.header.generation).toBe(7);
    expect(opened.header.keySlots).toEqual(new Uint8Array([1, 2, 3, 4]));
    const verified = await verifyBackup(encoded.bytes, key);
    expect(verified.recordCount).toBe(200);
    const header = await readBackupHeader(encoded.bytes);
    expect(header.createdAt).toBe('2025-03-04T05:06:07.890Z');
    expect(header.previousSha256).toBeNull();
  });

  it('writes an empty vault as a valid backup', async () => {
    const { key, encoded } = await encode({ records: [] });
    const opened = await openBackup(encoded.bytes, key);
    expect(opened.records).toEqual([]);
    expect(opened.counts).toEqual({});
  });

  it('accepts an HKDF base key as well as an AES-GCM one', async () => {
    const hkdf = await crypto.subtle.importKey(
      'raw',
      crypto.getRandomValues(new Uint8Array(32)),
      'HKDF',
      false,
      ['deriveKey', 'deriveBits'],
    );
    const { encoded } = await encode({ key: hkdf });
    expect((await openBackup(encoded.bytes, hkdf)).recordCount).toBe(200);
  });

  it('never reuses a per-file key: the same content encrypts differently', async () => {
    const key = await newBackupsKey();
    const a = await encode({ key });
    const b = await encode({ key });
    expect(a.encoded.sha256).not.toBe(b.encoded.sha256);
  });

  it('drops the records of erased subjects before decoding them', async () => {
    const { key, records, encoded } = await encode();
    const opened = await openBackup(encoded.bytes, key, { erasedSubjectIds: ['s_3', 's_5'] });
    const expected = records.filter((r) => r.subjectId !== 's_3' && r.subjectId !== 's_5');
    expect(opened.records).toEqual(expected);
    expect(opened.droppedErased).toBe(records.length - expected.length);
  });

  it('reports truncation at every cut point as truncated', async () => {
    const { key, encoded } = await encode();
    const { bytes } = encoded;
    const cuts = [0, 3, 8, 13, 40, bytes.length - 33, bytes.length - 1];
    for (let i = 0; i < 25; i++) cuts.push(Math.floor((bytes.length * i) / 25));
    for (const cut of cuts) {
      expect(await codeOf(openBackup(bytes.slice(0, cut), key)), `cut at ${cut}`).toBe('truncated');
      expect(await codeOf(inspectBackup(bytes.slice(0, cut), sha256)), `cut at ${cut}`).toBe('truncated');
    }
  });

  it('reports a bit flip anywhere as corrupt', async () => {
    const { key, encoded } = await encode();
    const positions = new Set<number>();
    for (let i = 0; i < 40; i++) positions.add(Math.floor((encoded.bytes.length * i) / 40) + 9);
    positions.add(encoded.bytes.length - 1);
    for (const at of positions) {
      if (at >= encoded.bytes.length) continue;
      const flipped = encoded.bytes.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 0x10;
      const code = await codeOf(openBackup(flipped, key));
      // A flip in a length field can make a frame run past the end: that reads as truncated.
      expect(['corrupt', 'truncated'], `flip at ${at}`).toContain(code);
      if (at > 200 && at < encoded.bytes.length - 200) expect(code, `flip at ${at}`).not.toBe('ok');
    }
  });

  it('tells swapped chunks (reordered) from chunks of another file (corrupt)', async () => {
    const key = await newBackupsKey();
    const { encoded } = await encode({ key });
    const { frames, checksum } = await inspectBackup(encoded.bytes, sha256);
    expect(frames.length).toBeGreaterThan(4);
    expect(checksum.length).toBe(32);
    const [a, b] = [frames[1]!, frames[2]!];
    const swapped = encoded.bytes.slice();
    swapped.set(encoded.bytes.subarray(b.offset, b.offset + b.length), a.offset);
    swapped.set(encoded.bytes.subarray(a.offset, a.offset + a.length), b.offset);
    expect(await codeOf(openBackup(swapped, key))).toBe('reordered');

    const other = (await encode({ key })).encoded;
    const otherFrames = (await inspectBackup(other.bytes, sha256)).frames;
    const mixed = encoded.bytes.slice();
    const donor = otherFrames[1]!;
    mixed.set(other.bytes.subarray(donor.offset, donor.offset + donor.length), a.offset);
    expect(await codeOf(openBackup(mixed, key))).toBe('corrupt');
  });

  it('detects a header edit even when its checksum is recomputed', async () => {
    const { key, encoded } = await encode();
    const { bodyStart } = await readBackupHeaderBlock(encoded.bytes, sha256);
    const text = new TextDecoder().decode(encoded.bytes.subarray(14, bodyStart - 32));
    const edited = new TextEncoder().encode(text.replace('"generation":7', '"generation":8'));
    expect(edited.length).toBe(bodyStart - 46);
    const forged = encoded.bytes.slice();
    forged.set(edited, 14);
    expect(await codeOf(openBackup(forged, key))).toBe('corrupt');
    forged.set(await sha256(forged.subarray(0, bodyStart - 32)), bodyStart - 32);
    expect(await codeOf(openBackup(forged, key))).toBe('corrupt');
  });

  it('refuses foreign files, other vaults and newer versions with their own codes', async () => {
    const { key, encoded } = await encode();
    expect(
      await codeOf(openBackup(new TextEncoder().encode('PK\u0003\u0004 not a backup at all'), key)),
    ).toBe('foreign');
    expect(await codeOf(openBackup(encoded.bytes, key, { vaultId: 'another-vault-id' }))).toBe('foreign');
    const newer = encoded.bytes.slice();
    newer[9] = 2;
    expect(await codeOf(openBackup(newer, key))).toBe('corrupt');
    const { bodyStart } = await readBackupHeaderBlock(encoded.bytes, sha256);
    newer.set(await sha256(newer.subarray(0, bodyStart - 32)), bodyStart - 32);
    expect(await codeOf(openBackup(newer, key))).toBe('newer-version');
    expect(await codeOf(readBackupHeader(newer))).toBe('newer-version');
  });

  it('reports a wrong key as wrong-key, not as damage', async () => {
    const { encoded } = await encode();
    expect(await codeOf(openBackup(encoded.bytes, await newBackupsKey()))).toBe('wrong-key');
    expect(await codeOf(verifyBackup(encoded.bytes, await newBackupsKey()))).toBe('wrong-key');
  });

  it('reports a dropped middle chunk as reordered and trailing bytes as corrupt', async () => {
    const { key, encoded } = await encode();
    const { frames } = await inspectBackup(encoded.bytes, sha256);
    const f = frames[2]!;
    const start = f.offset - CHUNK_FRAME_BYTES;
    const dropped = new Uint8Array([
      ...encoded.bytes.subarray(0, start),
      ...encoded.bytes.subarray(f.offset + f.length),
    ]);
    expect(await codeOf(openBackup(dropped, key))).toBe('reordered');
    const longer = new Uint8Array([...encoded.bytes, 0]);
    expect(await codeOf(openBackup(longer, key))).toBe('corrupt');
  });
});
