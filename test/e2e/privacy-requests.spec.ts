import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultThroughUi, screenViolations, startApp, type AppSession } from './harness';
import { shot } from './privacy-steps';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The labels the flow clicks, in each language. */
const ui = {
  it: {
    locale: 'it-IT',
    contacts: 'Contatti',
    newPerson: 'Nuova persona',
    given: 'Nome',
    family: 'Cognome',
    jobTitle: 'Qualifica',
    save: 'Salva',
    edit: 'Modifica',
    requests: 'Richieste',
    overview: 'Panoramica',
    dashboard: 'Panoramica',
    add: 'Registra una richiesta',
    receivedOn: 'Ricevuta il',
    find: 'Cerca la persona (nome, email, telefono)',
    record: 'Registra la richiesta',
    dueHint: 'Scadenza: 30 aprile 2027',
    accessType: 'Accesso (art. 15)',
    due: 'Scade il 30 aprile 2027',
    identityNote: 'Come è stata verificata l’identità (art. 12, par. 6)',
    identitySave: 'Registra la verifica',
    identityDone: 'Verificata il 31 marzo 2027: Carta d’identità vista in videochiamata',
    extendReason: 'Motivo della proroga (la persona ne è informata entro il primo mese)',
    extendSave: 'Proroga il termine',
    extended: 'Scade il 30 giugno 2027 (prorogata; primo termine 30 aprile 2027)',
    act: 'Prepara il pacchetto di accesso',
    closeSave: 'Chiudi',
    closed: 'Chiusa il 31 marzo 2027: Evasa',
    clarifyQuestion: 'Che cosa è stato chiesto',
    clarifySave: 'Chiedi e ferma il termine',
    paused: 'Il termine è fermo dal 31 marzo 2027, in attesa dei chiarimenti chiesti.',
    overdueCount: 'richieste scadute',
    historyTitle: 'Modifiche per campo (rettifica, art. 16)',
    historyChange: '(vuoto) → Architetta',
    rectificationType: 'Rettifica (art. 16)',
    type: 'Diritto esercitato',
    back: 'Tutte le richieste',
    changes: 'Modifiche fatte per questa richiesta',
    reminder: 'Rispondere alla richiesta di accesso entro il 1 aprile 2027',
  },
  en: {
    locale: 'en-GB',
    contacts: 'Contacts',
    newPerson: 'New person',
    given: 'First name',
    family: 'Last name',
    jobTitle: 'Job title',
    save: 'Save',
    edit: 'Edit',
    requests: 'Requests',
    overview: 'Overview',
    dashboard: 'Overview',
    add: 'Record a request',
    receivedOn: 'Received on',
    find: 'Find the person (name, email, phone)',
    record: 'Record the request',
    dueHint: 'Deadline: 30 April 2027',
    accessType: 'Access (Art. 15)',
    due: 'Due on 30 April 2027',
    identityNote: 'How the identity was verified (Art. 12(6))',
    identitySave: 'Record the identity check',
    identityDone: 'Checked on 31 March 2027: ID card seen on a video call',
    extendReason: 'Reason for the extension (the person is told within the first month)',
    extendSave: 'Extend the deadline',
    extended: 'Due on 30 June 2027 (extended; first deadline 30 April 2027)',
    act: 'Prepare the access package',
    closeSave: 'Close',
    closed: 'Closed on 31 March 2027: Fulfilled',
    clarifyQuestion: 'What was asked',
    clarifySave: 'Ask and stop the clock',
    paused: 'The clock is stopped since 31 March 2027, waiting for the clarification asked.',
    overdueCount: 'requests overdue',
    historyTitle: 'Changes by field (rectification, Art. 16)',
    historyChange: '(empty) → Architetta',
    rectificationType: 'Rectification (Art. 16)',
    type: 'Right exercised',
    back: 'All requests',
    changes: 'Changes made for this request',
    reminder: 'Answer the access request by 1 April 2027',
  },
} as const;
type Labels = (typeof ui)[keyof typeof ui];

