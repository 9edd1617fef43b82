import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebHost, type WebHost } from './server';
import { startFailureSentence } from './start-failure';

/**
 * `npm run web`: serves the built renderer with the host services on 127.0.0.1 and prints the
 * address to open. Data stays in the browser profile (IndexedDB, encrypted); host files
 * (granted folders) live in SCRIGNO_WEB_DATA or ~/.scrigno-web.
 */
/** The web mode's default port; SCRIGNO_WEB_PORT overrides it. */
const DEFAULT_PORT = 4718;
const here = path.dirname(fileURLToPath(import.meta.url));
// A fixed port keeps the origin stable: the browser keeps the vault per origin.
const port = Number(process.env.SCRIGNO_WEB_PORT ?? DEFAULT_PORT);
let host: WebHost;
try {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    // Stryker disable next-line StringLiteral: only the code reaches the user (start-failure.ts); the message is never shown
    throw Object.assign(new Error('bad port'), { code: 'ERR_SOCKET_BAD_PORT' });
  }
  host = await startWebHost({
    rendererDir: path.resolve(here, '../renderer'),
    dataDir: process.env.SCRIGNO_WEB_DATA ?? path.join(os.homedir(), '.scrigno-web'),
    port,
    version: process.env.npm_package_version ?? '0.0.0',
  });
} catch (error) {
  process.stderr.write(`${startFailureSentence(error, port)}\n`);
  process.exit(1);
}
process.stdout.write(`Scrigno web mode: open ${host.url}\n(Ctrl-C to stop)\n`);
const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
