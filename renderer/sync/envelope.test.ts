import { describe, expect, it } from 'vitest';
import {
  EnvelopeRefused,
  MIN_BUCKET,
  newSubjectKey,
  openRecord,
  openValue,
  paddedLength,
  readHead,
  sealRecord,
  sealValue,
  subjectTagOf,
  unwrapSubjectKey,
  type Space,
} from './envelope';
import { createSpaceKey, importSpaceKey } from './keys';

async function space(id = 'space-a'): Promise<{ space: Space; raw: Uint8Array<ArrayBuffer> }> {
  const { key, raw } = await createSpaceKey(id);
  return { space: { id, key }, raw };
}

const record = { table: 'organizations', id: 'org-1', schemaVersion: 1, data: { name: 'Rossi SRL' } };
const noKey = () => undefined;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EnvelopeRefused) return error.reason;
    throw error;
  }
  return 'opened';
}

describe('sync envelope', () => {
  it('opens what it sealed, and the bytes do not contain the record', async () => {
    const { space: s } = await space();
    const { locator, envelope } = await sealRecord(s, record, undefined);
    expect(new TextDecoder().decode(envelope)).not.toContain('Rossi');
    expect(locator).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(locator).not.toContain('org-1');
    expect(await openRecord(s, locator, envelope, noKey)).toEqual(record);
  });

  it('refuses any flipped byte and reports it as tampered', async () => {
    const { space: s } = await space();
    const { locator, envelope } = await sealRecord(s, record);
    // Every byte after the version and kind (which make it another format): head, nonce, body, tag.
    for (let i = 2; i < envelope.length; i += 7) {
      const bad = envelope.slice();
      bad[i]! ^= 0x01;
      expect(await refusal(openRecord(s, locator, bad, noKey))).toBe('tampered');
    }
    expect(await refusal(openRecord(s, locator, envelope.slice(0, -1), noKey))).toBe('tampered');
    expect(await refusal(openRecord(s, locator, envelope.slice(0, 20), noKey))).toBe('malformed');
    expect(await refusal(openRecord(s, locator, 'text', noKey))).toBe('malformed');
  });

  it('is bound to space, table, id and schema version', async () => {
    const { space: a, raw } = await space('space-a');
    // The same key bytes in another space: other derived keys, and another id in the AD.
    const b: Space = { id: 'space-b', key: await importSpaceKey(raw.slice(), 'space-b') };
    const { locator, envelope } = await sealRecord(a, record);
    expect(await refusal(openRecord(b, locator, envelope, noKey))).toBe('tampered');
    // Another space id with the very same keys: the AD alone refuses it.
    expect(await refusal(openRecord({ id: 'space-b', key: a.key }, locator, envelope, noKey))).toBe(
      'tampered',
    );
    // Moved to another record or another table.
    const other = await sealRecord(a, { ...record, id: 'org-2' });
    const otherTable = await sealRecord(a, { ...record, table: 'deals' });
    expect(await refusal(openRecord(a, other.locator, envelope, noKey))).toBe('tampered');
    expect(await refusal(openRecord(a, otherTable.locator, envelope, noKey))).toBe('tampered');
    // Relabelled with another schema version (bytes 2–3).
    const relabelled = envelope.slice();
    relabelled[3] = 2;
    expect(await refusal(openRecord(a, locator, relabelled, noKey))).toBe('tampered');
    expect(readHead(envelope).schemaVersion).toBe(1);
  });

  it('a person is sealed under their subject key, which only the space can unwrap', async () => {
    const { space: s } = await space();
    const tag = await subjectTagOf(s, 'subject-1');
    const { subject, name, wrapped } = await newSubjectKey(s, tag);
    const person = { table: 'people', id: 'p1', schemaVersion: 2, data: { firstName: 'CANARY-Maria' } };
    const { locator, envelope } = await sealRecord(s, person, subject);
    const head = readHead(envelope);
    expect(head.kind).toBe(2);
    expect([...head.tag!]).toEqual([...tag]);
    // Without the key: refused as unknown; with the key unwrapped from the doc: opened.
    expect(await refusal(openRecord(s, locator, envelope, noKey))).toBe('unknown-key');
    const key = await unwrapSubjectKey(s, name, wrapped);
    expect(await openRecord(s, locator, envelope, () => key)).toEqual(person);
    // A wrapped key moved to another name, or from another space, does not unwrap.
    const otherName = name.slice(0, -1) + (name.endsWith('A') ? 'B' : 'A');
    expect(await refusal(unwrapSubjectKey(s, otherName, wrapped))).toBe('tampered');
    const { space: t } = await space('space-t');
    expect(await refusal(unwrapSubjectKey(t, name, wrapped))).toBe('tampered');
    // A records-key envelope relabelled as a subject envelope finds no key or fails.
    const swapped = envelope.slice();
    swapped[1] = 1;
    expect(await refusal(openRecord(s, locator, swapped, () => key))).toBe('tampered');
  });

  it('pads plaintexts to buckets, so lengths say little', async () => {
    const { space: s } = await space();
    const sizes = new Set<number>();
    for (let n = 0; n < 200; n += 3) {
      const { envelope } = await sealRecord(s, { ...record, data: { name: 'x'.repeat(n) } });
      sizes.add(envelope.length);
    }
    // 0–200 characters of name: one bucket (the smallest).
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBe(4 + 12 + MIN_BUCKET + 16);
    expect(paddedLength(1)).toBe(MIN_BUCKET);
    for (let n = 257; n < 200_000; n += 997) {
      const p = paddedLength(n);
      expect(p).toBeGreaterThanOrEqual(n);
      expect(p / n).toBeLessThan(1.13);
    }
    // Far fewer distinct sizes than lengths.
    const buckets = new Set(Array.from({ length: 10_000 }, (_, i) => paddedLength(257 + i)));
    expect(buckets.size).toBeLessThan(300);
  });

  it('seals meta values bound to their map and name', async () => {
    const { space: s } = await space();
    const sealed = await sealValue(s, 'meta', 'state', { count: 3 });
    expect(await openValue(s, 'meta', 'state', sealed)).toEqual({ count: 3 });
    expect(await refusal(openValue(s, 'erasures', 'state', sealed))).toBe('tampered');
    expect(await refusal(openValue(s, 'meta', 'other', sealed))).toBe('tampered');
  });
});