async function openPrivacyTab(page: Page, tab: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
  await page
    .getByRole('navigation', { name: /privacy/i })
    .getByRole('link', { name: tab, exact: true })
    .click();
}

async function addPerson(page: Page, l: Labels, given: string, family: string): Promise<string> {
  await page.locator('nav.sidebar').getByRole('link', { name: l.contacts }).click();
  await page.getByRole('button', { name: l.newPerson }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(l.given, { exact: true }).fill(given);
  await dialog.getByLabel(l.family, { exact: true }).fill(family);
  await dialog.getByRole('button', { name: l.save }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
  return new URL(page.url()).hash.split('/').pop()!;
}

/** Records a request from the inbox, for `who`, received on `receivedOn` (today if not given). */
async function recordRequest(
  page: Page,
  l: Labels,
  who: string,
  options: { receivedOn?: string; type?: string } = {},
): Promise<void> {
  await openPrivacyTab(page, l.requests);
  await page.getByRole('button', { name: l.add }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: l.add }) });
  if (options.type) await form.getByLabel(l.type).selectOption({ label: options.type });
  if (options.receivedOn) await form.getByLabel(l.receivedOn).fill(options.receivedOn);
  await form.getByLabel(l.find).fill(who.split(' ')[1]!);
  await form.getByRole('button', { name: who }).click();
  await form.getByRole('button', { name: l.record }).click();
  await form.waitFor({ state: 'detached' });
}

