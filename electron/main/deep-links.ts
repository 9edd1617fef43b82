import { deepLinkFromArgv, parseDeepLink, type DeepLink } from '../../shared/host/deep-link';

/**
 * Holds the latest deep link until the unlocked app takes it. A link arrives from the OS
 * (`open-url` on macOS, a second instance's arguments elsewhere, or this instance's own
 * arguments at launch); only an exact `scrigno://<kind>/<id>` is kept, anything else is dropped.
 * The renderer is only told that a link waits, and takes it with `deep-link:take` when it can
 * show it: a locked vault takes it after unlock.
 */
export function createDeepLinkInbox(announce: () => void): {
  receive(url: string): boolean;
  receiveArgv(argv: readonly string[]): boolean;
  take(): DeepLink | null;
} {
  let pending: DeepLink | null = null;
  const keep = (link: DeepLink | null): boolean => {
    if (!link) return false;
    pending = link;
    announce();
    return true;
  };
  return {
    receive: (url) => keep(parseDeepLink(url)),
    receiveArgv: (argv) => keep(deepLinkFromArgv(argv)),
    take: () => {
      const link = pending;
      pending = null;
      return link;
    },
  };
}
