import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, deepLinkRoute, deepLinkTo, parseDeepLink } from './deep-link';

const id = '0123456789abcdef0123456789abcdef';

describe('deep links', () => {
  it('name a person, organization, deal or task by its random id', () => {
    expect(parseDeepLink(`scrigno://person/${id}`)).toEqual({ kind: 'person', id });
    expect(parseDeepLink(`scrigno://organization/${id}/`)).toEqual({ kind: 'organization', id });
    expect(deepLinkRoute({ kind: 'person', id })).toBe(`/contacts/${id}`);
    expect(deepLinkRoute({ kind: 'organization', id })).toBe(`/organizations/${id}`);
    expect(deepLinkRoute({ kind: 'deal', id })).toBe(`/deals/${id}`);
    expect(deepLinkRoute({ kind: 'task', id })).toBe(`/tasks/${id}`);
    expect(parseDeepLink(deepLinkTo('task', id))).toEqual({ kind: 'task', id });
  });

  it('cannot carry a command, a query, a route or anything but a record id', () => {
    for (const url of [
      'scrigno://command/vault.lock',
      `scrigno://person/${id}?run=vault.lock`,
      `scrigno://person/${id}#/settings`,
      `scrigno://person/${id}/edit`,
      'scrigno://person/../settings',
      'scrigno://person/mario-rossi',
      `scrigno://settings/${id}`,
      `scrigno://user:pw@person/${id}`,
      `SCRIGNO://PERSON/${id.toUpperCase()}`,
      `https://person/${id}`,
      `javascript:alert(1)//scrigno://person/${id}`,
      `scrigno://person/${id}${'a'.repeat(100)}`,
      `scrigno://person/${id}\n`,
      42,
      // Not a string, though it would print as a good link.
      { toString: () => `scrigno://person/${id}` },
    ]) {
      expect(parseDeepLink(url), String(url)).toBeNull();
    }
  });

  it('is found among the command-line arguments a second instance receives', () => {
    expect(deepLinkFromArgv(['/opt/Scrigno/scrigno', '--flag', `scrigno://deal/${id}`])).toEqual({
      kind: 'deal',
      id,
    });
    expect(deepLinkFromArgv(['/opt/Scrigno/scrigno', '--inspect'])).toBeNull();
    expect(deepLinkFromArgv(['scrigno', 'scrigno://command/quit'])).toBeNull();
  });
});
