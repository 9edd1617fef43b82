// Sync end to end in Chromium: two browser profiles (each its own web-mode host and vault) and a
// real relay (electron/relay, the gate in front of the stock Yjs server) on 127.0.0.1 started by
// the test. Device A sets sync up with a space and token from the relay, pairs device B through
// Settings → Sync with the code typed in; both add people while the relay is down, and converge
// when it comes back; a person erased on A is gone on B; A removes B, and B's view stops there
// while A carries on; a wrong token is reported as refused.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startRelay, type RunningRelay } from '../../electron/relay/relay';
import { addPerson, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

const apps: AppSession[] = [];
let relay: RunningRelay | undefined;
let relayDir: string | undefined;

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await relay?.close();
  relay = undefined;
  if (relayDir) await rm(relayDir, { recursive: true, force: true });
});

const en = {
  settings: 'Settings',
  tab: 'Sync',
  relay: 'Relay address',
  space: 'Space',
  token: 'Access token',
  name: 'Name of this computer',
  setUp: 'Set up sync',
  code: 'Pairing code',
  join: 'Join',
  pair: 'Pair a new device',
  allow: 'Allow',
  synced: 'Up to date',
  refused: /^The relay refused this computer/,
};
const it_ = {
  settings: 'Impostazioni',
  tab: 'Sincronizzazione',
  relay: 'Indirizzo del relay',
  space: 'Spazio',
  token: 'Token di accesso',
  name: 'Nome di questo computer',
  setUp: 'Configura la sincronizzazione',
  refused: /^Il relay ha rifiutato questo computer \(il token potrebbe essere errato o revocato\)/,
};

async function openSync(page: Page, l: { settings: string; tab: string }) {
  await page.getByRole('link', { name: l.settings }).click();
  await page.getByRole('tab', { name: l.tab }).click();
  await page.getByRole('tab', { name: l.tab, selected: true }).waitFor();
}

async function setUp(
  page: Page,
  l: typeof it_,
  relayUrl: string,
  spaceId: string,
  token: string,
  name: string,
) {
  await openSync(page, l);
  await page.getByLabel(l.relay).fill(relayUrl);
  await page.getByLabel(l.space).fill(spaceId);
  await page.getByLabel(l.token).fill(token);
  await page.getByLabel(l.name).first().fill(name);
  await page.getByRole('button', { name: l.setUp }).click();
}

async function synced(page: Page) {
  await openSync(page, en);
  await page.getByTestId('sync-state').getByText(en.synced).waitFor({ timeout: 30_000 });
}

/** Waits until the contacts list shows (or, with `gone`, no longer shows) `name`. */
async function inContacts(page: Page, name: string, gone = false) {
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New person' }).waitFor();
  const row = page.locator('main').getByText(name);
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(gone ? 0 : 1);
}

