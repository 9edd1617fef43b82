// The access package of one person with 500 activities (a fifth of them shared with another
// person), tasks, deals and consents, in a vault of the run's size, built as the app builds it:
// looked up in the in-memory model, masked, written as JSON, CSV, vCard, iCalendar and the
// report, and zipped. Beside it, the same person's records already gathered, as raw JSON zipped
// (what the package costs without the lookups, the masking and the other formats).
import { zipSync } from 'fflate';
import { createRecord, type Activity, type Deal, type Person, type Stamp, type Task } from '../../../../shared/domain';
import { accessPackageBytes, accessReportOf } from '../../../../renderer/features/rights/access-package';
import { Model, type TableName } from '../../../../renderer/vault';
import { generateDataset } from '../../../fixtures/generate';
import { settle, timed } from '../../harness/measure';
import type { BenchContext } from '../../harness/types';

const TARGET_MS = 1000;
const ACTIVITIES = 500;
const PASSES = 5;
const stamp: Stamp = { clock: '000000000000-0000-0000000000000000', at: Date.UTC(2026, 0, 1) };
const hexId = (prefix: string, n: number) => (prefix + n.toString(16)).padStart(32, '0');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Records `gdpr.access_package_ms` beside `gdpr.access_raw_zip_ms`. */
export async function accessPackageBench(ctx: BenchContext): Promise<void> {
  ctx.progress(`access package: a vault of ${ctx.size} people`);
  const data = generateDataset({ contacts: ctx.size, seed: ctx.seed });
  const person: Person = data.people[0]!;
  const other: Person = data.people[1]!;
  const own: Activity[] = Array.from({ length: ACTIVITIES }, (_, n) =>
    createRecord(
      'activities',
      hexId('a0', n) as Activity['id'],
      {
        kind: n % 3 === 0 ? 'meeting' : 'call',
        at: new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString(),
        durationMinutes: 30,
        subject: n % 5 === 0 ? `Review with ${other.givenName} ${other.familyName}` : `Call ${n}`,
        text: `Notes of activity ${n}: agreed the next steps and the offer.`,
        participantIds: n % 5 === 0 ? [person.id, other.id] : [person.id],
      },
      stamp,
    ),
  );
  const tasks: Task[] = Array.from({ length: 50 }, (_, n) =>
    createRecord(
      'tasks',
      hexId('b0', n) as Task['id'],
      { title: `Follow-up ${n}`, priority: 'normal', done: false, dueDate: '2026-02-01', link: { table: 'person', id: person.id } },
      stamp,
    ),
  );
  const deals: Deal[] = data.deals.slice(0, 10).map((d, n) => ({ ...d, personIds: n % 2 ? [person.id, other.id] : [person.id] }));
  const model = new Model();
  const put = (table: TableName, rows: readonly { id: string }[]) => model.upsert(rows.map((r) => ({ table, id: r.id, data: r })));
  put('people', data.people);
  put('organizations', data.organizations);
  put('pipelines', data.pipelines);
  put('deals', [...data.deals.slice(10), ...deals]);
  put('activities', [...data.activities, ...own]);
  put('tasks', [...data.tasks, ...tasks]);
  ctx.record('gdpr.access_vault_activities_count', model.count('activities'), 'count');
  await settle();

  ctx.progress('access package: building');
  const packageTimes: number[] = [];
  const rawTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < PASSES; i++) {
    const built = await timed(() => {
      const now = Date.UTC(2026, 2, 1);
      const { data: gathered, report } = accessReportOf(model, person, 'it', now);
      return { gathered, bytes: accessPackageBytes(gathered, report, now) };
    });
    packageTimes.push(built.ms);
    size = built.result.bytes.length;
    const gathered = built.result.gathered;
    const raw = await timed(() =>
      zipSync({ 'data.json': new TextEncoder().encode(JSON.stringify(gathered)) }, { level: 6 }),
    );
    rawTimes.push(raw.ms);
    if (i === 0) ctx.record('gdpr.access_activities_count', gathered.activities.length, 'count');
  }
  ctx.record('gdpr.access_raw_zip_ms', median(rawTimes), 'ms');
  ctx.record('gdpr.access_package_ms', median(packageTimes), 'ms', 'gdpr.access_raw_zip_ms', TARGET_MS);
  ctx.record('gdpr.access_package_kb_count', Math.round(size / 1024), 'count');
}
