/**
 * Erasure (Art. 17) end to end in Italian: a person with a legal hold (the accounting purpose) and
 * a meeting shared with another person (brought in by an archive, both people matched to the
 * ones already in the vault) is erased from their page, after the preview and the typed
 * confirmation; they are gone, the other person's timeline still shows the meeting with nothing
 * written in it, the held record is kept with the reduced identity, the key ledger beside the
 * backups is verified, a CSV holding them again flags them instead of creating them, and the
 * Chromium profile's files hold the canary nowhere.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecord, type Activity, type Person, type RecordBase } from '../../shared/domain';
import { archiveTables, buildArchive, type ArchiveRecords } from '../../shared/formats';
import { examplePerson, exampleStamp } from '../fixtures/records';
import {
  addPerson as addPersonEn,
  createVaultThroughUi,
  screenViolations,
  startApp,
  type AppSession,
} from './harness';
import { shot } from './privacy-steps';

let app: AppSession | undefined;
let folder: string | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

async function backUpNow(page: Page): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Backup', exact: true }).click();
  await page.getByRole('button', { name: 'Esegui backup ora' }).click();
  await page
    .getByText(/Backup scritto e verificato/)
    .last()
    .waitFor({ timeout: 60_000 });
}

async function addPerson(
  page: Page,
  given: string,
  family: string,
  extra: { email?: string; notes?: string; purpose?: string } = {},
): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
  await page.getByRole('button', { name: 'Nuova persona' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nome', { exact: true }).fill(given);
  await dialog.getByLabel('Cognome', { exact: true }).fill(family);
  if (extra.email) await dialog.getByLabel('Email').fill(extra.email);
  if (extra.notes) await dialog.getByLabel('Note').fill(extra.notes);
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
  if (extra.purpose) {
    const panel = page.locator('section.person-privacy');
    await panel.getByLabel('Aggiungi una finalità').selectOption({ label: extra.purpose });
    await panel.getByRole('button', { name: 'Aggiungi una finalità' }).click();
    await panel.getByText(extra.purpose, { exact: false }).first().waitFor();
  }
}

const accounting = 'Adempimenti contabili e fiscali';

/**
 * An unprotected archive holding Bruno Neri, the person with `email`, and a meeting of the two
 * whose subject and notes carry `canary`. Imported, both people match the ones in the vault (by
 * name, by email) and the meeting joins them.
 */
async function sharedMeetingArchive(canary: string, email: string): Promise<Buffer> {
  const id = (n: number) => n.toString(16).padStart(32, '0');
  const person = (n: number, givenName: string, familyName: string, emails: Person['emails']) =>
    examplePerson({
      id: id(0xa0 + n) as Person['id'],
      subjectId: id(0xb0 + n) as Person['subjectId'],
      kind: 'private',
      givenName,
      familyName,
      organizations: [],
      emails,
      phones: [],
    });
  const bruno = person(1, 'Bruno', 'Neri', []);
  const them = person(2, 'Omonimo', 'Diverso', [{ kind: 'home', address: email }]);
  const meeting: Activity = createRecord(
    'activities',
    id(0xc1) as Activity['id'],
    {
      kind: 'meeting',
      at: '2026-02-03T14:30:00.000Z',
      durationMinutes: 60,
      subject: `Cantiere ${canary}`,
      text: `${canary} porta i disegni del tetto`,
      participantIds: [bruno.id, them.id],
    },
    exampleStamp,
  );
  const records = Object.fromEntries(archiveTables.map((t) => [t, [] as RecordBase[]])) as {
    -readonly [T in keyof ArchiveRecords]: RecordBase[];
  };
  records.people = [bruno, them];
  records.activities = [meeting];
  const bytes = await buildArchive({
    records,
    appVersion: '0.0.0-test',
    now: Date.UTC(2026, 2, 1),
    sha256: async (b) => createHash('sha256').update(b).digest('hex'),
  });
  return Buffer.from(bytes);
}

