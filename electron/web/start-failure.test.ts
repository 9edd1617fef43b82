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
});
