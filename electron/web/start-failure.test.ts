import { describe, expect, it } from 'vitest';
import { startFailureSentence } from './start-failure';
import { WebSecretError } from './web-secret';

const errno = (code: string) => Object.assign(new Error(`${code}: /home/mario.rossi/.scrigno-web`), { code });

describe('why the web mode did not start', () => {
  it('is one sentence per cause, with what to do and no path or stack', () => {
    const sentences = [
      startFailureSentence(errno('EADDRINUSE'), 4718),
      startFailureSentence(errno('EACCES'), 80),
      startFailureSentence(errno('ERR_SOCKET_BAD_PORT'), Number.NaN),
      startFailureSentence(new WebSecretError('symlink'), 4718),
      startFailureSentence(errno('EIO'), 4718),
      startFailureSentence(new Error('boom at /home/mario.rossi'), 4718),
    ];
    expect(sentences[0]).toContain('port 4718 on 127.0.0.1 is already in use');
    expect(sentences[0]).toContain('SCRIGNO_WEB_PORT');
    expect(sentences[1]).toContain('port 80');
    expect(sentences[2]).toContain('from 1 to 65535');
    expect(sentences[3]).toContain('is a symbolic link');
    expect(sentences[4]).toBe("Scrigno's web mode cannot start (EIO).");
    expect(sentences[5]).toBe("Scrigno's web mode cannot start (unexpected error).");
    for (const s of sentences) {
      expect(s).not.toContain('mario');
      expect(s).not.toContain('\n');
    }
  });

  it('says exactly what to do for each cause', () => {
    expect(startFailureSentence(errno('EADDRINUSE'), 4718)).toBe(
      "Scrigno's web mode cannot start: port 4718 on 127.0.0.1 is already in use (another Scrigno, " +
        'or another program). Stop it and start again, or choose another port with SCRIGNO_WEB_PORT ' +
        '(the browser keeps a separate vault for each port).',
    );
    expect(startFailureSentence(errno('EACCES'), 80)).toBe(
      "Scrigno's web mode cannot start: this system does not allow listening on port 80. Choose another port with SCRIGNO_WEB_PORT.",
    );
    expect(startFailureSentence(errno('ERR_SOCKET_BAD_PORT'), 0)).toBe(
      "Scrigno's web mode cannot start: SCRIGNO_WEB_PORT must be a whole number from 1 to 65535.",
    );
    expect(startFailureSentence(new WebSecretError('malformed'), 4718)).toBe(
      new WebSecretError('malformed').message,
    );
    expect(startFailureSentence(undefined, 4718)).toBe("Scrigno's web mode cannot start (unexpected error).");
    expect(startFailureSentence({ code: 42 }, 4718)).toBe(
      "Scrigno's web mode cannot start (unexpected error).",
    );
  });
});
