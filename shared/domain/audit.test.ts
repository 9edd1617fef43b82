import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  auditBatchSize,
  auditDrafts,
  auditEntrySchema,
  genesisHash,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
  type Hash,
} from './audit';

const sha256: Hash = async (bytes) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

const draft = (i: number): AuditDraft => ({
  at: `2026-01-15T09:00:0${i % 10}.000Z`,
  actor: 'Laptop ufficio',
  command: i % 2 ? 'contacts.update' : 'contacts.create',
  recordId: `${String(i).padStart(2, '0')}${'a'.repeat(30)}`,
  fields: i % 2 ? ['emails', 'phones'] : [],
});

async function chain(length: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let i = 0; i < length; i++) out.push(await appendEntry(out[i - 1] ?? null, draft(i), sha256));
  return out;
}

describe('audit chain', () => {
  it('links each entry to the previous one', async () => {
    const entries = await chain(5);
    expect(entries[0]!.prevHash).toBe(genesisHash);
    expect(entries[0]!.seq).toBe(0);
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
      expect(entries[i]!.seq).toBe(i);
    }
    for (const e of entries) expect(auditEntrySchema.safeParse(e).success).toBe(true);
    expect(await verifyChain(entries, sha256)).toBeNull();
  });

  it('detects an edited entry', async () => {
    const entries = await chain(5);
    const edited = entries.map((e, i) => (i === 2 ? { ...e, fields: ['birthday'] } : e));
    expect(await verifyChain(edited, sha256)).toBe(2);
    const rehashed = [...entries];
    rehashed[2] = await appendEntry(entries[1]!, { ...draft(2), actor: 'Someone else' }, sha256);
    // Re-hashing the edited entry breaks the link of the next one.
    expect(await verifyChain(rehashed, sha256)).toBe(3);
  });

  it('detects a dropped entry', async () => {
    const entries = await chain(5);
    expect(await verifyChain([...entries.slice(0, 2), ...entries.slice(3)], sha256)).toBe(2);
    expect(await verifyChain(entries.slice(1), sha256)).toBe(0);
  });

  it('detects reordered entries', async () => {
    const entries = await chain(5);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    expect(await verifyChain(swapped, sha256)).toBe(1);
  });

  it('detects a cut tail only against a known head', async () => {
    const entries = await chain(5);
    const head = entries[4]!.hash;
    expect(await verifyChain(entries.slice(0, 4), sha256)).toBeNull();
    expect(await verifyChain(entries.slice(0, 4), sha256, { expectedHead: head })).toBe(4);
    expect(await verifyChain(entries, sha256, { expectedHead: head })).toBeNull();
  });

  it('verifies a slice after a known entry', async () => {
    const entries = await chain(5);
    expect(await verifyChain(entries.slice(3), sha256, { after: entries[2]! })).toBeNull();
    expect(await verifyChain(entries.slice(3), sha256, { after: entries[1]! })).toBe(0);
  });

  it('never stores values: only field names pass the schema', () => {
    const entry = { ...draft(1), seq: 0, prevHash: genesisHash, hash: 'ab' };
    expect(auditEntrySchema.safeParse({ ...entry, fields: ['mario.rossi@example.it'] }).success).toBe(false);
    expect(auditEntrySchema.safeParse({ ...entry, fields: ['emails'] }).success).toBe(true);
  });
});

describe('batch entries', () => {
  const id = (i: number) => i.toString(16).padStart(32, '0');
  const base = { at: '2026-01-15T09:00:00.000Z', actor: 'Laptop ufficio', command: 'import.csv' };

  it('groups records by the fields their change touched, at most auditBatchSize ids an entry', () => {
    const changes = [
      ...Array.from({ length: auditBatchSize + 5 }, (_, i) => ({ recordId: id(i), fields: ['givenName'] })),
      { recordId: id(9000), fields: ['emails', 'givenName'] },
      { recordId: id(9001), fields: ['givenName'] },
    ];
    const drafts = auditDrafts(base, changes);
    expect(drafts.map((d) => [d.recordId, d.recordIds?.length, d.fields])).toEqual([
      [null, auditBatchSize, ['givenName']],
      [null, 6, ['givenName']],
      [id(9000), undefined, ['emails', 'givenName']],
    ]);
    const listed = drafts.flatMap((d) => d.recordIds ?? [d.recordId]);
    expect(new Set(listed)).toEqual(new Set(changes.map((c) => c.recordId)));
  });

  it('chains batch entries; removing or editing their id list breaks the hash', async () => {
    const drafts = auditDrafts(base, [
      { recordId: id(1), fields: [] },
      { recordId: id(2), fields: [] },
      { recordId: id(3), fields: ['tags'] },
    ]);
    const entries: AuditEntry[] = [];
    for (const d of drafts) entries.push(await appendEntry(entries.at(-1) ?? null, d, sha256));
    expect(entries.every((e) => auditEntrySchema.safeParse(e).success)).toBe(true);
    expect(await verifyChain(entries, sha256)).toBeNull();
    const { recordIds: _dropped, ...withoutIds } = entries[0]!;
    expect(await verifyChain([withoutIds, ...entries.slice(1)], sha256)).toBe(0);
    const swapped = { ...entries[0]!, recordIds: [id(1), id(4)] };
    expect(await verifyChain([swapped, ...entries.slice(1)], sha256)).toBe(0);
  });
});