describe('sync between two browsers through a real relay', () => {
  it('pairs, converges after offline edits, carries an erasure, and shows what the CSP allows', async () => {
    relayDir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-e2e-relay-'));
    relay = await startRelay({ dataDir: relayDir, port: 0 });
    const port = relay.port;
    const relayUrl = `ws://127.0.0.1:${port}`;
    const spaceId = 'bottegaRossi01';
    const token = await relay.tokens.set(spaceId);

    const a = await startApp({ locale: 'en-GB' });
    apps.push(a);
    await createVaultThroughUi(a.page);
    await addPerson(a.page, 'Ada', 'Lovelace');
    await setUp(a.page, en, relayUrl, spaceId, token, 'Banco');
    await synced(a.page);
    await screenshot(a.page, 'sync-relay-a-synced-en');
    // The page may open WebSockets to the relay, but nothing else leaves for another origin.
    const fetched = await a.page.evaluate(
      (url) =>
        fetch(url).then(
          () => 'fetched',
          () => 'blocked',
        ),
      `http://127.0.0.1:${port}/`,
    );
    expect(fetched).toBe('blocked');

    // B pairs with the code shown on A, typed in.
    await a.page.getByRole('button', { name: en.pair }).click();
    const code = (await a.page.getByTestId('pairing-code').textContent())!.trim();
    const b = await startApp({ locale: 'en-GB' });
    apps.push(b);
    await createVaultThroughUi(b.page);
    await openSync(b.page, en);
    await b.page.getByLabel(en.code, { exact: true }).fill(code);
    await b.page.getByLabel(en.name).last().fill('Portatile');
    await b.page.getByRole('button', { name: en.join, exact: true }).click();
    await a.page.getByRole('button', { name: en.allow }).click();
    await synced(b.page);
    await screenshot(b.page, 'sync-relay-b-paired-en');
    await inContacts(b.page, 'Ada Lovelace');

    // The relay goes away; each adds someone meanwhile; it comes back on the same port and folder.
    await relay.close();
    relay = undefined;
    await addPerson(a.page, 'Grace', 'Hopper');
    await addPerson(b.page, 'Alan', 'Turing');
    relay = await startRelay({ dataDir: relayDir, port });
    await inContacts(a.page, 'Alan Turing');
    await inContacts(b.page, 'Grace Hopper');
    await synced(a.page);
    await synced(b.page);

    // Erased on A: gone on B.
    await inContacts(a.page, 'Ada Lovelace');
    await a.page.locator('main').getByText('Ada Lovelace').click();
    await a.page.getByTestId('erase-person').click();
    await a.page.getByRole('heading', { name: 'Erase Ada Lovelace' }).waitFor();
    await a.page.getByLabel('To confirm, type ERASE').fill('ERASE');
    await a.page.getByRole('button', { name: 'Erase for good' }).click();
    await a.page.getByTestId('erase-done').waitFor({ timeout: 60_000 });
    await inContacts(b.page, 'Ada Lovelace', true);
    await inContacts(b.page, 'Grace Hopper');
    await screenshot(b.page, 'sync-relay-b-after-erasure-en');
    // The only problems either page had: the probe above, blocked by the policy, and the
    // reconnection attempts while the relay was down.
    const probe = (p: string) => p.includes(`http://127.0.0.1:${port}/`);
    const retry = (p: string) =>
      p.includes(`WebSocket connection to '${relayUrl}/`) && p.includes('ERR_CONNECTION_REFUSED');
    expect(a.problems.some((p) => probe(p) && p.includes("connect-src 'self' ws: wss:"))).toBe(true);
    expect(a.problems.filter((p) => !probe(p) && !retry(p))).toEqual([]);
    expect(b.problems.filter((p) => !retry(p))).toEqual([]);

    // A removes B: A carries on under a new key; B cannot open what A writes from now on, so it
    // stops (fail closed) and never shows the new person.
    await openSync(a.page, en);
    await a.page.getByRole('button', { name: 'Remove Portatile' }).click();
    await a.page.getByRole('button', { name: 'Remove and change the key' }).click();
    await a.page.getByText('“Portatile” is removed; the space has a new key.').waitFor();
    await expect.poll(() => a.page.getByRole('button', { name: 'Remove Portatile' }).count()).toBe(0);
    await addPerson(a.page, 'Edsger', 'Dijkstra');
    await synced(a.page);
    await screenshot(a.page, 'sync-relay-a-after-removal-en');
    await openSync(b.page, en);
    await b.page.getByText(/^Changes arrived that were altered or not sealed for this space/).waitFor({
      timeout: 30_000,
    });
    await screenshot(b.page, 'sync-relay-b-removed-en');
    await inContacts(b.page, 'Grace Hopper');
    await inContacts(b.page, 'Edsger Dijkstra', true);
  }, 240_000);

  for (const [lang, locale, l] of [
    ['it', 'it-IT', it_],
    ['en', 'en-GB', en as unknown as typeof it_],
  ] as const) {
    it(`${lang}: a wrong token is reported as refused by the relay`, async () => {
      relayDir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-e2e-relay-'));
      relay = await startRelay({ dataDir: relayDir, port: 0 });
      const spaceId = 'bottegaVerdi01';
      await relay.tokens.set(spaceId);
      const app = await startApp({ locale });
      apps.push(app);
      await createVaultThroughUi(app.page);
      await setUp(app.page, l, `ws://127.0.0.1:${relay.port}`, spaceId, 'x'.repeat(43), 'Banco');
      await app.page.getByTestId('sync-error').getByText(l.refused).waitFor({ timeout: 30_000 });
      await screenshot(app.page, `sync-relay-refused-${lang}`);
    }, 120_000);
  }
});
