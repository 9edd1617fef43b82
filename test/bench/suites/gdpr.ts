// Accountability at scale: the retention scan over every person of the vault, beside a plain pass
// over the same people (reading one field each), and the Art. 30 register generated from a large
// purposes catalogue, beside serialising the same purposes as JSON.
import {
  createRecord,
  presetPurposeFields,
  purposePresets,
  scanRetention,
  type ConsentEntry,
  type PersonPurpose,
  type Purpose,
  type Stamp,
} from '../../../shared/domain';
import { buildProcessingRegister, processingRegisterCsv } from '../../../shared/formats/processing-register';
import { catalogs } from '../../../shared/i18n';
import { presetTexts } from '../../../renderer/features/gdpr/privacy-plan';
import { generateDataset } from '../../fixtures/generate';
import { settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';
import { accessPackageBench } from './gdpr/access-package';

const SCAN_TARGET_MS = 200;
const REGISTER_TARGET_MS = 100;
/** Purposes in the register run: far more than a small business keeps, on purpose. */
const REGISTER_PURPOSES = 200;
const PASSES = 5;
const stamp: Stamp = { clock: '000000000000-0000-0000000000000000', at: Date.UTC(2026, 0, 1) };
const hexId = (prefix: string, n: number) => (prefix + n.toString(16)).padStart(32, '0');

function purposesFrom(count: number): Purpose[] {
  return Array.from({ length: count }, (_, n) => {
    const preset = purposePresets[n % purposePresets.length]!;
    const fields = presetPurposeFields(preset, presetTexts(catalogs.it.privacy, preset.key));
    return createRecord('purposes', hexId('e', n) as Purpose['id'], { ...fields, name: `${fields.name} ${n}` }, stamp);
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function run(ctx: BenchContext): Promise<void> {
  const data = generateDataset({ contacts: ctx.size, seed: ctx.seed });
  const purposes = purposesFrom(purposePresets.length);
  const byId = new Map(purposes.map((p) => [p.id as string, p]));
  // One to three purposes per person; everyone with marketing gave consent on collection.
  const links: PersonPurpose[] = [];
  const consents: ConsentEntry[] = [];
  data.people.forEach((person, n) => {
    for (let k = 0; k <= n % 3; k++) {
      const purpose = purposes[(n + k * 2) % purposes.length]!;
      links.push({ ...createRecord('person-purposes', hexId('f', links.length) as PersonPurpose['id'], { personId: person.id, purposeId: purpose.id, note: '' }, stamp) });
      if (purpose.legalBasis === 'consent')
        consents.push({ id: hexId('c', consents.length), personId: person.id, purposeId: purpose.id, action: 'given', at: `${person.source.date}T09:00:00.000Z`, deletedAt: null } as unknown as ConsentEntry);
    }
  });
  ctx.record('gdpr.people_count', data.people.length, 'count');
  ctx.record('gdpr.links_count', links.length, 'count');
  await settle();

  const passTimes: number[] = [];
  const scanTimes: number[] = [];
  let checksum = 0;
  let due = 0;
  for (let i = 0; i < PASSES; i++) {
    const pass = await timed(() => {
      let length = 0;
      for (const person of data.people) length += person.familyName.length;
      return length;
    });
    checksum += pass.result;
    passTimes.push(pass.ms);
    const scan = await timed(() =>
      scanRetention({
        people: data.people,
        purposes: byId,
        links,
        activities: data.activities,
        deals: data.deals,
        consents,
        decisions: [],
        today: '2030-06-01',
      }),
    );
    due = scan.result.due.length;
    scanTimes.push(scan.ms);
  }
  // The CPU time of one more scan, every process together: on a loaded machine the wall time
  // above includes waiting for a core, this does not.
  const cpuStart = await ctx.cpuMs();
  scanRetention({ people: data.people, purposes: byId, links, activities: data.activities, deals: data.deals, consents, decisions: [], today: '2030-06-01' });
  const cpuEnd = await ctx.cpuMs();
  ctx.record('gdpr.model_pass_ms', median(passTimes), 'ms');
  ctx.record('gdpr.retention_scan_ms', median(scanTimes), 'ms', 'gdpr.model_pass_ms', SCAN_TARGET_MS);
  if (cpuStart !== undefined && cpuEnd !== undefined) ctx.record('gdpr.retention_scan_cpu_ms', cpuEnd - cpuStart, 'ms');
  ctx.record('gdpr.retention_due_count', due, 'count');
  if (checksum < 0) ctx.progress('unreachable');

  const catalogue = purposesFrom(REGISTER_PURPOSES);
  const texts = catalogs.it.privacy;
  const jsonTimes: number[] = [];
  const registerTimes: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    jsonTimes.push((await timed(() => JSON.stringify(catalogue))).ms);
    registerTimes.push(
      (await timed(() => processingRegisterCsv(buildProcessingRegister(null, catalogue, texts), texts, ';'))).ms,
    );
  }
  ctx.record('gdpr.purposes_json_ms', median(jsonTimes), 'ms');
  ctx.record('gdpr.register_generate_ms', median(registerTimes), 'ms', 'gdpr.purposes_json_ms', REGISTER_TARGET_MS);

  await accessPackageBench(ctx);
}

/** The `gdpr` suite. */
const suite: BenchSuite = { name: 'gdpr', run };
export default suite;
