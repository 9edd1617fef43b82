// Helpers shared by the backup tests and the fault harness: keys and small datasets.
import type { BackupRecord } from './records';

/** A fresh non-extractable AES-256-GCM key, the kind the vault hands out as its `backups` key. */
export function newBackupsKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A seeded mix of organisation records (JSON) and subject records (opaque sealed bytes). */
export function sampleRecords(count: number, seed = 1): BackupRecord[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const records: BackupRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) {
      records.push({
        table: 'organizations',
        id: `o_${i}`,
        payload: { name: `Org ${i}`, vat: String(Math.floor(next() * 1e11)), tags: ['a', 'è'] },
      });
    } else {
      const sealed = new Uint8Array(40 + Math.floor(next() * 200));
      for (let j = 0; j < sealed.length; j++) sealed[j] = Math.floor(next() * 256);
      records.push({
        table: i % 3 === 1 ? 'people' : 'activities',
        id: `r_${i}`,
        subjectId: `s_${i % 17}`,
        payload: sealed,
      });
    }
  }
  return records;
}