async function openPerson(page: Page, name: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
  await page.getByRole('row').filter({ hasText: name }).first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('erasure in the browser', () => {
  it('erases a person with a legal hold from their page, keeps the hold reduced, leaves no plaintext', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-erase-'));
    const chosen = folder;
    app = await startApp({ locale: 'it-IT', pickFolder: async () => chosen });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await page
      .getByRole('navigation', { name: /privacy/i })
      .getByRole('link', { name: 'Finalità' })
      .click();
    await page.getByRole('button', { name: 'Accetta le finalità predefinite' }).click();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Backup', exact: true }).click();
    await page.getByRole('button', { name: 'Scegli cartella…' }).click();
    await page.getByText(/I backup vanno nella cartella/).waitFor();

    const canary = 'Qzxerase' + Math.random().toString(36).slice(2, 10);
    const email = `${canary.toLowerCase()}@example.org`;
    await addPerson(page, 'Bruno', 'Neri');
    await addPerson(page, canary, 'Walkowski', { email, notes: `nota ${canary}`, purpose: accounting });
    // A meeting of the two, from an archive: it joins both people already in the vault.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('link', { name: 'Importa / esporta' }).click();
    await page.locator('#transfer-file').setInputFiles({
      name: 'riunione.zip',
      mimeType: 'application/zip',
      buffer: await sharedMeetingArchive(canary, email),
    });
    await page.getByRole('button', { name: 'Importa l’archivio' }).click();
    // Both people are already here (skipped as matched); the meeting is new.
    await page.getByText(/^Importati: 0 nuovi, 0 aggiornati, 2 saltati/).waitFor({ timeout: 60_000 });
    await openPerson(page, 'Bruno Neri');
    const timeline = page.locator('main');
    await expect.poll(() => timeline.textContent()).toContain(`Cantiere ${canary}`);
    // A backup made before the erasure holds the person (sealed under their backup key) and the
    // meeting (sealed for both).
    await backUpNow(page);

    // From the person page, by keyboard: the "Erase…" action opens the preview.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('row').filter({ hasText: canary }).first().click();
    await page.getByRole('heading', { level: 1, name: `${canary} Walkowski` }).waitFor();
    await page.getByTestId('erase-person').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Cancella ${canary} Walkowski` }).waitFor();
    const goes = page.getByTestId('erase-goes');
    await expect.poll(() => goes.textContent()).toContain('La sua scheda');
    expect(await goes.textContent()).toContain('Le sue note');
    expect(await goes.textContent()).toContain('collegamento a una finalità');
    expect(await goes.textContent()).toContain('Quanto scritto in 1 attività con altre persone');
    const held = page.getByTestId('erase-held');
    expect(await held.textContent()).toContain(accounting);
    expect(await held.textContent()).toContain('Obbligo legale');
    expect(await held.textContent()).toContain('Art. 2220 c.c.');
    expect(await page.getByText('Non si può annullare').count()).toBe(1);
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'erase-preview-it', true);

    // The typed confirmation: the Italian word, exactly.
    await page.getByRole('checkbox', { name: /Cancella e sopprimi/ }).check();
    const confirm = page.getByRole('button', { name: 'Cancella definitivamente' });
    const typed = page.getByLabel('Per confermare, scrivi CANCELLA');
    await typed.fill('ERASE');
    expect(await confirm.isDisabled()).toBe(true);
    await typed.fill('CANCELLA');
    await confirm.click();
    const done = page.getByTestId('erase-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.locator('[data-ledger]').getAttribute('data-ledger')).toBe('verified');
    const kept = page.getByTestId('erase-held-kept');
    expect(await kept.textContent()).toContain(`${canary} Walkowski`);
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'erase-done-it', true);

    // Gone from the list and from search; the other person is untouched.
    await page.getByRole('link', { name: 'Torna ai contatti' }).click();
    await page.getByRole('row').filter({ hasText: 'Bruno Neri' }).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain(canary);
    // Bruno's timeline still shows that the meeting took place, with nothing written in it.
    await openPerson(page, 'Bruno Neri');
    const meeting = page.locator('li.timeline-activity');
    await meeting.first().waitFor();
    expect(await meeting.count()).toBe(1);
    expect(await meeting.textContent()).toContain('Riunione');
    expect(await meeting.textContent()).toContain('60 minuti');
    expect(await page.locator('main').textContent()).not.toContain(canary);
    await shot(page, 'erase-other-timeline-it', true);

    // A CSV holding the erased and suppressed person flags them instead of creating them.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('link', { name: 'Importa / esporta' }).click();
    const rows = [
      ['Nome', 'Cognome', 'Email'],
      ['Ritorno', 'Indesiderato', email.toUpperCase()],
      ['Nuova', 'Persona', 'nuova.persona@example.it'],
    ];
    await page.locator('#transfer-file').setInputFiles({
      name: 'clienti.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8'),
    });
    await page.getByRole('button', { name: 'Controlla le righe' }).click();
    const flagged = page.getByTestId('import-flagged');
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain(
      '1 persona è nell’elenco di soppressione (cancellata o che si è opposta)',
    );
    await shot(page, 'erase-import-flagged-it');
    await page.getByRole('button', { name: 'Importa (1)' }).click();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('row').filter({ hasText: 'Nuova Persona' }).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Indesiderato');
    expect(app.problems).toEqual([]);

    // With the browser and the server closed, the profile's files (IndexedDB's LevelDB included,
    // old .log/.ldb generations too) and the backup folder hold the canary nowhere.
    const { profileDir, dataDir, host } = app;
    await app.context.close();
    await host.close();
    const needles = [canary, canary.toLowerCase()].flatMap((s) => [
      Buffer.from(s, 'utf8'),
      Buffer.from(s, 'utf16le'),
    ]);
    const scan = async (dir: string) => {
      const hits: string[] = [];
      let scanned = 0;
      for await (const file of filesUnder(dir)) {
        scanned++;
        const bytes = await readFile(file);
        if (needles.some((n) => bytes.includes(n))) hits.push(path.relative(dir, file));
      }
      return { scanned, hits };
    };
    const profile = await scan(profileDir);
    expect(profile.scanned).toBeGreaterThan(10);
    expect(profile.hits).toEqual([]);
    expect((await scan(dataDir)).hits).toEqual([]);
    expect((await scan(chosen)).hits).toEqual([]);
    app = { ...app, close: async () => undefined };
    await rm(profileDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }, 300_000);

  it('in English, without backups: the preview, the typed word, and the outcome says so', async () => {
    app = await startApp({ locale: 'en-GB' });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPersonEn(page, 'Ada', 'Lovelace', { phone: '+39 347 123 4567' });
    await page.getByTestId('erase-person').click();
    await page.getByRole('heading', { name: 'Erase Ada Lovelace' }).waitFor();
    expect(await page.getByTestId('erase-goes').textContent()).toContain('Their record');
    await page.getByText('Nothing: no legal obligation requires keeping their data.').waitFor();
    await page.getByText('Backups are not set up').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'erase-preview-en', true);
    const confirm = page.getByRole('button', { name: 'Erase for good' });
    await page.getByLabel('To confirm, type ERASE').fill('CANCELLA');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('To confirm, type ERASE').fill('ERASE');
    await confirm.click();
    const done = page.getByTestId('erase-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.locator('[data-ledger]').getAttribute('data-ledger')).toBe('no-folder');
    await shot(page, 'erase-done-en', true);
    await page.getByRole('link', { name: 'Back to contacts' }).click();
    await page.getByRole('button', { name: 'New person' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Lovelace');
    expect(app.problems).toEqual([]);
  }, 120_000);
});
