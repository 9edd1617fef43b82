import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createVaultThroughUi, screenshot, screenViolations, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openSettingsTab(page: Page, tab: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tab', { name: tab, selected: true }).waitFor();
}

async function addPerson(page: Page, given: string, family: string) {
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  return dialog;
}

/** Runs a command from the palette by its label. */
async function fromPalette(page: Page, label: string) {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog');
  await palette.locator('input').fill(label.toLowerCase());
  await palette.getByRole('option', { name: label }).waitFor();
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
}

/** The accessible name of the focused element (its label, aria-label or text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim();
  });

describe('CRM settings', () => {
  it('defines custom fields, edits their values on people, and manages tags', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);

    // Two person fields: a number and a choice; a choice field without choices is refused.
    await openSettingsTab(page, 'Custom fields');
    await page.getByLabel('Field name').fill('Shoe size');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Number' });
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByTestId('custom-field-list').getByText('Shoe size').waitFor();
    await page.getByLabel('Field name').fill('Channel');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Choice' });
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByText('Required.').waitFor();
    await page.getByLabel('Choices').fill('Trade fair\nWebsite');
    await page.getByLabel('Holds personal data').uncheck();
    await page.getByRole('button', { name: 'Add field' }).click();
    const list = page.getByTestId('custom-field-list');
    await list.getByText('Trade fair, Website').waitFor();
    // Reorder: Channel first, then rename it.
    await page.getByRole('button', { name: 'Move Channel up' }).click();
    await expect
      .poll(() => list.locator('.settings-crm-name').allTextContents())
      .toEqual(['Channel', 'Shoe size']);
    await list.getByRole('button', { name: 'Rename' }).first().click();
    await page.getByLabel('New name of Channel').fill('Lead channel');
    await list.getByRole('button', { name: 'Save' }).click();
    await list.getByText('Lead channel').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-custom-fields');

    // The person dialog shows one input per field; a bad number is refused beside its field.
    const dialog = await addPerson(page, 'Marta', 'Collodi');
    const size = dialog.getByLabel('Shoe size');
    await size.fill('trentanove');
    await dialog.getByLabel('Lead channel').selectOption({ label: 'Website' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not a valid value.').waitFor();
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-custom-fields-dialog');
    await size.fill('38,5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marta Collodi' }).waitFor();
    const values = page.getByTestId('custom-field-value');
    await expect.poll(() => values.allTextContents()).toEqual(['Lead channelWebsite', 'Shoe size38.5']);

    // Trashing a field hides it (its values stay); undo brings it back.
    await openSettingsTab(page, 'Custom fields');
    await page.getByRole('button', { name: 'Move to trash: Shoe size' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await list.getByText('Shoe size').waitFor();

    // Tags: made by the bulk action on the contacts list, managed in settings, shown as chips.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('checkbox', { name: 'Select Marta Collodi' }).check();
    await page.getByRole('textbox', { name: 'Tag name' }).fill('fiera');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await openSettingsTab(page, 'Tags');
    const tags = page.getByTestId('tag-list');
    await tags.getByText('on 1 record').waitFor();
    await page.getByLabel('Name of tag fiera').fill('Fiera Milano');
    await tags.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Colour of tag Fiera Milano').selectOption({ label: 'Green' });
    await expect.poll(() => tags.locator('.settings-crm-color-green').count()).toBe(1);
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-tags');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row', { name: /Marta Collodi/ }).click();
    await page.getByTestId('tag-chips').getByText('Fiera Milano').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-person-tags-fields');
  });

  it('edits the pipeline in one undoable command and moves deals off a removed stage', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    // Opening Deals creates the default pipeline; one deal goes into its first stage.
    await page.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('button', { name: 'New deal' }).first().click();
    const dealDialog = page.getByRole('dialog');
    await dealDialog.getByLabel('Title').fill('Fornitura ricambi');
    await dealDialog.getByRole('button', { name: 'Save' }).click();
    await dealDialog.waitFor({ state: 'detached' });

    await openSettingsTab(page, 'Pipeline');
    const stages = page.getByTestId('stage-list');
    await stages.getByText('1 deal').waitFor();
    await page.getByLabel('Pipeline name').fill('Vendite Italia');
    await page.getByLabel('Probability of stage 2 (%)').fill('130');
    await page.getByRole('button', { name: 'Add stage' }).click();
    await page.getByLabel('Name of stage 5').fill('Contratto');
    await page.getByLabel('Probability of stage 5 (%)').fill('95');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('A probability is between 0 and 100.').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await page.getByLabel('Probability of stage 2 (%)').fill('35');

    // Removing the stage with the deal asks where it goes.
    await page.getByRole('button', { name: 'Remove stage 1' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByText('This stage has 1 deal.').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-pipeline-remove');
    await ask.getByLabel('Move to').selectOption({ label: 'Contratto' });
    await ask.getByRole('button', { name: 'Remove stage' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Pipeline saved').waitFor();
    await expect.poll(() => page.getByLabel('Name of stage 4').inputValue()).toBe('Contratto');
    expect(await stages.locator('li').last().textContent()).toContain('1 deal');
    await screenshot(page, 'settings-pipeline');

    // One command: undo restores the name, the four stages and the deal's stage together.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Pipeline name').inputValue()).not.toBe('Vendite Italia');
    expect(await stages.locator('li').count()).toBe(4);
    expect(await stages.locator('li').first().textContent()).toContain('1 deal');
  });

  it('shows the timeline and quick-add forms on an organization', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Cantieri Lariani');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cantieri Lariani' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    await page.locator('#quick-add-activity-title').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'settings-organization-timeline');
  });

  it('reaches every settings change from the palette, with the cursor where it is made', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);

    // Tags: with none yet, renaming lands in the new tag's name; then on the first tag.
    await fromPalette(page, 'Rename a tag');
    await page.getByRole('tab', { name: 'Tags', selected: true }).waitFor();
    await expect.poll(() => focused(page)).toBe('New tag');
    for (const name of ['Fornitori', 'Clienti']) {
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page.getByTestId('tag-list').getByLabel(`Name of tag ${name}`).waitFor();
    }
    await fromPalette(page, 'Rename a tag');
    await expect.poll(() => focused(page)).toBe('Name of tag Clienti');
    await page.keyboard.press('End');
    await page.keyboard.type(' VIP');
    await page.keyboard.press('Enter');
    await page.getByTestId('tag-list').getByLabel('Name of tag Clienti VIP').waitFor();
    await fromPalette(page, 'Delete a tag');
    await expect.poll(() => focused(page)).toBe('Move to trash: Clienti VIP');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tag-list').getByRole('listitem').count()).toBe(1);

    // Custom fields: the same, with the rename, reorder and delete buttons of the first field.
    await fromPalette(page, 'Rename a custom field');
    await page.getByRole('tab', { name: 'Custom fields', selected: true }).waitFor();
    await expect.poll(() => focused(page)).toBe('Field name');
    for (const name of ['Shoe size', 'Channel']) {
      await page.getByLabel('Field name').fill(name);
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByTestId('custom-field-list').getByText(name).waitFor();
    }
    await fromPalette(page, 'Rename a custom field');
    await expect.poll(() => focused(page)).toBe('Rename');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('New name of Shoe size');
    await page.getByTestId('custom-field-list').getByRole('button', { name: 'Cancel' }).click();
    await fromPalette(page, 'Reorder the custom fields');
    await expect.poll(() => focused(page)).toBe('Move Shoe size down');
    await page.keyboard.press('Enter');
    await page.getByText('Order changed').waitFor();
    await expect
      .poll(() => page.getByTestId('custom-field-list').getByRole('listitem').first().textContent())
      .toContain('Channel');
    await fromPalette(page, 'Delete a custom field');
    await expect.poll(() => focused(page)).toBe('Move to trash: Channel');

    // Pipeline stages: the first stage's name, its move-down and its remove button.
    await page.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    await fromPalette(page, 'Rename a pipeline stage');
    await page.getByRole('tab', { name: 'Pipeline', selected: true }).waitFor();
    await expect.poll(() => focused(page)).toBe('Name of stage 1');
    await fromPalette(page, 'Reorder the pipeline stages');
    await expect.poll(() => focused(page)).toMatch(/^Move .+ down$/);
    await fromPalette(page, 'Remove a pipeline stage');
    await expect.poll(() => focused(page)).toBe('Remove stage 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('stage-list').getByRole('listitem').count()).toBe(3);
    expect(app.problems).toEqual([]);
  });
});
