import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureLogger, LOG_KEEP, LOG_MAX_BYTES, redactText, redactValue } from './log';

// Everything a careless log line might carry about a person; none of it may reach the file.
const canary = {
  email: 'mario.rossi.canary@example.it',
  phone: '+39 347 123 4567',
  cf: 'RSSMRA80A01H501U',
  iban: 'IT60X0542811101000000123456',
  vat: '01234567890',
  home: '/home/mario-canary/Documenti/clienti.csv',
  windows: 'C:\\Users\\MarioCanary\\Desktop\\backup',
  url: 'https://example.it/people?name=Mario%20Canary',
  name: 'Mario Canary-Rossi',
};
const secrets = Object.values(canary);
const fragments = [
  'mario',
  'canary',
  '347',
  '4567',
  'RSSMRA',
  '0542811',
  '01234567890',
  'Documenti',
  'Users',
];

const work = mkdtempSync(path.join(tmpdir(), 'scrigno-log-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A real electron-log logger (its Node flavour: no Electron needed) set up as the shell's is. */
async function freshLogger(dir: string, maxBytes?: number) {
  const { default: log } = await import('electron-log/node');
  const logger = log.create({ logId: dir });
  return configureLogger(logger, { dir, console: false, fs, maxBytes });
}

describe('main-process log redaction', () => {
  it('writes events and codes to the file, and no canary in any form', async () => {
    const dir = path.join(work, 'canary');
    const logger = await freshLogger(dir);
    const failure = Object.assign(new Error(`ENOENT: no such file, open '${canary.home}'`), {
      code: 'ENOENT',
    });
    logger.info('backup written', { channel: 'backup:write', size: 1200, folder: canary.home });
    logger.warn(`write failed for ${canary.email} at ${canary.windows}`, failure);
    logger.error('import rejected', {
      reason: `phone ${canary.phone}, cf ${canary.cf}, iban ${canary.iban}, vat ${canary.vat}`,
      firstName: canary.name,
      url: canary.url,
    });
    logger.info(`opened ${canary.url}`, [canary.phone, { name: 'HostError', code: 'folder-missing' }]);
    const text = readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(text).toContain('backup written');
    expect(text).toContain('backup:write');
    expect(text).toContain('Error ENOENT');
    expect(text).toContain('folder-missing');
    for (const secret of [...secrets, ...fragments])
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('names what it removed, so a support reader knows something was there', () => {
    expect(redactText(`mail ${canary.email} phone ${canary.phone} file ${canary.home}`)).toBe(
      'mail [email] phone [number] file [path]',
    );
    expect(redactText(`cf ${canary.cf} iban ${canary.iban} at ${canary.windows}`)).toBe(
      'cf [id] iban [iban] at [path]',
    );
    expect(redactText('folder-missing after 3 tries on backup:write')).toBe(
      'folder-missing after 3 tries on backup:write',
    );
    expect(redactValue({ code: 'no-space', note: 'anything' })).toEqual({
      code: 'no-space',
      note: '[redacted]',
    });
  });

  it('rotates the live file at 1 MiB unless told otherwise, and keeps the console quiet', async () => {
    const logger = await freshLogger(path.join(work, 'defaults'));
    expect(logger.transports.file.maxSize).toBe(1024 * 1024);
    expect(LOG_MAX_BYTES).toBe(1024 * 1024);
    expect(logger.transports.console.level).toBe(false);
  });

  it('rotates at the size limit and keeps only the last few files', async () => {
    const dir = path.join(work, 'rotation');
    const maxBytes = 20_000;
    const logger = await freshLogger(dir, maxBytes);
    const line = 'x'.repeat(1000);
    for (let i = 0; i < ((LOG_KEEP + 2) * maxBytes) / 1000; i++) logger.info(line);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const file of files)
      expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(maxBytes + 2000);
  });
});
