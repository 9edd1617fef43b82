import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createVaultThroughUi,
  screenshot,
  screenViolations,
  startApp,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const results = path.resolve(import.meta.dirname, '../../test-results');
async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await copyFile(path.join(results, `${name}.png`), path.join('/tmp', `${name}.png`));
}

/** The labels the flow clicks, in each language. */
const ui = {
  en: {
    locale: 'en-GB',
    privacy: 'Privacy',
    purposes: 'Purposes',
    accept: 'Accept the presets',
    contacts: 'Contacts',
    newPerson: 'New person',
    given: 'First name',
    family: 'Last name',
    save: 'Save',
    addPurpose: 'Add a purpose',
    followUp: 'Follow-up of existing customers',
    lock: 'Lock',
    retention: 'Retention',
    select: (name: string) => `Select ${name}`,
    preview: /^This person will be anonymised on \d+ \w+ \d{4}\.$/,
    anonymise: 'Anonymise…',
    confirm: 'Anonymise',
    done: '1 person anonymised.',
    placeholder: 'Anonymised person',
    erase: 'Erase…',
    eraseTitle: 'Erase Bruno Neri',
  },
  it: {
    locale: 'it-IT',
    privacy: 'Privacy',
    purposes: 'Finalità',
    accept: 'Accetta le finalità predefinite',
    contacts: 'Contatti',
    newPerson: 'Nuova persona',
    given: 'Nome',
    family: 'Cognome',
    save: 'Salva',
    addPurpose: 'Aggiungi una finalità',
    followUp: 'Contatti con i clienti esistenti',
    lock: 'Blocca',
    retention: 'Conservazione',
    select: (name: string) => `Seleziona ${name}`,
    preview: /^Questa persona sarà anonimizzata il \d+ \w+ \d{4}\.$/,
    anonymise: 'Anonimizza…',
    confirm: 'Anonimizza',
    done: '1 persona anonimizzata.',
    placeholder: 'Persona anonimizzata',
    erase: 'Cancella…',
    eraseTitle: 'Cancella Bruno Neri',
  },
} as const;

type Labels = (typeof ui)[keyof typeof ui];

async function addPersonWithPurpose(page: Page, l: Labels, given: string, family: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: l.contacts }).click();
  await page.getByRole('button', { name: l.newPerson }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(l.given, { exact: true }).fill(given);
  await dialog.getByLabel(l.family, { exact: true }).fill(family);
  await dialog.getByRole('button', { name: l.save }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
  const panel = page.locator('section.person-privacy');
  await panel.getByLabel(l.addPurpose).selectOption({ label: l.followUp });
  await panel.getByRole('button', { name: l.addPurpose }).click();
  await panel.getByText(l.followUp, { exact: false }).first().waitFor();
}

const month = 30.44 * 86_400_000;

describe('the retention review', () => {
  for (const lang of ['en', 'it'] as const) {
    it(`queues people past their purposes' period, previews and anonymises after confirmation (${lang})`, async () => {
      const l = ui[lang];
      app = await startApp({ locale: l.locale, fakeClock: true });
      const { page } = app;
      // The people are collected 26 months ago; the follow-up purpose keeps them for 24.
      const today = Date.now();
      await page.clock.setSystemTime(today - 26 * month);
      await createVaultThroughUi(page);
      await page.locator('nav.sidebar').getByRole('link', { name: l.privacy }).click();
      await page
        .getByRole('navigation', { name: /privacy/i })
        .getByRole('link', { name: l.purposes })
        .click();
      await page.getByRole('button', { name: l.accept }).click();
      await addPersonWithPurpose(page, l, 'Ada', 'Lovelace');
      await addPersonWithPurpose(page, l, 'Bruno', 'Neri');

      // Back to today: the job runs at the next unlock.
      await page.clock.setSystemTime(today);
      await page
        .getByRole('button', { name: l.lock, exact: true })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await unlockThroughUi(page);
      await page.locator('nav.sidebar').getByRole('link', { name: l.privacy }).click();
      await page
        .getByRole('navigation', { name: /privacy/i })
        .getByRole('link', { name: l.retention })
        .click();
      const due = page.getByTestId('retention-due').locator('li');
      await expect.poll(() => due.count()).toBe(2);

      // Nothing happens on selection: a preview, then a confirmation.
      await page.getByLabel(l.select('Ada Lovelace')).check();
      await page.getByTestId('retention-preview').getByText(l.preview).waitFor();
      expect(await screenViolations(page)).toEqual([]);
      await shot(page, `privacy-retention-${lang}`);
      await page.getByRole('button', { name: l.anonymise }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(l.preview).waitFor();
      await shot(page, `privacy-retention-confirm-${lang}`);
      await dialog.getByRole('button', { name: l.confirm, exact: true }).click();
      await page.getByText(l.done).waitFor();
      await expect.poll(() => due.count()).toBe(1);
      expect(await due.first().textContent()).toContain('Bruno Neri');
      // Erasing instead of anonymising: the row opens the erasure page (its preview and typed
      // confirmation are tested in erasure.spec.ts).
      await due.first().getByRole('link', { name: l.erase }).click();
      await page.getByRole('heading', { name: l.eraseTitle }).waitFor();

      // The name is gone from the list and from search; the other person is untouched.
      await page.locator('nav.sidebar').getByRole('link', { name: l.contacts }).click();
      await page.locator('main').getByText(l.placeholder).first().waitFor();
      await page.locator('main').getByText('Bruno Neri').first().waitFor();
      await shot(page, `privacy-retention-contacts-${lang}`);
      expect(await page.locator('main').textContent()).not.toContain('Lovelace');
      await page.keyboard.press('Control+k');
      const palette = page.getByRole('dialog');
      await palette.locator('input').fill('lovelace');
      await palette
        .getByRole('option')
        .first()
        .waitFor({ state: 'detached', timeout: 2_000 })
        .catch(() => undefined);
      expect(await palette.getByRole('option').allTextContents()).not.toContainEqual(
        expect.stringContaining('Lovelace'),
      );
      await palette.locator('input').fill('neri');
      await expect
        .poll(() => palette.getByRole('option').allTextContents())
        .toContainEqual(expect.stringContaining('Bruno Neri'));
      await page.keyboard.press('Escape');
      expect(app.problems).toEqual([]);
    }, 240_000);
  }
});
