/**
 * Restriction (Art. 18) and objection (Art. 21), driven in Italian: a restricted person is left
 * out of a bulk tag, of the selection's CSV, of the CSV and vCard exports (each says how many)
 * and of the newsletter list; merging them is refused; an objection takes a person off the
 * newsletter list; lifting needs a note and creates the task to inform the person. The screens
 * are also shot in English.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultThroughUi, screenViolations, startApp, toastButton, type AppSession } from './harness';
import { openPrivacy, shot } from './privacy-steps';

let app: AppSession | undefined;
let folder = '';

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
});

const marketing = 'Marketing via email e telefono';

/** The text of the one file in `folder` whose name starts with `prefix`. */
async function fileText(prefix: string): Promise<string> {
  const names = (await readdir(folder)).filter((n) => n.startsWith(prefix));
  expect(names).toHaveLength(1);
  return readFile(path.join(folder, names[0]!), 'utf8');
}

/** A new person with an email, linked to the marketing purpose with consent given. */
async function addConsentingPerson(page: Page, given: string, family: string, email: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
  await page.getByRole('button', { name: 'Nuova persona' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nome', { exact: true }).fill(given);
  await dialog.getByLabel('Cognome', { exact: true }).fill(family);
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
  const panel = page.locator('section.person-privacy');
  await panel.getByLabel('Aggiungi una finalità').selectOption({ label: marketing });
  await panel.getByRole('button', { name: 'Aggiungi una finalità' }).click();
  await panel.getByRole('button', { name: 'Registra il consenso' }).click();
  await expect.poll(() => panel.getByTestId('consent-ledger').locator('li').count()).toBe(1);
}

async function openPerson(page: Page, name: string): Promise<void> {
  await page
    .locator('nav.sidebar')
    .getByRole('link', { name: /^(Contatti|Contacts)$/ })
    .click();
  await page.getByRole('row', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function switchLanguage(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog').locator('input').fill(command);
  await page.keyboard.press('Enter');
}

describe('restriction and objection', () => {
  it('keeps a restricted person out of bulk actions, exports and merges, and an objecting one off the newsletter', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-restrict-'));
    app = await startApp({ locale: 'it-IT', pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);
    await openPrivacy(page, 'Finalità');
    await page.getByRole('button', { name: 'Accetta le finalità predefinite' }).click();
    await page.getByRole('row', { name: new RegExp(marketing) }).waitFor();
    await addConsentingPerson(page, 'Anna', 'Bianchi', 'anna.bianchi@example.it');
    await addConsentingPerson(page, 'Marco', 'Verdi', 'marco.verdi@example.it');
    await addConsentingPerson(page, 'Lucia', 'Neri', 'lucia.neri@example.it');

    // Restrict Anna from her page, by keyboard; Undo takes it back; restricted again.
    await openPerson(page, 'Anna Bianchi');
    await page.getByRole('button', { name: 'Limita il trattamento…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Limita il trattamento (art. 18)' });
    await dialog.getByLabel('Motivo (art. 18, par. 1)').selectOption({ index: 0 });
    await dialog.getByLabel(/^Nota/).fill('Contesta l’indirizzo email, richiesta del 2/12');
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'restriction-dialog-it');
    await dialog.getByRole('button', { name: 'Limita', exact: true }).click();
    const banner = page.getByTestId('restriction-banner');
    await banner
      .getByText(/Trattamento limitato \(art\. 18\) dal .+: l’interessato contesta l’esattezza/)
      .waitFor();
    await toastButton(page, 'Trattamento limitato.', 'Annulla').click();
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Limita il trattamento…' }).click();
    await dialog.getByRole('button', { name: 'Limita', exact: true }).click();
    await banner.waitFor();
    await page.getByRole('button', { name: 'Revoca la limitazione…' }).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'restriction-person-it');

    // Editing her is refused with the reason; nothing changes.
    await page.getByRole('button', { name: 'Modifica' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Cognome', { exact: true }).fill('Bianchini');
    await edit.getByRole('button', { name: 'Salva' }).click();
    await page
      .getByText(
        'Il trattamento di questa persona è limitato (art. 18): nulla è stato modificato o esportato.',
      )
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Anna Bianchi' }).waitFor();

    // Lucia objects to direct marketing.
    await openPerson(page, 'Lucia Neri');
    await page.getByRole('button', { name: 'Registra l’opposizione…' }).click();
    const objection = page.getByRole('dialog', {
      name: 'Registra l’opposizione al marketing diretto (art. 21)',
    });
    await objection.getByLabel(/^Come è stata ricevuta/).fill('Email del 2/12');
    await objection.getByRole('button', { name: 'Registra l’opposizione' }).click();
    await page
      .getByTestId('objection-banner')
      .getByText(/Opposizione al marketing diretto del/)
      .waitFor();

    // The list shows the badge; a bulk tag of all three leaves Anna out and says so.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page
      .getByRole('row', { name: /Anna Bianchi/ })
      .getByText('Limitato')
      .waitFor();
    for (const name of ['Anna Bianchi', 'Marco Verdi', 'Lucia Neri'])
      await page.getByRole('checkbox', { name: `Seleziona ${name}` }).check();
    const bar = page.getByRole('region', { name: 'Selezione' });
    await bar.getByLabel('Nome dell’etichetta').fill('clienti');
    await bar.getByRole('button', { name: 'Aggiungi etichetta' }).click();
    await page.getByText('Etichetta «clienti» aggiunta a 2 record.').waitFor();
    await page.getByText('È stata esclusa 1 persona con trattamento limitato (art. 18).').first().waitFor();
    await shot(page, 'restriction-list-it');

    // The selection's CSV: two records, Anna left out.
    await bar.getByRole('button', { name: 'Esporta la selezione (CSV)' }).click();
    await page.getByText(/^2 record scritti in scrigno-people-selection-/).waitFor();
    const selection = await fileText('scrigno-people-selection-');
    expect(selection).toContain('Verdi');
    expect(selection).toContain('Neri');
    expect(selection).not.toContain('Bianchi');

    // The export panel: CSV and vCard leave her out, and say so.
    await page.getByRole('link', { name: 'Importa / esporta' }).click();
    await page.getByRole('button', { name: 'Esporta CSV' }).click();
    await page.getByText(/^Salvato scrigno-people-/).waitFor();
    const csv = await fileText('scrigno-people-2');
    expect(csv).toContain('Verdi');
    expect(csv).not.toContain('Bianchi');
    await page.getByRole('button', { name: 'Esporta vCard' }).click();
    await page.getByText(/^Salvato scrigno-contacts-vcard4-/).waitFor();
    const vcf = await fileText('scrigno-contacts-vcard4-');
    expect(vcf).toContain('Verdi');
    expect(vcf).toContain('Neri');
    expect(vcf).not.toContain('Bianchi');
    expect(
      await page.getByText('È stata esclusa 1 persona con trattamento limitato (art. 18).').count(),
    ).toBeGreaterThan(0);

    // The newsletter list: only Marco; Anna (restricted) and Lucia (objection) left out, counted.
    await page.getByRole('button', { name: 'Esporta la lista per la newsletter' }).click();
    await page
      .getByText(/^Lista per la newsletter salvata come scrigno-newsletter-.+: 1 persona\.$/)
      .waitFor();
    await page
      .getByText(
        'È stata esclusa 1 persona con trattamento limitato (art. 18). È stata esclusa 1 persona che si è opposta o ha revocato il consenso (art. 21).',
      )
      .waitFor();
    const newsletter = await fileText('scrigno-newsletter-');
    expect(
      newsletter
        .replace(/^\ufeff/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual(['First Name;Last Name;E-mail', 'Marco;Verdi;marco.verdi@example.it']);
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'restriction-exports-it');

    // The tag reached Marco, not Anna.
    await openPerson(page, 'Marco Verdi');
    await page.locator('.detail').getByText('clienti').first().waitFor();
    await openPerson(page, 'Anna Bianchi');
    await page.getByTestId('restriction-banner').waitFor();
    expect(await page.locator('.detail').getByText('clienti').count()).toBe(0);

    // A duplicate of Anna: the merge is refused, both stay.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('button', { name: 'Nuova persona' }).click();
    const dup = page.getByRole('dialog');
    await dup.getByLabel('Nome', { exact: true }).fill('Anna');
    await dup.getByLabel('Cognome', { exact: true }).fill('Bianchi');
    await dup.getByLabel('Email', { exact: true }).fill('ANNA.BIANCHI@example.it');
    await dup.getByRole('button', { name: 'Salva' }).click();
    await dup.getByRole('button', { name: 'Crea comunque' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anna Bianchi' }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('button', { name: 'Trova duplicati' }).click();
    await page.getByRole('button', { name: /^Unisci Anna Bianchi e Anna Bianchi/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unisci', exact: true }).click();
    await page
      .getByText(
        'Il trattamento di questa persona è limitato (art. 18): nulla è stato modificato o esportato.',
      )
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Anna Bianchi/ }).count()).toBe(2);

    // The same screens in English.
    await switchLanguage(page, 'inglese');
    await page
      .getByRole('row', { name: /Anna Bianchi/ })
      .getByText('Restricted')
      .waitFor();
    await shot(page, 'restriction-list-en');
    await page
      .getByRole('row', { name: /Anna Bianchi/ })
      .filter({ hasText: 'Restricted' })
      .click();
    await page
      .getByTestId('restriction-banner')
      .getByText(/Processing restricted \(Art\. 18\) since/)
      .waitFor();
    await shot(page, 'restriction-person-en');
    // The banner and the badge in the dark theme, still accessible.
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'restriction-person-en-dark');
    await page.keyboard.press('Control+Shift+L');
    await page.getByRole('button', { name: 'Lift restriction…' }).click();
    await page.getByRole('dialog', { name: 'Lift the restriction' }).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'restriction-lift-en');
    await page.keyboard.press('Escape');
    await switchLanguage(page, 'italian');
    await page.getByRole('button', { name: 'Revoca la limitazione…' }).waitFor();

    // Lifting: refused without a note; with one, the banner goes and the task to inform her is there.
    await page.getByRole('button', { name: 'Revoca la limitazione…' }).click();
    const lift = page.getByRole('dialog', { name: 'Revoca la limitazione' });
    await lift.getByLabel('Perché viene revocata (obbligatorio)').fill('   ');
    await lift.getByRole('button', { name: 'Revoca la limitazione' }).click();
    await lift.getByRole('alert').getByText('Indica perché la limitazione viene revocata.').waitFor();
    await shot(page, 'restriction-lift-it');
    await lift.getByLabel('Perché viene revocata (obbligatorio)').fill('Indirizzo verificato con la persona');
    await lift.getByRole('button', { name: 'Revoca la limitazione' }).click();
    await page
      .getByText('Limitazione revocata. È stato creato un compito per informare la persona.')
      .waitFor();
    await page.getByTestId('restriction-banner').waitFor({ state: 'detached' });
    await page
      .getByText('Informare la persona della revoca della limitazione del trattamento (art. 18, par. 3)')
      .first()
      .waitFor();
    expect(app.problems).toEqual([]);
  });
});
