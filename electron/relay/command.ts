import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_RELAY_PORT, RelayStartError, startRelay } from './relay';
import { SpaceTokenError, SpaceTokens, newSpaceId } from './space-tokens';

/**
 * What `npm run relay -- [options]` does: serve the sync relay on this machine, or manage its
 * spaces. Every failure ends with one sentence and exit code 1 (2 for bad arguments), never a
 * stack. `cli.ts` is the entry point that runs it.
 */

export const usage = `Usage: npm run relay -- [options]
  --data <folder>        the relay's data folder (default ~/.scrigno-relay)
  --host <address>       address to listen on (default 127.0.0.1; 0.0.0.0 for every network)
  --port <n>             port to listen on (default ${DEFAULT_RELAY_PORT}; 0 picks a free one)
  --max-message-mb <n>   largest message accepted, in MiB (default ${DEFAULT_MAX_MESSAGE_BYTES / 1024 / 1024})
  --add-space [id]       add a space (a new random id unless given) and print its token once
  --remove-space <id>    remove a space; its token stops working at once
  --list-spaces          print the space ids this relay serves
  --help                 print this text`;

/** What the command line asked for. */
export type RelayCommand =
  | { kind: 'help' }
  | { kind: 'serve'; dataDir: string; host: string; port: number; maxMessageBytes: number }
  | { kind: 'add-space'; dataDir: string; spaceId: string }
  | { kind: 'remove-space'; dataDir: string; spaceId: string }
  | { kind: 'list-spaces'; dataDir: string };

/** Bad arguments: the sentence says which. */
export class RelayArgumentError extends Error {
  override readonly name = 'RelayArgumentError';
}

const relayOptions = {
  data: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'max-message-mb': { type: 'string' },
  'add-space': { type: 'boolean' },
  'remove-space': { type: 'string' },
  'list-spaces': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the arguments after `npm run relay --`. */
export function parseRelayArgs(argv: readonly string[], home: string = os.homedir()): RelayCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof relayOptions; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: relayOptions, allowPositionals: true });
  } catch (error) {
    throw new RelayArgumentError(`relay: ${(error as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const dataDir = path.resolve(values.data ?? path.join(home, '.scrigno-relay'));
  const actions = [values['add-space'], values['remove-space'] !== undefined, values['list-spaces']];
  if (actions.filter(Boolean).length > 1) {
    throw new RelayArgumentError('relay: choose one of --add-space, --remove-space and --list-spaces.');
  }
  if (values['add-space']) {
    if (positionals.length > 1)
      throw new RelayArgumentError('relay: --add-space takes at most one space id.');
    return { kind: 'add-space', dataDir, spaceId: positionals[0] ?? newSpaceId() };
  }
  if (positionals.length > 0) throw new RelayArgumentError(`relay: unexpected argument "${positionals[0]}".`);
  if (values['remove-space'] !== undefined)
    return { kind: 'remove-space', dataDir, spaceId: values['remove-space'] };
  if (values['list-spaces']) return { kind: 'list-spaces', dataDir };
  const port = values.port === undefined ? DEFAULT_RELAY_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) {
    throw new RelayArgumentError('relay: --port must be a whole number from 0 (any free port) to 65535.');
  }
  const mb = values['max-message-mb'] === undefined ? undefined : Number(values['max-message-mb']);
  if (mb !== undefined && (!Number.isFinite(mb) || mb <= 0 || mb > 1024)) {
    throw new RelayArgumentError('relay: --max-message-mb must be a number above 0 and at most 1024.');
  }
  return {
    kind: 'serve',
    dataDir,
    host: values.host ?? '127.0.0.1',
    port,
    maxMessageBytes: mb === undefined ? DEFAULT_MAX_MESSAGE_BYTES : Math.round(mb * 1024 * 1024),
  };
}

/**
 * The one sentence printed when the relay cannot start or a space cannot be changed: what
 * happened and what to do. No path (it would carry the user's name) and no stack.
 */
export function relayFailureSentence(error: unknown, where: { host: string; port: number }): string {
  if (error instanceof RelayArgumentError) return error.message;
  const code = error instanceof RelayStartError || error instanceof SpaceTokenError ? error.code : undefined;
  switch (code) {
    case 'port-in-use':
      return `The relay cannot start: port ${where.port} on ${where.host} is already in use (another relay, or another program). Stop it, or choose another port with --port.`;
    case 'port-not-allowed':
      return `The relay cannot start: this system does not allow listening on port ${where.port}. Choose another port with --port.`;
    case 'bad-port':
      return 'The relay cannot start: --port must be a whole number from 0 (any free port) to 65535.';
    case 'bad-host':
      return `The relay cannot start: ${where.host} is not an address of this computer. Use 127.0.0.1, 0.0.0.0 or one of this computer's addresses with --host.`;
    case 'data-not-writable':
      return 'The relay cannot start: its data folder cannot be created or written. Check the folder given with --data (or ~/.scrigno-relay) and its permissions.';
    case 'data-in-use':
      return 'The relay cannot start: another relay is already using this data folder. Stop it, or give another folder with --data.';
    case 'data-corrupt':
      return "The relay cannot start: the data folder's files are damaged (spaces.json, relay.key or the LevelDB files). Restore them from a backup, or start on a new folder with --data and add the spaces again.";
    case 'bad-space-id':
      return 'relay: a space id is 8 to 64 letters, digits, "-" or "_".';
    case 'spaces-file-corrupt':
      return "relay: the data folder's spaces.json or relay.key is damaged. Restore it from a backup, or remove both and add the spaces again.";
    default: {
      const errno = (error as NodeJS.ErrnoException | undefined)?.code;
      return `The relay stopped on an unexpected error (${typeof errno === 'string' ? errno : 'unknown'}).`;
    }
  }
}

