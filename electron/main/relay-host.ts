import os from 'node:os';
import { relayErrorCodes, type HostInput, type RelayStatus } from '../../shared/host/contract';
import type { RelayOptions, RunningRelay } from '../relay/relay';

/**
 * The office relay hosted by the desktop app: the same relay as `npm run relay`, listening on
 * every network interface so the office's devices reach it, with its data in the app's folder.
 * The relay module (and LevelDB, a native module) loads only when the relay first starts.
 */

/** The port the office relay listens on unless the renderer asks for another. */
export const OFFICE_RELAY_PORT = 4719;

export interface RelayHostOptions {
  /** The relay's data folder (spaces, key, LevelDB): under the app's user data. */
  dataDir: string;
  /** The machine's network interfaces (tests replace it). */
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** Starts a relay (tests may pass their own); the real relay module by default. */
  startRelay?: (options: RelayOptions) => Promise<RunningRelay>;
}

export interface RelayHost {
  start(input: HostInput<'relay:start'>): Promise<RelayStatus>;
  stop(): Promise<RelayStatus>;
  status(): RelayStatus;
  /** Whether a relay runs now (the app stops it before quitting). */
  running(): boolean;
}

/** `ws://` addresses of this machine's non-internal IPv4 interfaces, for other devices to pair with. */
export function lanAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>, port: number): string[] {
  const found = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) found.add(`ws://${info.address}:${port}`);
    }
  }
  return [...found].sort();
}

const knownErrors: ReadonlySet<string> = new Set(relayErrorCodes);

/** The office relay's lifecycle behind the `relay:*` channels. */
export function createRelayHost(options: RelayHostOptions): RelayHost {
  const interfaces = options.networkInterfaces ?? os.networkInterfaces;
  let relay: RunningRelay | null = null;
  let failure: RelayStatus['error'] = null;
  let pending: Promise<unknown> = Promise.resolve();

  const status = (): RelayStatus =>
    relay
      ? {
          state: 'running',
          port: relay.port,
          addresses: lanAddresses(interfaces(), relay.port),
          localUrl: `ws://127.0.0.1:${relay.port}`,
          error: null,
        }
      : { state: failure ? 'failed' : 'stopped', port: null, addresses: [], localUrl: null, error: failure };

  /** One start or stop at a time, in the order asked. */
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = pending.then(step, step);
    pending = next.catch(() => undefined);
    return next;
  };

  return {
    start: (input) =>
      serial(async () => {
        const port = input.port ?? OFFICE_RELAY_PORT;
        if (relay && relay.port !== port) {
          await relay.close();
          relay = null;
        }
        if (!relay) {
          try {
            const start = options.startRelay ?? (await import('../relay/relay')).startRelay;
            relay = await start({ dataDir: options.dataDir, host: '0.0.0.0', port });
            failure = null;
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            // A relay module that cannot load (LevelDB missing from a package) is `unavailable`.
            failure =
              typeof code === 'string' && knownErrors.has(code)
                ? (code as RelayStatus['error'])
                : 'unavailable';
            return status();
          }
        }
        await relay.tokens.set(input.spaceId, input.token);
        return status();
      }),
    stop: () =>
      serial(async () => {
        const stopping = relay;
        relay = null;
        failure = null;
        await stopping?.close();
        return status();
      }),
    status,
    running: () => relay !== null,
  };
}
