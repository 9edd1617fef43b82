// Settings → Sync in the real renderer: off by default, joining with a mistyped, altered or
// expired code refused with a clear message (before anything is sent), set-up failing closed
// and shown, and the pairing screen's QR code and grouped code that expire. Two devices pairing
// through a running relay are covered under Node with the stock relay (renderer/sync/pairing-relay.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatPairingCode } from '../../renderer/sync/pairing-code';
import { createVaultThroughUi, screenshot, screenViolations, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ui = {
  en: {
    locale: 'en-GB',
    settings: 'Settings',
    tab: 'Sync',
    off: 'Sync is off on this computer.',
    code: 'Pairing code',
    name: 'Name of this computer',
    join: 'Join',
    typo: /This code has a typo/,
    expired: /This code has expired\. Ask for a new one/,
    relay: 'Relay address',
    space: 'Space',
    token: 'Access token',
    setUp: 'Set up sync',
    required: 'Required.',
    badRelay: 'Enter an address that starts with ws:// or wss://.',
    badSpace: /^From 8 to 64 letters/,
    unreachable: /^The relay cannot be reached\. Your changes stay here and sync tries again by itself/,
    pair: 'Pair a new device',
    expiresIn: /This code works once and expires in (\d+):(\d\d)\./,
    codeExpired: /This code has expired\. Make a new one/,
    again: 'Make a new code',
    devices: 'Paired devices',
    thisDevice: 'Banco (this computer)',
  },
  it: {
    locale: 'it-IT',
    settings: 'Impostazioni',
    tab: 'Sincronizzazione',
    off: 'La sincronizzazione è spenta su questo computer.',
    code: 'Codice di abbinamento',
    name: 'Nome di questo computer',
    join: 'Unisciti',
    typo: /Questo codice contiene un errore di battitura/,
    expired: /Questo codice è scaduto\. Chiedine uno nuovo/,
    relay: 'Indirizzo del relay',
    space: 'Spazio',
    token: 'Token di accesso',
    setUp: 'Configura la sincronizzazione',
    required: 'Obbligatorio.',
    badRelay: 'Inserisci un indirizzo che inizi con ws:// o wss://.',
    badSpace: /^Da 8 a 64 lettere/,
    unreachable:
      /^Il relay non è raggiungibile\. Le tue modifiche restano qui e la sincronizzazione riprova da sola/,
    pair: 'Abbina un nuovo dispositivo',
    expiresIn: /Questo codice vale una sola volta e scade tra (\d+):(\d\d)\./,
    codeExpired: /Questo codice è scaduto\. Creane uno nuovo/,
    again: 'Crea un nuovo codice',
    devices: 'Dispositivi abbinati',
    thisDevice: 'Banco (questo computer)',
  },
} as const;

type Ui = (typeof ui)[keyof typeof ui];

/** A well-formed code for a relay nobody runs, expiring at `expiresAt` (by the page's clock). */
function codeFor(expiresAt: number): string {
  return formatPairingCode({
    relay: 'ws://127.0.0.1:9',
    spaceId: 'q3RxW0n9Zk2mYb7cVd1eFg',
    secret: crypto.getRandomValues(new Uint8Array(16)),
    expiresAt,
  });
}

/** One character changed, as a typo or an alteration would. */
const altered = (code: string) =>
  code.replace(/^(.{6})(.)/, (_, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));

async function openSync(page: Page, l: Ui) {
  await page.getByRole('link', { name: l.settings }).click();
  await page.getByRole('tab', { name: l.tab }).click();
  await page.getByRole('tab', { name: l.tab, selected: true }).waitFor();
}

describe('Settings → Sync', () => {
  for (const lang of (process.env.SYNC_LANGS?.split(',') ?? ['en', 'it']) as Array<'en' | 'it'>) {
    const l = ui[lang];
    it(`${lang}: off by default; a mistyped or expired code is refused before anything is sent; set-up fails closed; the pairing code expires`, async () => {
      app = await startApp({ locale: l.locale, fakeClock: true });
      const { page } = app;
      // Connections to the code's relay: opened ones, and ones the page's policy blocked.
      const sent: string[] = [];
      page.on('websocket', (ws) => sent.push(ws.url()));
      const tried = () => [...sent, ...app!.problems].filter((p) => p.includes('127.0.0.1:9')).length;
      await createVaultThroughUi(page);
      await openSync(page, l);

      // Off by default: nothing set up, the set-up and join forms offered.
      await page.getByText(l.off).waitFor();
      await page.getByRole('button', { name: l.setUp }).waitFor();
      expect(await page.getByTestId('sync-state').count()).toBe(0);
      expect(await screenViolations(page)).toEqual([]);
      await screenshot(page, `sync-off-${lang}`);

      // A code with one character changed: reported as a typo, the code kept in the field.
      const now = await page.evaluate(() => Date.now());
      const good = codeFor(now + 10 * 60_000);
      const codeField = page.getByLabel(l.code, { exact: true });
      await codeField.fill(altered(good));
      await page.getByLabel(l.name).last().fill('Portatile');
      await page.getByRole('button', { name: l.join, exact: true }).click();
      await page.getByTestId('join-error').getByText(l.typo).waitFor();
      expect(await codeField.inputValue()).toBe(altered(good));
      await screenshot(page, `sync-join-typo-${lang}`);
      // An expired code (right checksum): refused as expired.
      await codeField.fill(codeFor(now - 1_000));
      await page.getByRole('button', { name: l.join, exact: true }).click();
      await page.getByTestId('join-error').getByText(l.expired).waitFor();
      // Neither attempt tried to connect.
      expect(tried()).toBe(0);

      // Set-up: empty fields and a wrong address are refused beside their field.
      await page.getByRole('button', { name: l.setUp }).click();
      expect(await page.getByText(l.required).count()).toBeGreaterThanOrEqual(3);
      await page.getByLabel(l.relay).fill('http://example.com');
      await page.getByLabel(l.space).fill('bottega rossi');
      await page.getByLabel(l.token).fill('token-di-prova');
      await page.getByLabel(l.name).first().fill('Banco');
      await page.getByRole('button', { name: l.setUp }).click();
      await page.getByText(l.badRelay).waitFor();
      await page.getByText(l.badSpace).waitFor();
      await page.getByLabel(l.relay).fill('ws://127.0.0.1:9');
      await page.getByLabel(l.space).fill('bottega-rossi');
      await page.getByRole('button', { name: l.setUp }).click();
      // No relay answers: the engine says so and keeps trying (the changes wait here).
      await page.getByTestId('sync-error').getByText(l.unreachable).waitFor();
      await page.getByRole('group', { name: l.devices }).getByText(l.thisDevice).waitFor();

      // Pairing: a QR image and a grouped code, with a countdown; the code expires.
      await page.getByRole('button', { name: l.pair }).click();
      const qr = page.getByTestId('pairing-qr');
      await qr.waitFor();
      // The inviting side does go to the relay (so the check above would have seen a join try).
      await expect.poll(tried).toBeGreaterThan(0);
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const shown = (await page.getByTestId('pairing-code').textContent())!;
      expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
      const countdown = page.getByTestId('pairing-countdown');
      const [, minutes, seconds] = (await countdown.textContent())!.match(l.expiresIn)!;
      expect(Number(minutes) * 60 + Number(seconds)).toBeGreaterThan(9 * 60);
      expect(await screenViolations(page)).toEqual([]);
      await page.getByRole('group', { name: l.pair }).scrollIntoViewIfNeeded();
      await screenshot(page, `sync-pairing-${lang}`);
      await page.clock.fastForward('05:00');
      await expect
        .poll(async () => {
          const m = (await countdown.textContent())?.match(l.expiresIn);
          return m ? Number(m[1]) * 60 + Number(m[2]) : -1;
        })
        .toBeLessThanOrEqual(5 * 60);
      // Someone at the keyboard meanwhile (the vault locks itself after 10 idle minutes).
      await page.mouse.move(5, 5);
      await page.keyboard.press('Shift');
      await page.clock.fastForward('05:01');
      await page.getByTestId('pairing-error').getByText(l.codeExpired).waitFor();
      expect(await page.getByTestId('pairing-qr').count()).toBe(0);
      await page.getByRole('button', { name: l.again }).waitFor();
      await screenshot(page, `sync-pairing-expired-${lang}`);
    });
  }
});