/** Runs one command; resolves to the exit code, or never for `serve` (until a signal). */
export async function runRelayCommand(
  argv: readonly string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number | 'serving'> {
  let command: RelayCommand;
  try {
    command = parseRelayArgs(argv);
  } catch (error) {
    err(relayFailureSentence(error, { host: '', port: 0 }));
    err(usage);
    return 2;
  }
  if (command.kind === 'help') {
    out(usage);
    return 0;
  }
  const where = command.kind === 'serve' ? { host: command.host, port: command.port } : { host: '', port: 0 };
  try {
    if (command.kind === 'serve') {
      const relay = await startRelay(command);
      let stopping = false;
      const stop = (): void => {
        if (stopping) return;
        stopping = true;
        void relay.close().then(
          () => {
            out('Scrigno relay stopped.');
            process.exit(0);
          },
          () => process.exit(1),
        );
      };
      // Before the address is printed: whoever reads it may stop the relay at once.
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const spaces = relay.tokens.list().length;
      out(
        `Scrigno relay listening on ws://${relay.host}:${relay.port} (${spaces} space${spaces === 1 ? '' : 's'}; Ctrl-C to stop).`,
      );
      if (spaces === 0) out('No space yet: add one with `npm run relay -- --add-space`.');
      if (!['127.0.0.1', 'localhost', '::1'].includes(relay.host)) {
        out(
          'Reachable from the network without TLS: contents stay end-to-end encrypted, but tokens can be read on the way. Beyond a trusted LAN, put it behind a TLS proxy (wss://).',
        );
      }
      return 'serving';
    }
    const tokens = await SpaceTokens.open(command.dataDir).catch((error: unknown) => {
      if (error instanceof SpaceTokenError) throw error;
      throw new RelayStartError('data-not-writable', (error as NodeJS.ErrnoException).code);
    });
    if (command.kind === 'add-space') {
      const token = await tokens.set(command.spaceId);
      out(`Space ${command.spaceId} added.`);
      out(`Token (shown only now; the relay keeps only a hash of it): ${token}`);
      return 0;
    }
    if (command.kind === 'remove-space') {
      const removed = await tokens.remove(command.spaceId);
      out(removed ? `Space ${command.spaceId} removed.` : `No space ${command.spaceId} on this relay.`);
      return removed ? 0 : 1;
    }
    for (const id of tokens.list()) out(id);
    return 0;
  } catch (error) {
    err(relayFailureSentence(error, where));
    return 1;
  }
}
