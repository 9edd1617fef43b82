import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  bulkTrashAndRestore,
  createVaultThroughUi,
  exportSelection,
  screenshot,
  screenViolations,
  startApp,
  type AppSession,
} from './harness';

let app: AppSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const column = (page: Page, stage: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${stage} `) });
const total = (page: Page, stage: string) => column(page, stage).getByTestId('stage-total').textContent();
const weighted = (page: Page, stage: string) =>
  column(page, stage).getByTestId('stage-weighted').textContent();

async function addOrganization(page: Page, name: string) {
  await page.getByRole('link', { name: 'Organizations' }).click();
  await page.getByRole('button', { name: 'New organization' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function addDeal(page: Page, title: string, value: string, organization?: string) {
  await page.getByRole('button', { name: 'New deal' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deal' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Value').fill(value);
  if (organization) await dialog.getByLabel('Organization').selectOption({ label: organization });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the pipeline board', () => {
  it('creates the default pipeline, moves a deal by mouse and keyboard with totals, undoes a move, marks won and lost', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addOrganization(page, 'Officine Adriatiche');
    await page.getByRole('link', { name: 'Deals' }).click();
    // First visit: the default pipeline, stage names in the UI language.
    for (const stage of ['Lead', 'Qualified', 'Proposal', 'Negotiation']) await column(page, stage).waitFor();

    await page.getByRole('button', { name: 'New deal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.getByLabel('Title').fill('Fornitura pannelli');
    await dialog.getByLabel('Value').fill('12 euro');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not a valid amount.').waitFor();
    expect(await dialog.getByLabel('Value').inputValue()).toBe('12 euro');
    await dialog.getByLabel('Value').fill('1,500');
    await dialog.getByLabel('Organization').selectOption({ label: 'Officine Adriatiche' });
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'deals-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.getByRole('button', { name: /Fornitura pannelli/ });
    await column(page, 'Lead')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .waitFor();
    expect(await card.textContent()).toContain('Officine Adriatiche');
    expect(await total(page, 'Lead')).toBe('Total €1,500');
    // Lead is 10% in the default pipeline.
    expect(await weighted(page, 'Lead')).toBe('Weighted €150');
    expect(await total(page, 'Qualified')).toBe('Total €0');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'deals-board');

    // Mouse: drag the card onto "Qualified".
    const from = (await card.boundingBox())!;
    const to = (await column(page, 'Qualified').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await column(page, 'Qualified')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .waitFor();
    expect(await total(page, 'Qualified')).toBe('Total €1,500');
    expect(await weighted(page, 'Qualified')).toBe('Weighted €450');
    expect(await total(page, 'Lead')).toBe('Total €0');

    // The move is a command: undo puts the card back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await column(page, 'Lead')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .waitFor();
    expect(await total(page, 'Qualified')).toBe('Total €0');

    // Keyboard: Space picks up, each right arrow jumps one stage, Space drops.
    const live = page.locator('[id^="DndLiveRegion"]');
    await card.focus();
    await page.keyboard.press('Space');
    // The pick-up announcement is followed at once by where the card is.
    await expect.poll(() => live.textContent()).toContain('over stage Lead');
    // The keyboard sensor starts listening for arrows in a timer after the pick-up: let every timer
    // already queued run first, or a loaded machine sends the arrow before anyone listens.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => live.textContent()).toContain('over stage Qualified');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => live.textContent()).toContain('over stage Proposal');
    await page.keyboard.press('Space');
    await column(page, 'Proposal')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .waitFor();
    expect(await total(page, 'Proposal')).toBe('Total €1,500');
    expect(await weighted(page, 'Proposal')).toBe('Weighted €900');
    expect(await total(page, 'Lead')).toBe('Total €0');
    await screenshot(page, 'deals-board-moved');

    // Enter opens the deal; mark it won.
    await column(page, 'Proposal')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Edit deal' });
    await edit.getByRole('button', { name: 'Mark won' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByText('Deal won').waitFor();
    expect(await total(page, 'Proposal')).toBe('Total €0');
    await page.getByLabel('Show').selectOption('won');
    await column(page, 'Proposal')
      .getByRole('button', { name: /Fornitura pannelli/ })
      .waitFor();
    expect(await weighted(page, 'Proposal')).toBe('Weighted €1,500');
    await page.getByLabel('Show').selectOption('open');

    // Lost needs a reason.
    await addDeal(page, 'Consulenza', '800');
    await column(page, 'Lead')
      .getByRole('button', { name: /Consulenza/ })
      .click();
    await edit.getByRole('button', { name: 'Mark lost' }).click();
    await edit.getByRole('button', { name: 'Mark lost' }).click();
    await edit.getByText('Say why the deal was lost.').waitFor();
    await edit.getByLabel('Why was it lost?').fill('Budget cut');
    await edit.getByRole('button', { name: 'Mark lost' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('lost');
    await column(page, 'Lead')
      .getByRole('button', { name: /Consulenza/ })
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    // Trash from the dialog, then undo from the toast.
    await column(page, 'Lead')
      .getByRole('button', { name: /Consulenza/ })
      .click();
    await edit.getByRole('button', { name: 'Move to trash' }).click();
    await edit.waitFor({ state: 'detached' });
    await column(page, 'Lead').getByText('No deals in this stage.').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await column(page, 'Lead')
      .getByRole('button', { name: /Consulenza/ })
      .waitFor();

    // The organization's page lists its deal.
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('row', { name: /Officine Adriatiche/ }).click();
    await page
      .getByRole('region', { name: 'Deals' })
      .getByRole('link', { name: 'Fornitura pannelli' })
      .waitFor();
    expect(app.problems).toEqual([]);
  });

  it('speaks Italian: stage names, euro amounts and totals in the Italian format', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Trattative' }).click();
    await column(page, 'Contatto').waitFor();
    await page.getByRole('button', { name: 'Nuova trattativa' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Titolo').fill('Impianto');
    await dialog.getByLabel('Valore').fill('12.500,50');
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => total(page, 'Contatto')).toBe('Totale 12.500,50\u00a0€');
    await screenshot(page, 'deals-board-it');
  });

  it('lists deals: switch, sort, saved view, bulk tag, export, trash with undo, trash view and restore', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-deals-'));
    const folder = dir;
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    const shown = () => page.locator('.toolbar .count').textContent();
    await createVaultThroughUi(page);
    await addOrganization(page, 'Officine Adriatiche');
    await page.getByRole('link', { name: 'Deals' }).click();
    await column(page, 'Lead').waitFor();
    await addDeal(page, 'Fornitura pannelli', '1,500', 'Officine Adriatiche');
    await addDeal(page, 'Consulenza', '800');
    await addDeal(page, 'Impianto solare', '12,000');

    // The switch is a pair of toggle buttons; the choice survives leaving the section.
    const layout = page.getByRole('group', { name: 'Layout' });
    await layout.getByRole('button', { name: 'List' }).click();
    expect(await layout.getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    const table = page.getByRole('table', { name: 'Deals' });
    await expect.poll(shown).toBe('3 records');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('link', { name: 'Deals' }).click();
    await expect.poll(shown).toBe('3 records');
    expect(await page.getByRole('row', { name: /Fornitura pannelli/ }).textContent()).toContain('€1,500');
    expect(await page.getByRole('row', { name: /Fornitura pannelli/ }).textContent()).toContain(
      'Officine Adriatiche',
    );

    // Sort by value: by amount, not by the formatted text.
    const titles = async () =>
      (await table.getByRole('row').allInnerTexts()).slice(1).map((text) => text.split('\n')[0]!.trim());
    await table.getByRole('button', { name: /^Value/ }).click();
    await expect.poll(titles).toEqual(['Consulenza', 'Fornitura pannelli', 'Impianto solare']);
    await table.getByRole('button', { name: /^Value/ }).click();
    await expect.poll(titles).toEqual(['Impianto solare', 'Fornitura pannelli', 'Consulenza']);

    // Saved view: filter, sort and status come back.
    await page.getByRole('searchbox', { name: 'Filter' }).fill('pann');
    await expect.poll(shown).toBe('1 record');
    await page.getByRole('button', { name: 'Save view' }).click();
    const naming = page.getByRole('dialog', { name: 'Save view' });
    await naming.getByLabel('Name of this view').fill('Pannelli');
    await naming.getByRole('button', { name: 'Save' }).click();
    await page.getByText('View “Pannelli” saved.').waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await table.getByRole('button', { name: /^Title/ }).click();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('won');
    await expect.poll(shown).toBe('0 records');
    await page.getByLabel('View').selectOption({ label: 'Pannelli' });
    await expect.poll(shown).toBe('1 record');
    expect(await page.getByRole('searchbox', { name: 'Filter' }).inputValue()).toBe('pann');
    expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('all');
    expect(await table.getByRole('columnheader', { name: /^Value/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await expect.poll(shown).toBe('3 records');

    // Bulk tag, shown in the Tags column once chosen.
    await page.getByRole('checkbox', { name: 'Select Fornitura pannelli' }).check();
    await page.getByRole('checkbox', { name: 'Select Consulenza' }).check();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('textbox', { name: 'Tag name' }).fill('Caldo');
    await bar.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Tag “Caldo” added to 2 records.').waitFor();
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tags' }).check();
    await page.keyboard.press('Escape');
    await table.getByRole('columnheader', { name: 'Tags' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Consulenza/ }).textContent()).toContain('Caldo');
    expect(await page.getByRole('row', { name: /Impianto solare/ }).textContent()).not.toContain('Caldo');

    // Export of the selection.
    await exportSelection(page, folder, 'deals', ['Fornitura pannelli', 'Consulenza'], 'Impianto solare');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'deals-list');

    // Bulk trash is one command with one Undo; the trash view restores.
    await bulkTrashAndRestore(page, shown, 'Fornitura pannelli', 'Consulenza', 'deals-list-trash');

    // A row opens the deal; the board is still there.
    await page.getByRole('row', { name: /Impianto solare/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit deal' });
    expect(await edit.getByLabel('Title').inputValue()).toBe('Impianto solare');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });
    await layout.getByRole('button', { name: 'Board' }).click();
    await column(page, 'Lead')
      .getByRole('button', { name: /Consulenza/ })
      .waitFor();
    expect(app.problems).toEqual([]);
  });
});
