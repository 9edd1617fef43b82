// Port squatting in web mode: another server on the same port, with the same browser profile (so
// it can read the vault's IndexedDB), serves the real app but holds a different binding secret.
// The right passphrase must not open the vault there, and the page must say why; the real server
// (its data folder, its secret) opens it again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createVaultThroughUi,
  screenshot,
  startApp,
  testPassphrase,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;
const leftovers: string[] = [];

afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const dir of leftovers.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Stops browser and server but keeps the profile and the data folder. */
async function stop(session: AppSession): Promise<void> {
  await session.context.close();
  await session.host.close();
}

const cases = [
  {
    locale: 'en-GB',
    message: 'This page was not served by the Scrigno web server that holds this vault’s key',
  },
  {
    locale: 'it-IT',
    message:
      'Questa pagina non è stata servita dal server web di Scrigno che custodisce la chiave di questo archivio',
  },
] as const;

describe('web mode against port squatting', () => {
  for (const { locale, message } of cases) {
    it(`refuses the right passphrase on a page served by another server on the same port (${locale})`, async () => {
      const real = await startApp({ locale });
      const port = Number(new URL(real.host.origin).port);
      await createVaultThroughUi(real.page);
      await stop(real);
      leftovers.push(real.dataDir);

      // The squatter: same port, same browser profile, its own data folder and so its own secret.
      const squatterData = await mkdtemp(path.join(os.tmpdir(), 'scrigno-squatter-'));
      app = await startApp({ locale, port, profileDir: real.profileDir, dataDir: squatterData });
      const input = app.page.locator('form input[type="password"]');
      await input.first().waitFor();
      await input.first().fill(testPassphrase);
      await app.page.locator('form button[type="submit"]').click();
      await app.page.getByText(message).waitFor();
      await screenshot(app.page, `web-squatting-refused-${locale}`);
      expect(await app.page.getByRole('navigation').count()).toBe(0);
      await stop(app);
      app = undefined;

      // Back on the real server (its data folder holds the secret): the same passphrase opens it.
      app = await startApp({ locale, port, profileDir: real.profileDir, dataDir: real.dataDir });
      await unlockThroughUi(app.page);
      expect(await app.page.getByRole('navigation').count()).toBe(1);
      leftovers.push(squatterData);
    });
  }
});
