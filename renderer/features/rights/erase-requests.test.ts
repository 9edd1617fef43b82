/**
 * An erasure request (Art. 17 via Art. 12(3)) is under the person's key, so the erasure it asks for
 * makes it unreadable. The erasure closes it first (fulfilled, with its note) and completes its
 * reminder; what stays is the accountability trail: the `requests.*` audit entries (the request's
 * random id, no name) and the erasure ledger entry naming the same request id, with its date.
 * Real vault, workspace, backup engine and host.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type DataRequest, type Person } from '../../../shared/domain';
import { localToday, setHolidayCalendar } from '../../commands';
import { webSha256 } from '../../commands/privacy-guards';
import { backupWorld, type BackupWorld } from '../../../test/unit/backup-harness';
import { installErasurePolicy } from './erase-policy';
import { erasePerson } from './erase-service';
import { loadHolidayCalendar } from './holiday-calendar';
import { planNewRequest } from './requests-plan';

const italian = await loadHolidayCalendar('IT');
const title = (r: Pick<DataRequest, 'type' | 'dueOn'>) => `Answer the ${r.type} request by ${r.dueOn}`;

let world: BackupWorld | undefined;
let uninstall: (() => void) | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
  uninstall?.();
});
beforeAll(() => installErasurePolicy());

async function request(w: BackupWorld, type: DataRequest['type'], personId: Person['id']) {
  const today = localToday(Date.now());
  const planned = planNewRequest(
    w.ws.repo,
    { type, receivedOn: today, channel: 'email', summary: 'Please delete everything', personId },
    italian,
    title,
    today,
  );
  await w.ws.run('requests.record', { changes: planned.changes });
  return planned.request;
}

describe('an erasure request and the erasure it asks for', () => {
  it('is closed as fulfilled before the key goes; the audit and the ledger keep the trail', async () => {
    uninstall = setHolidayCalendar(() => Promise.resolve(italian));
    world = await backupWorld(3);
    const { ws } = world;
    const [person, other] = ws.model.list('people');
    const erasure = await request(world, 'erasure', person!.id);
    const access = await request(world, 'access', other!.id);
    const reminder = erasure.reminderTaskIds[0]!;
    expect(ws.model.get('tasks', reminder)?.done).toBe(false);
    const seen: string[] = [];
    const destroy = ws.vault.destroySubjectKey.bind(ws.vault);
    ws.vault.destroySubjectKey = async (sid) => {
      // When the key goes, the request is already closed.
      seen.push(ws.model.get('requests', erasure.id)?.closure?.outcome ?? 'open');
      await destroy(sid);
    };

    const outcome = await erasePerson(ws, world.host, person!.id, {
      suppress: false,
      requestNote: 'Erased on request',
    });
    expect(outcome.backupLedger).toBe('verified');
    expect(seen).toEqual(['fulfilled']);

    // The request went with the person's key, in the model and in the store.
    expect(ws.model.get('requests', erasure.id)).toBeUndefined();
    expect((await ws.vault.loadAll()).some((r) => r.id === erasure.id)).toBe(false);
    // Its reminder (under the records key, naming no one) is done, not left to ring.
    expect(ws.model.get('tasks', reminder)).toMatchObject({ done: true });
    // Someone else's request is untouched.
    expect(ws.model.get('requests', access.id)?.closure).toBeNull();

    // The trail: the audit entries of the request's steps, by its random id, and the ledger entry.
    const audit = [...ws.model.list('audit')].sort((a, b) => a.seq - b.seq);
    const steps = audit.filter((a) => a.recordId === erasure.id).map((a) => a.command);
    expect(steps).toEqual(['requests.record', 'requests.close']);
    const close = audit.findIndex((a) => a.recordId === erasure.id && a.command === 'requests.close');
    const erase = audit.findIndex((a) => a.command === 'rights.erase-subject');
    expect(close).toBeGreaterThanOrEqual(0);
    expect(close).toBeLessThan(erase);
    expect(await verifyChain(audit, webSha256)).toBeNull();
    const [entry] = ws.model.list('erasures');
    expect(entry).toMatchObject({ personId: person!.id, cause: 'request', requestIds: [erasure.id] });
    expect(entry!.erasedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(JSON.stringify([entry, audit])).not.toContain(person!.familyName);
    // Stored: the next unlock has the same trail.
    const stored = await ws.vault.loadAll();
    expect(stored.some((r) => r.table === 'erasures' && r.id === entry!.id)).toBe(true);
  });

  it('an erasure with no open erasure request writes no request step', async () => {
    world = await backupWorld(2);
    const { ws } = world;
    const [person] = ws.model.list('people');
    await erasePerson(ws, world.host, person!.id, { suppress: false });
    expect(ws.model.list('audit').some((a) => a.command.startsWith('requests.'))).toBe(false);
    expect(ws.model.list('erasures')[0]!.requestIds).toBeUndefined();
  });
});
