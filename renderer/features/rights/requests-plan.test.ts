import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closeRequest,
  extendRequest,
  DomainError,
  recordIdentityCheck,
  type DataRequest,
} from '../../../shared/domain';
import { localToday, setHolidayCalendar } from '../../commands';
import { testWorkspace } from '../../../test/fixtures/workspace';
import type { Workspace } from '../../session/workspace';
import { loadHolidayCalendar } from './holiday-calendar';
import { planNewRequest, planStep } from './requests-plan';

const italian = await loadHolidayCalendar('IT');
const title = (r: Pick<DataRequest, 'type' | 'dueOn'>) => `Answer the ${r.type} request by ${r.dueOn}`;

let ws: Workspace | undefined;
let uninstall: (() => void) | undefined;
afterEach(() => {
  ws?.dispose();
  uninstall?.();
  vi.useRealTimers();
});

describe('the requests inbox through its commands', () => {
  it('keeps the reminder task on the deadline: created with it, moved by the extension, done at closure', async () => {
    // 31 March 2027, 10:00 where the tests run.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2027, 2, 31, 10) });
    uninstall = setHolidayCalendar(() => Promise.resolve(italian));
    ws = await testWorkspace('requests');
    const today = localToday(Date.now());
    const { request, changes } = planNewRequest(
      ws.repo,
      { type: 'access', receivedOn: today, channel: 'pec', summary: '', personId: null },
      italian,
      title,
      today,
    );
    await ws.run('requests.record', { changes });
    const task = () => ws!.model.get('tasks', request.reminderTaskIds[0]!)!;
    expect(request.dueOn).toBe('2027-04-30');
    expect(task().dueDate).toBe('2027-04-30');
    expect(task().title).toBe('Answer the access request by 2027-04-30');
    // Reminded five days before, at 09:00 local time.
    expect(new Date(task().reminderAt!).getDate()).toBe(25);
    expect(task().link).toBeUndefined();

    const stored = () => ws!.model.get('requests', request.id)!;
    const extended = extendRequest(stored(), 'Many files', today, italian, ws.repo.stamp());
    await ws.run('requests.extend', {
      changes: planStep(ws.model, ws.repo, stored(), extended, title, today),
    });
    expect(stored().dueOn).toBe('2027-06-30');
    expect(task().dueDate).toBe('2027-06-30');
    expect(task().title).toBe('Answer the access request by 2027-06-30');

    // A second extension is refused by the command, whoever planned it: nothing changes.
    const again = extendRequest(stored(), 'More', today, italian, ws.repo.stamp());
    await expect(
      ws.run('requests.extend', { changes: [{ table: 'requests', before: extended, after: again }] }),
    ).rejects.toThrow(DomainError);
    expect(stored().dueOn).toBe('2027-06-30');

    const closed = closeRequest(
      stored(),
      { outcome: 'fulfilled', note: 'Sent by PEC', changes: [] },
      today,
      ws.repo.stamp(),
    );
    await ws.run('requests.close', { changes: planStep(ws.model, ws.repo, stored(), closed, title, today) });
    expect(task().done).toBe(true);
    // Closed: no step is taken any more, whatever `before` the caller claims.
    const late = recordIdentityCheck(extended, 'Passport', today, ws.repo.stamp());
    await expect(
      ws.run('requests.check-identity', { changes: [{ table: 'requests', before: extended, after: late }] }),
    ).rejects.toThrow('request-closed');
    // The audit log names the steps, never the notes.
    const audit = JSON.stringify(ws.model.list('audit'));
    expect(audit).toContain('requests.extend');
    expect(audit).not.toContain('Many files');
  });

  it('refuses an extension after the first due date, and any request without the holiday calendar', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2027, 2, 31, 10) });
    uninstall = setHolidayCalendar(() => Promise.resolve(italian));
    ws = await testWorkspace('requests-late');
    const { request, changes } = planNewRequest(
      ws.repo,
      { type: 'erasure', receivedOn: '2027-03-31', channel: 'email', summary: '', personId: null },
      italian,
      title,
      '2027-03-31',
    );
    await ws.run('requests.record', { changes });
    // 1 May 2027: the first deadline (30 April) has passed.
    vi.setSystemTime(new Date(2027, 4, 1, 10));
    const extended = extendRequest(request, 'Too late', '2027-04-30', italian, ws.repo.stamp());
    await expect(
      ws.run('requests.extend', {
        changes: planStep(ws.model, ws.repo, request, extended, title, '2027-05-01'),
      }),
    ).rejects.toThrow('request-extension-late');
    expect(ws.model.get('requests', request.id)!.extension).toBeNull();
    // Without the calendar installed (the app installs it at start), requests are refused.
    uninstall();
    uninstall = undefined;
    const next = planNewRequest(
      ws.repo,
      { type: 'access', receivedOn: '2027-05-01', channel: 'email', summary: '', personId: null },
      italian,
      title,
      '2027-05-01',
    );
    await expect(ws.run('requests.record', { changes: next.changes })).rejects.toThrow(
      'holidays-unavailable',
    );
  });
});
