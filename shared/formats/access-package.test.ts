import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { accessFixture, otherParticipant } from '../../test/fixtures/access';
import { collectAccessData, maskedPerson, maskerFor } from '../domain/access-package';
import { accessReportTexts } from '../i18n/access-texts';
import {
  accessDocument,
  accessJsonSchema,
  accessPackageFiles,
  accessPackagePaths,
  accessPackageZip,
  accessReportSections,
  accessReportText,
  buildAccessReport,
} from './access-package';
import { parseCsv } from './csv';

const golden = (name: string) => path.join(import.meta.dirname, '../../test/fixtures/formats', name);
// Set SCRIGNO_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
function expectGolden(name: string, text: string): void {
  if (process.env.SCRIGNO_UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
  expect(text).toBe(readFileSync(golden(name), 'utf8'));
}

const now = Date.UTC(2026, 2, 2, 10, 30);

async function built(language: 'it' | 'en' = 'en') {
  const fixture = await accessFixture();
  const data = collectAccessData(fixture.person, fixture.source);
  const texts = accessReportTexts(language);
  const report = buildAccessReport(data, texts, { language, controller: fixture.controller, now });
  const files = accessPackageFiles(data, report, texts, now);
  return { ...fixture, data, report, files, texts };
}

describe('the access report', () => {
  it('matches the golden files in English and Italian', async () => {
    expectGolden('access-report.en.txt', accessReportText((await built('en')).report));
    expectGolden('access-report.it.txt', accessReportText((await built('it')).report));
  });

  it('answers every point of Art. 15(1) with the Regulation’s wording, from the person’s purposes', async () => {
    for (const language of ['en', 'it'] as const) {
      const { report } = await built(language);
      expect(report.blocks.map((b) => b.section)).toEqual([...accessReportSections]);
      const text = accessReportText(report);
      expect(text).toContain('Garante per la protezione dei dati personali');
      // Both purposes of the person (and no other), with their bases and retention.
      expect(text).toContain('Preset customer-contract');
      expect(text).toContain('Preset marketing');
      const block = (s: string) => report.blocks.find((b) => b.section === s)!;
      expect(block('retention').paragraphs).toHaveLength(2);
      expect(block('rights').items).toHaveLength(6);
      expect(block('consents').items).toHaveLength(2);
      // The history: the creation and one change (the other person's change is not theirs).
      expect(block('history').items).toHaveLength(2);
      expect(block('operations').items).toHaveLength(2);
    }
    const it = accessReportText((await built('it')).report);
    expect(it).toContain('a) Le finalità del trattamento');
    expect(it).toContain(
      'g) Qualora i dati non siano raccolti presso l’interessato, tutte le informazioni disponibili sulla loro origine',
    );
    const en = accessReportText((await built('en')).report);
    expect(en).toContain('(b) The categories of personal data concerned');
    expect(en).toContain('(f) The right to lodge a complaint with a supervisory authority');
  });
});

describe('the access package', () => {
  it('holds the expected files in its zip', async () => {
    const { files } = await built();
    const zip = unzipSync(accessPackageZip(files, now));
    expect(Object.keys(zip).sort()).toEqual(Object.values(accessPackagePaths).sort());
    expect(strFromU8(zip[accessPackagePaths.report]!)).toBe(files[0]!.text);
  });

  it('writes JSON that validates against the JSON Schema it ships with', async () => {
    const { files } = await built();
    const schema = JSON.parse(files.find((f) => f.path === accessPackagePaths.schema)!.text) as object;
    const document = JSON.parse(files.find((f) => f.path === accessPackagePaths.data)!.text) as Record<
      string,
      unknown
    >;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(validate.errors ?? null).toBeNull();
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    // The validator does check: a document without the person, or with a bad activity, fails.
    expect(validate({ ...document, person: undefined })).toBe(false);
    const activities = document.activities as Record<string, unknown>[];
    expect(validate({ ...document, activities: [{ ...activities[0], kind: 'party' }] })).toBe(false);
    expect(accessJsonSchema().$schema).toMatch(/2020-12/);
  });

  it('leaves other people out of shared records and masks them in their text', async () => {
    const { files, data, meeting, othersOnly, person } = await built();
    // Bruno's visit alone, his task and his consent are not Niccolò's.
    expect(data.activities.map((a) => a.id)).not.toContain(othersOnly.id);
    expect(data.activities).toHaveLength(2);
    expect(data.tasks).toHaveLength(2);
    expect(data.consents).toHaveLength(2);
    const shared = data.activities.find((a) => a.id === meeting.id)!;
    expect(shared.participantIds).toEqual([person.id]);
    expect(shared.subject).toBe(`Kick-off with ${maskedPerson}`);
    expect(shared.text).toContain('Agreed the plan.');
    expect(data.deals[0]!.personIds).toEqual([person.id]);
    expect(data.leftOut).toEqual({ activities: 1, deals: 1, people: 1 });
    // The referral keeps the date and the kind, not who referred him.
    expect(data.person.source).toEqual({ method: 'referral', date: '2026-01-10' });
    for (const file of files) {
      for (const canary of [
        otherParticipant.familyName,
        otherParticipant.email,
        otherParticipant.phone,
        otherParticipant.id,
      ]) {
        expect(file.text.toLowerCase(), `${canary} in ${file.path}`).not.toContain(canary.toLowerCase());
      }
    }
    // The person's own data are there.
    const all = files.map((f) => f.text).join('\n');
    expect(all).toContain('Niccolo.Rossi@officine.it');
    expect(all).toContain('Officine Adriatiche S.r.l.');
  });

  it('masks full names before family names, emails and phones, and leaves other words alone', () => {
    const mask = maskerFor([
      {
        givenName: 'Anna',
        familyName: 'Neri',
        emails: [{ address: 'a@n.it' }],
        phones: [{ number: '+391' }],
      },
    ] as never);
    expect(mask('Anna Neri and anna neri, NERI; a@n.it +391; Annalisa')).toBe(
      `${maskedPerson} and ${maskedPerson}, ${maskedPerson}; ${maskedPerson} ${maskedPerson}; Annalisa`,
    );
    expect(maskerFor([])('unchanged')).toBe('unchanged');
  });

  it('writes the activities and tasks as iCalendar that an independent parser reads', async () => {
    const { files } = await built('it');
    const ics = files.find((f) => f.path === accessPackagePaths.calendar)!.text;
    expectGolden('access-calendar.ics', ics);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(calendar.getAllSubcomponents('vtodo')).toHaveLength(2);
  });

  it('writes CSV with the person’s row and the consent ledger', async () => {
    const { files } = await built();
    const person = parseCsv(
      files.find((f) => f.path === accessPackagePaths.person)!.text.replace(/^\ufeff/, ''),
    );
    expect(person).toHaveLength(2);
    expect(person[1]).toContain('Rossi');
    const consents = parseCsv(
      files.find((f) => f.path === accessPackagePaths.consents)!.text.replace(/^\ufeff/, ''),
    );
    expect(consents.slice(1).map((r) => r[1])).toEqual(['given', 'withdrawn']);
  });

  it('gives the same document for the same data', async () => {
    const a = await built();
    const b = await built();
    expect(JSON.stringify(accessDocument(a.data, 'en', now))).toBe(
      JSON.stringify(accessDocument(b.data, 'en', now)),
    );
  });
});