describe('the requests inbox', () => {
  for (const lang of ['it', 'en'] as const) {
    it(`records a request with its deadline, checks identity, extends with a reason and closes it; overdue on the overview (${lang})`, async () => {
      const l = ui[lang];
      app = await startApp({ locale: l.locale, fakeClock: true });
      const { page } = app;
      // 31 March 2027: the deadline is 30 April (no 31 April), a Friday.
      await page.clock.setSystemTime(new Date('2027-03-31T10:00:00'));
      await createVaultThroughUi(page);
      const personId = await addPerson(page, l, 'Ada', 'Lovelace');

      await openPrivacyTab(page, l.requests);
      await page.getByRole('button', { name: l.add }).click();
      await page.getByTestId('new-request-due').getByText(l.dueHint).waitFor();
      if (lang === 'it') await shot(page, `privacy-requests-new-${lang}`);
      const form = page.locator('form', { has: page.getByRole('heading', { name: l.add }) });
      await form.getByLabel(l.find).fill('Lovelace');
      await form.getByRole('button', { name: 'Ada Lovelace' }).click();
      await form.getByRole('button', { name: l.record }).click();
      const row = page.getByTestId('request-row');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.getByTestId('request-due').textContent()).toBe(l.due.replace(/^\D+/, ''));

      // The request's page: the deadline, the identity check, the extension, the link to act.
      await row.getByRole('link', { name: l.accessType }).click();
      await page.getByTestId('request-deadline').getByText(l.due).waitFor();
      expect(await page.getByTestId('request-act').getAttribute('href')).toBe(`#/privacy/access/${personId}`);
      await page
        .getByLabel(l.identityNote)
        .fill(lang === 'it' ? 'Carta d’identità vista in videochiamata' : 'ID card seen on a video call');
      await page.getByRole('button', { name: l.identitySave }).click();
      await page.getByTestId('request-identity').getByText(l.identityDone).waitFor();
      // An extension needs its reason: an empty one is refused on the spot, nothing saved.
      await page.getByRole('button', { name: l.extendSave }).click();
      expect(await page.getByTestId('request-deadline').textContent()).toContain(l.due);
      await page
        .getByLabel(l.extendReason)
        .fill(lang === 'it' ? 'Dieci anni di pratiche da raccogliere' : 'Ten years of files to gather');
      await page.getByRole('button', { name: l.extendSave }).click();
      await page.getByTestId('request-deadline').getByText(l.extended).waitFor();
      expect(await screenViolations(page)).toEqual([]);
      await shot(page, `privacy-request-detail-${lang}`, true);
      await page.getByRole('button', { name: l.closeSave, exact: true }).click();
      await page.getByTestId('request-closure').getByText(l.closed).waitFor();

      // A request received on 1 March is due on 1 April; a clarification stops another one's clock.
      await recordRequest(page, l, 'Ada Lovelace', { receivedOn: '2027-03-01' });
      await recordRequest(page, l, 'Ada Lovelace');
      await expect.poll(() => row.count()).toBe(3);
      // Each open request has its reminder among the tasks, with its deadline and no name.
      await page.evaluate(() => (location.hash = '#/tasks'));
      await page.locator('main').getByText(l.reminder).first().waitFor();
      await page.goBack();
      await row.nth(1).getByRole('link').click();
      await page.getByLabel(l.clarifyQuestion).fill(lang === 'it' ? 'Quali anni?' : 'Which years?');
      await page.getByRole('button', { name: l.clarifySave }).click();
      await page.getByTestId('request-deadline').getByText(l.paused).waitFor();

      // Ten days later: the 1 March request is overdue, on the overview and in the list.
      await page.clock.setSystemTime(new Date('2027-04-10T10:00:00'));
      await openPrivacyTab(page, l.overview);
      await expect
        .poll(() => page.getByTestId('overview-requests').textContent())
        .toBe(`1 ${l.overdueCount}`);
      await shot(page, `privacy-requests-overview-${lang}`);
      // And on the dashboard, beside the tasks.
      await page.locator('nav.sidebar').getByRole('link', { name: l.dashboard, exact: true }).click();
      await expect
        .poll(() => page.getByTestId('dash-requests-overdue').locator('dd').textContent())
        .toBe('1');
      await openPrivacyTab(page, l.requests);
      await expect.poll(() => page.locator('tr.request-overdue').count()).toBe(1);
      expect(await screenViolations(page)).toEqual([]);
      await shot(page, `privacy-requests-list-${lang}`);
      if (lang === 'en') {
        // The overdue row and the badges keep their contrast in the dark theme too.
        await page.emulateMedia({ colorScheme: 'dark' });
        expect(await screenViolations(page)).toEqual([]);
        await shot(page, 'privacy-requests-list-dark-en');
      }
      expect(app.problems).toEqual([]);
    }, 240_000);
  }

  it('shows a rectification on the person page field by field, and closes the request with it (it)', async () => {
    const l = ui.it;
    app = await startApp({ locale: l.locale, fakeClock: true });
    const { page } = app;
    await page.clock.setSystemTime(new Date('2027-03-31T10:00:00'));
    await createVaultThroughUi(page);
    const personId = await addPerson(page, l, 'Bruno', 'Neri');
    await recordRequest(page, l, 'Bruno Neri', { type: l.rectificationType });

    // The correction is made on the person's page, which the request links to.
    await page.getByTestId('request-row').getByRole('link').click();
    await page.getByRole('link', { name: 'Bruno Neri' }).click();
    await page.waitForURL(`**/#/contacts/${personId}`);
    await page.getByRole('button', { name: l.edit }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(l.jobTitle, { exact: true }).fill('Architetta');
    await dialog.getByRole('button', { name: l.save }).click();
    await dialog.waitFor({ state: 'detached' });
    const history = page.getByTestId('field-history');
    await history.getByText(l.jobTitle, { exact: true }).waitFor();
    const text = await history.textContent();
    expect(text).toContain('→ Architetta');
    expect(text).toContain('Scrigno ·');
    expect(text).toContain('✓');
    await shot(page, 'privacy-rectification-history-it', true);

    // The rectification request closes with that change in its record.
    await openPrivacyTab(page, l.requests);
    await page.getByTestId('request-row').getByRole('link').click();
    await page.getByTestId('request-changes').getByText('Architetta', { exact: false }).waitFor();
    await page.getByRole('button', { name: l.closeSave, exact: true }).click();
    await page.getByTestId('request-closure').waitFor();
    expect(await page.getByTestId('request-changes').textContent()).toContain('Architetta');
    expect(app.problems).toEqual([]);
  }, 240_000);
});
