import { describe, expect, it } from 'vitest';
import { exampleStamp } from '../../test/fixtures/records';
import { testDraft, testEntries, testSha256 } from '../../test/fixtures/privacy';
import { genesisHash } from './audit';
import {
  chainEntries,
  checkAppend,
  consentEntryHash,
  consentState,
  verifyConsentChain,
  type ConsentEntry,
} from './consent';
import { consentEntrySchema } from './consent';
import { validate } from './validation';

const person = 'a'.repeat(32);
const purpose = 'b'.repeat(32);
const day = (d: number) => new Date(Date.UTC(2026, 0, d, 10)).toISOString();
const ids = ['1', '2', '3', '4'].map((c) => c.repeat(32));

// give → withdraw → give, one entry each.
async function threeEntries(): Promise<ConsentEntry[]> {
  return testEntries(
    [],
    [
      testDraft({ id: ids[0]!, personId: person, purposeId: purpose, action: 'given', at: day(1) }),
      testDraft({ id: ids[1]!, personId: person, purposeId: purpose, action: 'withdrawn', at: day(2) }),
      testDraft({ id: ids[2]!, personId: person, purposeId: purpose, action: 'given', at: day(3) }),
    ],
    exampleStamp,
    Date.UTC(2026, 0, 4),
  );
}

describe('the consent ledger', () => {
  it('chains give, withdraw and give again as three valid entries', async () => {
    const chain = await threeEntries();
    expect(chain.map((e) => [e.seq, e.action])).toEqual([
      [0, 'given'],
      [1, 'withdrawn'],
      [2, 'given'],
    ]);
    expect(chain[0]!.prevHash).toBe(genesisHash);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    for (const e of chain) expect(validate(consentEntrySchema, e).ok).toBe(true);
    const report = await verifyConsentChain(chain, testSha256);
    expect(report).toEqual({ ok: true, length: 3, head: chain[2]!.hash, problems: [] });
    expect(consentState(chain).get(`${purpose}:email`)?.action).toBe('given');
  });

  it('reports an edited entry', async () => {
    const chain = await threeEntries();
    const edited = chain.map((e) => (e.seq === 1 ? { ...e, method: 'phone' as const } : e));
    const report = await verifyConsentChain(edited, testSha256);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ seq: 1, kind: 'edited' }]);
    // Re-hashing the edited entry does not help: the next one no longer links to it.
    const rehashed = await Promise.all(
      edited.map(async (e) => (e.seq === 1 ? { ...e, hash: await consentEntryHash(e, testSha256) } : e)),
    );
    expect((await verifyConsentChain(rehashed, testSha256)).problems).toEqual([
      { seq: 2, kind: 'broken-link' },
    ]);
  });

  it('reports a removed entry, in the middle or renumbered', async () => {
    const chain = await threeEntries();
    const gap = chain.filter((e) => e.seq !== 1);
    expect((await verifyConsentChain(gap, testSha256)).problems).toEqual([
      { seq: 1, kind: 'missing' },
      { seq: 2, kind: 'broken-link' },
    ]);
    const renumbered = gap.map((e) => (e.seq === 2 ? { ...e, seq: 1 } : e));
    const kinds = (await verifyConsentChain(renumbered, testSha256)).problems.map((p) => p.kind);
    expect(kinds).toEqual(['broken-link', 'edited']);
  });

  it('reports two swapped entries', async () => {
    const chain = await threeEntries();
    const swapped = chain.map((e) => (e.seq === 1 ? { ...e, seq: 2 } : e.seq === 2 ? { ...e, seq: 1 } : e));
    const report = await verifyConsentChain(swapped, testSha256);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('broken-link');
    expect(report.problems.filter((p) => p.kind === 'edited').map((p) => p.seq)).toEqual([1, 2]);
  });

  it('refuses out-of-order, future and baseless entries, and a broken chain', async () => {
    const chain = await threeEntries();
    const now = Date.UTC(2026, 0, 10);
    const next = (action: 'given' | 'withdrawn', at: string, purposeId = purpose) =>
      testDraft({ id: ids[3]!, personId: person, purposeId, action, at });
    await expect(chainEntries(chain, [next('withdrawn', day(2))], now, testSha256)).rejects.toThrow(
      'ledger-out-of-order',
    );
    await expect(chainEntries(chain, [next('given', day(20))], now, testSha256)).rejects.toThrow(
      'consent-in-future',
    );
    await expect(
      chainEntries(chain, [next('withdrawn', day(5), 'c'.repeat(32))], now, testSha256),
    ).rejects.toThrow('consent-not-given');
    const broken = chain.map((e) => (e.seq === 0 ? { ...e, evidence: 'changed' } : e));
    await expect(chainEntries(broken, [next('withdrawn', day(5))], now, testSha256)).rejects.toThrow(
      'ledger-broken',
    );
    const [ok] = await chainEntries(chain, [next('withdrawn', day(5))], now, testSha256);
    expect(ok).toMatchObject({ seq: 3, prevHash: chain[2]!.hash });
  });

  it('accepts only the exact next link when appending', async () => {
    const chain = await threeEntries();
    const now = Date.UTC(2026, 0, 10);
    const [next] = await testEntries(
      chain,
      [testDraft({ id: ids[3]!, personId: person, purposeId: purpose, action: 'withdrawn', at: day(5) })],
      exampleStamp,
      now,
    );
    await expect(checkAppend(chain, [next!], now, testSha256)).resolves.toBeUndefined();
    await expect(checkAppend(chain, [{ ...next!, seq: 5 }], now, testSha256)).rejects.toThrow(
      'ledger-out-of-order',
    );
    await expect(
      checkAppend(chain, [{ ...next!, prevHash: chain[0]!.hash }], now, testSha256),
    ).rejects.toThrow('ledger-out-of-order');
    await expect(checkAppend(chain, [{ ...next!, evidence: 'forged' }], now, testSha256)).rejects.toThrow(
      'ledger-broken',
    );
  });

  it('refuses an entry without a date with its own code', async () => {
    const [entry] = await threeEntries();
    const { at: _at, ...undated } = entry!;
    const result = validate(consentEntrySchema, undated);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: ['at'], code: 'consent-date-required' }]);
  });
});
