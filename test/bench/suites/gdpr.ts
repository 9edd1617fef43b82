// Accountability at scale: the retention scan over every person of the vault, beside a plain pass
// over the same people (reading one field each), and the Art. 30 register generated from a large
// purposes catalogue, beside serialising the same purposes as JSON. Then the erasure of one person
// end to end (the command, the vault key, the backup key ledger rewritten and read back) in a
// vault of `size` people, beside destroying another person's vault key alone in the same vault.
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
import type { HostClient } from '../../../shared/host/contract';
import { saveBackupKeys, writeLedgerFromVault } from '../../../renderer/features/backups/backup-keys';
import { writeBackupSettings, defaultBackupSettings } from '../../../renderer/features/backups/settings';
import { erasePerson } from '../../../renderer/features/rights';
import { openWorkspace } from '../../../renderer/session/workspace';
import { createVault } from '../../../renderer/vault';
import { FAST_TEST_KDF_POLICY } from '../../../renderer/vault/test-support';
import { generateDataset } from '../../fixtures/generate';
import { settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';
import { accessPackageBench } from './gdpr/access-package';

const SCAN_TARGET_MS = 200;
const ERASE_TARGET_MS = 500;
const benchFolder = 'b'.repeat(32);
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
  await eraseSubject(ctx);
  await accessPackageBench(ctx);
}

/**
 * The host's backup folder, in memory: the two ledger copies as written. Only the file system is
 * stood in for; the ledger's encoding, encryption and the read-back check are the app's.
 */
function memoryFolder(): HostClient {
  let copies: [Uint8Array | null, Uint8Array | null] = [null, null];
  const invoke = async (channel: string, input: { data?: Uint8Array; expectedSha256?: string }) => {
    if (channel === 'backup:ledger-write') {
      copies = [input.data!.slice(), input.data!.slice()];
      return { size: input.data!.length, sha256: input.expectedSha256 };
    }
    if (channel === 'backup:ledger-read') return { copies: [copies[0]?.slice() ?? null, copies[1]?.slice() ?? null] };
    if (channel === 'backup:list') return { backups: [], ledgers: [], ignored: [] };
    throw new Error(`bench-host: ${channel}`);
  };
  return { transport: 'web', on: () => () => undefined, invoke: invoke as unknown as HostClient['invoke'] };
}

/** `gdpr.erase_subject_ms`: one erasure end to end, beside the vault's key destruction alone. */
async function eraseSubject(ctx: BenchContext): Promise<void> {
  ctx.progress(`erasure: a vault of ${ctx.size} people with their backup keys`);
  const { vault } = await createVault('Bench erasure passphrase, long enough 42!', {
    dbName: `bench-gdpr-erase-${Date.now()}`,
    kdfPolicy: FAST_TEST_KDF_POLICY,
  });
  const ws = await openWorkspace(vault, await vault.loadAll(), 'Bench');
  const data = generateDataset({ contacts: ctx.size, seed: ctx.seed });
  const tables = ['pipelines', 'tags', 'organizations', 'people', 'deals', 'activities', 'tasks'] as const;
  await ws.repo.commit('bench.create', tables.flatMap((table) => data[table].map((after) => ({ table, before: null, after }))));
  // Every person has a backup key in the vault's copy and in the ledger, as after a first backup.
  const subjects = new Map(data.people.map((p) => [p.subjectId as string, crypto.getRandomValues(new Uint8Array(32))]));
  await saveBackupKeys(ws, { ledgerGeneration: 0, subjects, erasures: [] });
  const host = memoryFolder();
  await writeBackupSettings(ws, { ...defaultBackupSettings, folderId: benchFolder, folderLabel: 'Bench' });
  await writeLedgerFromVault(ws, host, benchFolder, {
    store: { ledgerGeneration: 0, subjects, erasures: [] },
    rewrite: true,
    repair: null,
    folderGeneration: 0,
  });
  await settle();
  const [first, second] = [data.people[Math.floor(data.people.length / 3)]!, data.people[Math.floor((2 * data.people.length) / 3)]!];
  ctx.progress('erasure: the vault key alone, then one erasure end to end');
  const alone = await timed(() => vault.destroySubjectKey(second.subjectId));
  ctx.record('gdpr.vault_erase_subject_ms', alone.ms, 'ms');
  // Where the time goes: each step's share, from the step marks the erasure reports.
  const marks: Array<[string, number]> = [];
  const whole = await timed(() =>
    erasePerson(ws, host, first.id, { suppress: true, onStep: (step) => marks.push([step, performance.now()]) }),
  );
  if (whole.result.backupLedger !== 'verified') throw new Error('bench-erase-ledger');
  ctx.record('gdpr.erase_subject_ms', whole.ms, 'ms', 'gdpr.vault_erase_subject_ms', ERASE_TARGET_MS);
  for (let i = 0; i + 1 < marks.length; i++)
    ctx.record(`gdpr.erase_step_${marks[i]![0].replace('-', '_')}_ms`, marks[i + 1]![1] - marks[i]![1], 'ms');
  ws.dispose();
  vault.lock();
}

/** The `gdpr` suite. */
const suite: BenchSuite = { name: 'gdpr', run };
export default suite;
