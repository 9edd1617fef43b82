import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person } from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testDraft, testEntries, testLink, testPurpose } from '../../../test/fixtures/privacy';
import { testObjection, testRestriction } from '../../../test/fixtures/restriction';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { installRestrictionPolicies } from '../rights';
import { exportMarketingCsv } from './export-service';

let uninstall: () => void;
beforeAll(() => void (uninstall = installRestrictionPolicies()));
afterAll(() => uninstall());

describe('the newsletter list', () => {
  it('holds consenting people with an email, leaving out the restricted, the objecting, the withdrawn and the unconsented', async () => {
    const ws = await testWorkspace('marketing');
    expect(exportMarketingCsv(ws, ',')).toBeNull();
    const people = generateDataset({ contacts: 12, seed: 5 })
      .people.filter((p) => p.deletedAt === null)
      .slice(0, 6)
      .map((p, n): Person => ({
        ...p,
        givenName: `Nome${n}`,
        familyName: `Cognome${n}`,
        emails: n === 5 ? [] : [{ address: `persona${n}@example.it`, kind: 'work' }],
      }));
    await ws.run('people.create', {
      changes: people.map((after) => ({ table: 'people' as const, before: null, after })),
    });
    const [ok, restricted, objected, withdrawn, unconsented, noEmail] = people as [
      Person,
      Person,
      Person,
      Person,
      Person,
      Person,
    ];
    const purpose = testPurpose(ws.repo.newId(), ws.repo.stamp(), 'marketing');
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const p of people) {
      await ws.run('person-purposes.link', {
        changes: [
          {
            table: 'person-purposes',
            before: null,
            after: testLink(ws.repo.newId(), p.id, purpose.id, ws.repo.stamp()),
          },
        ],
      });
      if (p === unconsented) continue;
      const [given] = await testEntries(
        [],
        [testDraft({ id: ws.repo.newId(), personId: p.id, purposeId: purpose.id, action: 'given', at })],
        ws.repo.stamp(),
      );
      await ws.run('consents.give', { changes: [{ table: 'consents', before: null, after: given! }] });
      if (p === withdrawn) {
        const [w] = await testEntries(
          [given!],
          [
            testDraft({
              id: ws.repo.newId(),
              personId: p.id,
              purposeId: purpose.id,
              action: 'withdrawn',
              at,
            }),
          ],
          ws.repo.stamp(),
        );
        await ws.run('consents.withdraw', { changes: [{ table: 'consents', before: null, after: w! }] });
      }
    }
    await ws.run('restrictions.set', {
      changes: [
        {
          table: 'restrictions',
          before: null,
          after: testRestriction(ws.repo.newId(), restricted.id, ws.repo.stamp()),
        },
      ],
    });
    await ws.run('objections.record', {
      changes: [
        {
          table: 'objections',
          before: null,
          after: testObjection(ws.repo.newId(), objected.id, ws.repo.stamp()),
        },
      ],
    });
    const list = exportMarketingCsv(ws, ';')!;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(list.data);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).trim().split(/\r?\n/)).toEqual([
      'First Name;Last Name;E-mail',
      'Nome0;Cognome0;persona0@example.it',
    ]);
    expect(list).toMatchObject({
      count: 1,
      withoutConsent: 1,
      withoutEmail: 1,
      leftOut: { 'subject-restricted': 1, 'marketing-suppression': 2 },
    });
    expect(text).not.toContain(noEmail.familyName);
    expect(ok.emails).toHaveLength(1);
    ws.dispose();
  });
});
