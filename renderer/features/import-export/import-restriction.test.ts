import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCsv, mapCsvRows, writeCsv } from '../../../shared/formats';
import { testRestriction } from '../../../test/fixtures/restriction';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { installRestrictionPolicies } from '../rights';
import { commitImport, planImport } from './import-service';

let uninstall: () => void;
beforeAll(() => void (uninstall = installRestrictionPolicies()));
afterAll(() => uninstall());

const opts = { locale: 'it-IT', defaultCountry: 'IT' };
const csv = (rows: string[][]) => new TextEncoder().encode(writeCsv(rows, { delimiter: ',' }));

describe('an import with a restricted person', () => {
  it('creates the new people, leaves the restricted one unchanged and counts them as skipped', async () => {
    const ws = await testWorkspace('import-restriction');
    const first = analyzeCsv(
      csv([
        ['First Name', 'Last Name', 'E-mail'],
        ['Elena', 'Conti', 'elena.conti@example.it'],
      ]),
    );
    await commitImport(
      ws,
      planImport(ws, 'a.csv', 'csv', mapCsvRows(first, first.mapping, opts)),
      new Map(),
      'skip',
    );
    const elena = ws.model.list('people')[0]!;
    await ws.run('restrictions.set', {
      changes: [
        {
          table: 'restrictions',
          before: null,
          after: testRestriction(ws.repo.newId(), elena.id, ws.repo.stamp()),
        },
      ],
    });
    const second = analyzeCsv(
      csv([
        ['First Name', 'Last Name', 'E-mail', 'Mobile'],
        ['Elena', 'Conti', 'elena.conti@example.it', '333 999 8888'],
        ['Paolo', 'Riva', 'paolo.riva@example.it', ''],
      ]),
    );
    const plan = planImport(ws, 'b.csv', 'csv', mapCsvRows(second, second.mapping, opts));
    const log = await commitImport(ws, plan, new Map([[2, 'update']]), 'skip');
    expect(log.counts).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect(log.updated).toEqual([]);
    expect(ws.model.get('people', elena.id)).toEqual(elena);
    expect(
      ws.model
        .list('people')
        .map((p) => p.familyName)
        .sort(),
    ).toEqual(['Conti', 'Riva']);
    ws.dispose();
  });
});
