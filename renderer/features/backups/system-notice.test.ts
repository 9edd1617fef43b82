import { describe, expect, it, vi } from 'vitest';
import type { HostClient } from '../../../shared/host/contract';
import { backupNotifier, backupProblem } from './system-notice';

function fakeHost() {
  const invoke = vi.fn(async (..._args: unknown[]) => ({ shown: true }));
  return {
    host: { transport: 'electron', invoke, on: () => () => undefined } as unknown as HostClient,
    invoke,
  };
}

describe('backup problem notifications', () => {
  it('name the problem by kind, verification failures apart from other failures', () => {
    const none = { folderMissing: false, failure: null, overdue: false };
    expect(backupProblem(none)).toBeNull();
    expect(backupProblem({ ...none, folderMissing: true, overdue: true })).toBe('folder-missing');
    expect(backupProblem({ ...none, failure: 'backup-corrupt' })).toBe('verification-failed');
    expect(backupProblem({ ...none, failure: 'no-space' })).toBeNull();
    expect(backupProblem({ ...none, overdue: true })).toBe('overdue');
  });

  it('tell the OS once per problem, again when it returns after clearing', () => {
    vi.stubGlobal('navigator', { language: 'en-GB' });
    const fake = fakeHost();
    const notify = backupNotifier(fake.host);
    for (const problem of ['overdue', 'overdue', 'folder-missing', null, null, 'folder-missing'] as const)
      notify(problem);
    vi.unstubAllGlobals();
    expect(fake.invoke.mock.calls).toEqual([
      ['notification:backup', { problem: 'overdue', language: 'en' }],
      ['notification:backup', { problem: 'folder-missing', language: 'en' }],
      ['notification:backup', { problem: 'folder-missing', language: 'en' }],
    ]);
  });
});
