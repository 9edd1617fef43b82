import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RelayArgumentError, parseRelayArgs, relayFailureSentence } from './command';
import { DEFAULT_MAX_MESSAGE_BYTES, RelayStartError } from './relay';

const home = path.resolve('/home/someone');

describe('npm run relay arguments', () => {
  it('serves on 127.0.0.1:4719 from ~/.scrigno-relay unless told otherwise', () => {
    expect(parseRelayArgs([], home)).toEqual({
      kind: 'serve',
      dataDir: path.join(home, '.scrigno-relay'),
      host: '127.0.0.1',
      port: 4719,
      maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
    });
    expect(
      parseRelayArgs(
        ['--data', 'relay-data', '--host', '0.0.0.0', '--port', '0', '--max-message-mb', '1.5'],
        home,
      ),
    ).toMatchObject({
      dataDir: path.resolve('relay-data'),
      host: '0.0.0.0',
      port: 0,
      maxMessageBytes: 1_572_864,
    });
  });

  it('adds a space with the id given, or a random one', () => {
    expect(parseRelayArgs(['--add-space', 'office-1'], home)).toMatchObject({
      kind: 'add-space',
      spaceId: 'office-1',
    });
    const random = parseRelayArgs(['--add-space'], home);
    expect(random.kind === 'add-space' && random.spaceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(parseRelayArgs(['--remove-space', 'office-1'], home)).toMatchObject({ kind: 'remove-space' });
    expect(parseRelayArgs(['--list-spaces'], home)).toMatchObject({ kind: 'list-spaces' });
  });

  it('refuses bad or conflicting arguments with a sentence naming them', () => {
    const refusal = (argv: string[]) => {
      try {
        parseRelayArgs(argv, home);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(RelayArgumentError);
        return (error as Error).message;
      }
    };
    expect(refusal(['--port', '65536'])).toBe(
      'relay: --port must be a whole number from 0 (any free port) to 65535.',
    );
    expect(refusal(['--port', '12ab'])).toMatch(/--port/);
    expect(refusal(['--max-message-mb', '0'])).toMatch(/--max-message-mb/);
    expect(refusal(['--add-space', '--list-spaces'])).toMatch(/choose one/);
    expect(refusal(['--nope'])).toMatch(/^relay: /);
    expect(refusal(['stray'])).toBe('relay: unexpected argument "stray".');
  });

  it('words every start failure without a path', () => {
    const where = { host: '127.0.0.1', port: 4719 };
    for (const code of [
      'port-in-use',
      'port-not-allowed',
      'bad-host',
      'data-not-writable',
      'data-in-use',
      'data-corrupt',
    ] as const) {
      const sentence = relayFailureSentence(new RelayStartError(code), where);
      expect(sentence).toMatch(/^The relay cannot start: .+\.$/);
      expect(sentence).not.toContain('/home');
    }
    expect(relayFailureSentence(Object.assign(new Error('/home/someone/x'), { code: 'EIO' }), where)).toBe(
      'The relay stopped on an unexpected error (EIO).',
    );
  });
});
