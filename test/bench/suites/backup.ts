// Backup figures in Chromium: encoding a whole vault into an encrypted backup file, verifying it
// with the key, and opening it back into record objects. The page cannot write files, so
// `backup.write_ms` measures producing the final bytes (records → encrypted file + SHA-256), not
// the host's fsync; the host side is exercised by the crash harness instead.
import { encodeBackup, openBackup, verifyBackup } from '../../../renderer/backup/backup-file';
import type { BackupRecord } from '../../../renderer/backup/records';
import { collectGarbage, settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A vault-shaped dataset: every contact is a person, so its payload is a sealed envelope
 * (~560 bytes: the ~520-byte JSON encrypted under its subject key); one organisation per ten
 * contacts as plain JSON of the same size.
 */
async function makeRecords(size: number, seed: number): Promise<BackupRecord[]> {
  const next = random(seed);
  const subjectKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(next() * 26)]).join('');
  const records: BackupRecord[] = [];
  const encoder = new TextEncoder();
  const sealed = await Promise.all(
    Array.from({ length: size }, (_, i) => {
      const json = JSON.stringify({ id: `p_${i}`, givenName: word(7), familyName: word(9), email: `${word(8)}@example.it`, notes: word(420) });
      return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, subjectKey, encoder.encode(json));
    }),
  );
  sealed.forEach((bytes, i) => records.push({ table: 'people', id: `p_${i.toString(36).padStart(10, '0')}`, subjectId: `s_${i.toString(36).padStart(10, '0')}`, payload: new Uint8Array(bytes) }));
  for (let i = 0; i < Math.ceil(size / 10); i++) {
    records.push({ table: 'organizations', id: `o_${i}`, payload: { name: word(12), vatNumber: word(11), address: { city: word(8), street: word(14) }, notes: word(420) } });
  }
  return records;
}

async function run(ctx: BenchContext): Promise<void> {
  ctx.progress(`generating ${ctx.size} contacts`);
  const records = await makeRecords(ctx.size, ctx.seed);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  collectGarbage();
  await settle();

  ctx.progress('encoding');
  const written = await timed(() =>
    encodeBackup({ key, vaultId: 'benchvault01', generation: 1, previousSha256: null, keySlots: new Uint8Array(512), records }),
  );
  const encoded = written.result;
  records.length = 0;
  collectGarbage();
  await settle();

  // Floor for the write path: the same number of bytes through raw AES-GCM in 1 MiB chunks.
  ctx.progress('raw chunk encryption');
  const chunk = 1024 * 1024;
  const plain = encoded.bytes.slice();
  const raw = await timed(() =>
    Promise.all(
      Array.from({ length: Math.ceil(plain.length / chunk) }, (_, i) =>
        crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12).fill(i & 0xff) }, key, plain.subarray(i * chunk, (i + 1) * chunk)),
      ),
    ),
  );
  ctx.record('backup.raw_chunk_encrypt_ms', raw.ms, 'ms');
  ctx.record('backup.write_ms', written.ms, 'ms', 'backup.raw_chunk_encrypt_ms', 3000);
  ctx.record('backup.file_mb', encoded.bytes.length / 1024 / 1024, 'mb');
  collectGarbage();
  await settle();

  ctx.progress('verifying');
  const verified = await timed(() => verifyBackup(encoded.bytes, key));
  if (verified.result.recordCount !== encoded.recordCount) throw new Error('bench-backup-count-mismatch');
  ctx.record('backup.verify_ms', verified.ms, 'ms', undefined, 2000);
  collectGarbage();
  await settle();

  ctx.progress('restoring');
  const restored = await timed(() => openBackup(encoded.bytes, key));
  if (restored.result.records.length !== encoded.recordCount) throw new Error('bench-backup-restore-mismatch');
  ctx.record('backup.restore_ms', restored.ms, 'ms', undefined, 5000);
}

/** Encrypted backup: encode, verify with the key, open into records. */
export const suite: BenchSuite = { name: 'backup', run };
export default suite;
