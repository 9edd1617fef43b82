import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  (globalThis as { self?: unknown }).self ??= globalThis;
});

import type { Person } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import { generateDataset } from '../../../test/fixtures/generate';
import { testIndirectNotice, testLink } from '../../../test/fixtures/privacy';
import { loadHolidayCalendar } from '../rights';
import { testWorkspace } from '../../../test/fixtures/workspace';
import type { Workspace } from '../../session/workspace';
import {
  missingPresets,
  planConsentEntry,
  presetTexts,
  privacyOverview,
  type ConsentForm,
} from './privacy-plan';

async function withPeople(ws: Workspace, n: number): Promise<Person[]> {
  const people = generateDataset({ contacts: n, seed: 3 }).people.map(
    (p) => ({ ...p, id: ws.repo.newId(), subjectId: ws.repo.newId() }) as Person,
  );
  await ws.run('people.create', {
    changes: people.map((after) => ({ table: 'people' as const, before: null, after })),
  });
  return people;
}

const form = (purposeId: string, at: string, reviewOn = ''): ConsentForm => ({
  purposeId,
  channel: 'email',
  method: 'in-person',
  at,
  evidence: 'Signed form no. 12',
  reviewOn,
  noticeId: '',
});

describe('privacy planning', () => {
  it('makes each preset once, in the catalog language, with lists split', async () => {
    const ws = await testWorkspace('plan');
    const texts = presetTexts(catalogs.it.privacy, 'accounting');
    expect(texts.recipients).toEqual([
      'Commercialista o consulente fiscale',
      'Amministrazione finanziaria (Agenzia delle Entrate)',
    ]);
    expect(presetTexts(catalogs.en.privacy, 'profiling').recipients).toEqual([]);
    expect(presetTexts(catalogs.en.privacy, 'legitimate-follow-up').balancingNote).not.toBe('');
    const first = missingPresets(ws.repo, ws.model, catalogs.it.privacy);
    expect(first).toHaveLength(5);
    await ws.run('purposes.accept-preset', {
      changes: first.map((after) => ({ table: 'purposes' as const, before: null, after })),
    });
    expect(missingPresets(ws.repo, ws.model, catalogs.en.privacy)).toEqual([]);
    ws.dispose();
  });

  it('plans consent entries the commands accept, and counts what the overview shows', async () => {
    const ws = await testWorkspace('plan');
    const [ada, bruno] = await withPeople(ws, 2);
    const [marketing] = missingPresets(ws.repo, ws.model, catalogs.en.privacy).filter(
      (p) => p.preset === 'marketing',
    );
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: marketing! }] });
    expect(
      privacyOverview(ws.model)
        .withoutPurpose.map((p) => p.id)
        .sort(),
    ).toEqual([ada!.id, bruno!.id].sort());
    const link = testLink(ws.repo.newId(), ada!.id, marketing!.id, ws.repo.stamp());
    await ws.run('person-purposes.link', {
      changes: [{ table: 'person-purposes', before: null, after: link }],
    });
    expect(privacyOverview(ws.model).withoutPurpose.map((p) => p.id)).toEqual([bruno!.id]);

    const now = Date.UTC(2026, 5, 1, 12);
    await expect(
      planConsentEntry(ws.repo, ws.model, ada!, 'given', form(marketing!.id, ''), now),
    ).rejects.toThrow('validation failed');
    await expect(
      planConsentEntry(ws.repo, ws.model, ada!, 'withdrawn', form(marketing!.id, '2026-06-01T10:00'), now),
    ).rejects.toThrow('consent-not-given');
    const given = await planConsentEntry(
      ws.repo,
      ws.model,
      ada!,
      'given',
      form(marketing!.id, '2026-05-01T10:00', '2026-05-31'),
      now,
    );
    expect(given).toMatchObject({
      seq: 0,
      method: 'in-person',
      recordedBy: 'Test laptop',
      reviewOn: '2026-05-31',
    });
    await ws.run('consents.give', { changes: [{ table: 'consents', before: null, after: given }] });
    // The review date has come (now is June): it is to review, until withdrawn.
    expect(privacyOverview(ws.model, now).toReview.map((e) => e.id)).toEqual([given.id]);
    expect(privacyOverview(ws.model, Date.UTC(2026, 4, 30)).toReview).toEqual([]);
    const withdrawn = await planConsentEntry(
      ws.repo,
      ws.model,
      ada!,
      'withdrawn',
      form(marketing!.id, '2026-05-20T10:00'),
      now,
    );
    await ws.run('consents.withdraw', { changes: [{ table: 'consents', before: null, after: withdrawn }] });
    expect(privacyOverview(ws.model, now).toReview).toEqual([]);
    ws.dispose();
  });

  it('counts Art. 14 deadlines off Italian public holidays as well as weekends', async () => {
    const ws = await testWorkspace('plan-holidays');
    const [person] = await withPeople(ws, 1);
    // Obtained 2 May 2027: one month ends on 2 June, the Festa della Repubblica.
    const notice = testIndirectNotice(ws.repo.newId(), person!.id, ws.repo.stamp(), '2027-05-02');
    await ws.run('indirect-notices.record', {
      changes: [{ table: 'indirect-notices', before: null, after: notice }],
    });
    const italian = await loadHolidayCalendar('IT');
    const onHoliday = Date.UTC(2027, 5, 2, 20);
    const [due] = privacyOverview(ws.model, onHoliday, italian).informing;
    expect(due!.deadline).toBe('2027-06-03');
    expect(due!.overdue).toBe(false);
    // Weekends alone would leave it on the holiday, and late the day after.
    expect(privacyOverview(ws.model, Date.UTC(2027, 5, 3, 12)).informing[0]!.overdue).toBe(true);
    expect(privacyOverview(ws.model, Date.UTC(2027, 5, 3, 12), italian).informing[0]!.overdue).toBe(false);
    ws.dispose();
  });
});
