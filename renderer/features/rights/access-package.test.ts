import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { collectAccessData, type RecordBase } from '../../../shared/domain';
import { accessPackagePaths } from '../../../shared/formats';
import { accessFixture, otherParticipant } from '../../../test/fixtures/access';
import { exampleOrganization } from '../../../test/fixtures/records';
import { Model, type TableName } from '../../vault';
import { accessPackageBytes, accessReportOf } from './access-package';

/** The fixture vault as the in-memory model holds it after unlock. */
async function fixtureModel() {
  const f = await accessFixture();
  const model = new Model();
  const put = (table: TableName, rows: Iterable<unknown>) =>
    model.upsert([...rows].map((r, n) => ({ table, id: (r as Partial<RecordBase>).id ?? `h${n}`, data: r })));
  put('people', [f.person, f.other]);
  put('organizations', [exampleOrganization()]);
  put('activities', f.source.activities);
  put('tasks', f.source.tasks);
  put('deals', f.source.deals);
  put('person-purposes', f.source.personPurposes);
  put(
    'purposes',
    [...f.source.personPurposes].map((l) => f.source.purpose(l.purposeId)!),
  );
  put('consents', f.source.consents);
  put('indirect-notices', f.source.indirectNotices);
  put('history', f.source.history);
  put('audit', f.source.audit);
  put('privacy-controller', [f.controller]);
  return { ...f, model };
}

describe('the access package from the model', () => {
  it('gathers from the model’s tables what the pure builder gathers from the same records', async () => {
    const f = await fixtureModel();
    const { data, report } = accessReportOf(f.model, f.person, 'it', Date.UTC(2026, 2, 2));
    const expected = collectAccessData(f.person, f.source);
    // The model has no pipeline for the fixture's deal: its stage name is empty, not invented.
    expect({ ...data, stages: {} }).toEqual({ ...expected, stages: {} });
    const [deal] = [...f.source.deals];
    expect(data.stages).toEqual({ [deal!.id]: '' });
    expect(report.blocks.find((b) => b.section === 'controller')!.paragraphs[0]).toContain(
      'Bottega Rossi di Maria Rossi',
    );
  });

  it('zips the person’s files, the other participant in none of them', async () => {
    const f = await fixtureModel();
    const now = Date.UTC(2026, 2, 2);
    const { data, report } = accessReportOf(f.model, f.person, 'en', now);
    const zip = unzipSync(accessPackageBytes(data, report, now));
    expect(Object.keys(zip).sort()).toEqual(Object.values(accessPackagePaths).sort());
    for (const [name, bytes] of Object.entries(zip))
      expect(strFromU8(bytes).toLowerCase(), name).not.toContain(otherParticipant.familyName.toLowerCase());
  });
});
