import { describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../../shared/host/contract';
import { hostOfficeRelayControl, OfficeRelayError } from './office-relay';

const running: RelayStatus = {
  state: 'running',
  port: 4719,
  addresses: ['ws://192.168.1.20:4719'],
  localUrl: 'ws://127.0.0.1:4719',
  error: null,
};

/** A host that answers the relay channels from a script and records what was asked. */
function fakeHost(answers: Record<string, RelayStatus>) {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    invoke: (channel: string, input: unknown) => {
      calls.push([channel, input]);
      return Promise.resolve(answers[channel]);
    },
  };
}

describe('the office relay through the desktop host', () => {
  it('starts the space with its token and answers the addresses to pair with', async () => {
    const host = fakeHost({ 'relay:start': running, 'relay:status': running });
    const control = hostOfficeRelayControl(host as never);
    const token = 'a'.repeat(43);
    await expect(control.start({ spaceId: 'space-0001', token })).resolves.toEqual({
      addresses: ['ws://192.168.1.20:4719'],
      localUrl: 'ws://127.0.0.1:4719',
    });
    expect(host.calls).toEqual([['relay:start', { spaceId: 'space-0001', token }]]);
    await expect(control.status()).resolves.toEqual({
      running: true,
      addresses: running.addresses,
      localUrl: running.localUrl,
    });
  });

  it('rejects with the host’s code when the relay could not start, and stops through relay:stop', async () => {
    const failed: RelayStatus = { ...running, state: 'failed', localUrl: null, error: 'port-in-use' };
    const stopped: RelayStatus = { ...running, state: 'stopped', addresses: [], localUrl: null };
    const host = fakeHost({ 'relay:start': failed, 'relay:stop': stopped });
    const control = hostOfficeRelayControl(host as never);
    const start = control.start({ spaceId: 'space-0001', token: 'b'.repeat(43) });
    await expect(start).rejects.toBeInstanceOf(OfficeRelayError);
    await expect(start).rejects.toMatchObject({ code: 'port-in-use' });
    await control.stop();
    expect(host.calls.at(-1)).toEqual(['relay:stop', {}]);
  });
});
