import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addPerson,
  axeViolations,
  createVaultThroughUi,
  screenshot,
  startApp,
  toastButton,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const trashRows = (page: Page) => page.getByRole('table', { name: 'Records in the trash' }).getByRole('row');

const day = 86_400_000;

/** Locks, moves the page's fake clock `days` ahead (no timers fire), and unlocks. */
async function lockAndTravel(page: Page, days: number): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + days * day);
  await unlockThroughUi(page);
}

/** Navigates inside the running app by its hash route (a page load would lock the vault). */
async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => void (window.location.hash = to), hash);
}

async function rowTexts(page: Page): Promise<string[]> {
  // The first row is the header.
  return (await trashRows(page).allInnerTexts()).slice(1).map((t) => t.replace(/\s+/g, ' ').trim());
}

describe('trash', () => {
  it('lists a trashed person, activity and task; restores one, then many with one undo', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);

    // A person with a note and a task in the timeline.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'New person' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First name').fill('Ottavia');
    await dialog.getByLabel('Last name').fill('Brambilla');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ottavia Brambilla' }).waitFor();
    const log = page.getByRole('region', { name: 'Log an activity' });
    await log.getByLabel('Kind').selectOption('note');
    await log.getByLabel('Notes').fill('Prefers email after 17:00');
    await log.getByRole('button', { name: 'Log' }).click();
    await page.locator('.timeline-entry', { hasText: 'Prefers email' }).waitFor();
    const add = page.getByRole('region', { name: 'Add a task' });
    await add.getByLabel('Title').fill('Send the spring offer');
    await add.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.timeline-entry', { hasText: 'Send the spring offer' }).waitFor();

    // Trash the note and the task from their dialogs, then the person.
    await page.getByRole('button', { name: /^Open Note/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Send the spring offer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.timeline-entry', { hasText: 'spring offer' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('In the trash', { exact: true }).waitFor();

    // The trash, from the sidebar: all three, newest first, with kind, date and age.
    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    await page.getByText('3 records', { exact: true }).waitFor();
    const rows = await rowTexts(page);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^Person Ottavia Brambilla .* in 30 days/);
    expect(rows[1]).toMatch(/^Task Send the spring offer .*Ottavia Brambilla \(in the trash\)/);
    expect(rows[2]).toMatch(/^Activity Prefers email after 17:00 .*Ottavia Brambilla \(in the trash\)/);
    await screenshot(page, 'trash-list');
    expect(await axeViolations(page)).toEqual([]);

    // Filter by kind.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Activities (1)' });
    expect(await rowTexts(page)).toEqual([expect.stringMatching(/^Activity Prefers email/)]);
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Everything (3)' });

    // Restore one: the task points to the trashed person, so the page asks; restore only the task.
    await page.getByRole('checkbox', { name: 'Select Task Send the spring offer' }).check();
    await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Restore' }).click();
    const ask = page.getByRole('dialog', { name: 'Linked records are in the trash' });
    await ask.getByText('Person: Ottavia Brambilla').waitFor();
    await screenshot(page, 'trash-linked-question');
    expect(await axeViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Restore only what I selected' }).click();
    await page
      .getByText('1 record restored from the trash. 1 linked record is still in the trash.')
      .waitFor();
    await page.getByText('2 records', { exact: true }).waitFor();
    expect((await rowTexts(page)).some((r) => r.includes('spring offer'))).toBe(false);

    // Restore many: the activity and its person together need no question; one undo puts both back.
    await page.getByRole('checkbox', { name: /^Select all/ }).check();
    await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText('2 records restored from the trash.').waitFor();
    await page.getByText('The trash is empty.').waitFor();
    await screenshot(page, 'trash-empty');
    await toastButton(page, '2 records restored', 'Undo').click();
    await page.getByText('Undone.').waitFor();
    await page.getByText('2 records', { exact: true }).waitFor();
    expect(await rowTexts(page)).toEqual([
      expect.stringMatching(/^Person Ottavia Brambilla/),
      expect.stringMatching(/^Activity Prefers email/),
    ]);

    // The restored task is live again on the tasks page.
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('link', { name: 'Send the spring offer' }).first().waitFor();
    expect(app.problems).toEqual([]);
  });

  it('reaches the trash and the settings from the palette: Go to Trash, New tag', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    const palette = page.getByRole('dialog');
    const input = palette.locator('input');

    await page.keyboard.press('Control+k');
    await input.fill('go to trash');
    await palette.getByRole('option', { name: /Go to Trash/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    await page.getByText('The trash is empty.').waitFor();

    await page.keyboard.press('Control+k');
    await input.fill('new tag');
    await palette.getByRole('option', { name: /New tag/ }).waitFor();
    await page.keyboard.press('Enter');
    // The tags tab opens with the cursor in the new tag's name.
    const name = page.getByLabel('New tag', { exact: true });
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Fornitori');
    await page.keyboard.press('Enter');
    await page.getByText('Tag “Fornitori” added.').waitFor();
    await page.getByTestId('tag-list').getByLabel('Name of tag Fornitori').waitFor();
    await screenshot(page, 'trash-palette-new-tag');
    expect(await axeViolations(page)).toEqual([]);

    // The default pipeline is made when the deals section first opens.
    await page.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    await page.keyboard.press('Control+k');
    await input.fill('new pipeline stage');
    await palette.getByRole('option', { name: /New pipeline stage/ }).waitFor();
    await page.keyboard.press('Enter');
    const stages = page.getByTestId('stage-list').getByRole('listitem');
    await expect.poll(() => stages.count()).toBeGreaterThan(1);
    const last = (await stages.count()) - 1;
    const stageName = stages.nth(last).getByRole('textbox').first();
    await expect.poll(() => stageName.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(app.problems).toEqual([]);
  });

  it('purges a person 30 days after the trash, at the next unlock: she is erased, her task with her', async () => {
    app = await startApp({ fakeClock: true });
    const { page } = app;
    await createVaultThroughUi(page);

    // Ottavia has a task; she goes to the trash now, Teresa twenty days later.
    await addPerson(page, 'Ottavia', 'Brambilla');
    const add = page.getByRole('region', { name: 'Add a task' });
    await add.getByLabel('Title').fill('Send the spring offer');
    await add.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.timeline-entry', { hasText: 'Send the spring offer' }).waitFor();
    const ottaviaPath = new URL(page.url()).hash;
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('In the trash', { exact: true }).waitFor();
    await addPerson(page, 'Teresa', 'Colombo');
    const teresaPath = new URL(page.url()).hash;

    await lockAndTravel(page, 20);
    await goTo(page, teresaPath);
    await page.getByRole('heading', { level: 1, name: 'Teresa Colombo' }).waitFor();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('In the trash', { exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await page.getByText('2 records', { exact: true }).waitFor();
    expect(await rowTexts(page)).toEqual([
      expect.stringMatching(/^Person Teresa Colombo .* in 30 days$/),
      expect.stringMatching(/^Person Ottavia Brambilla .* in 10 days$/),
    ]);
    await screenshot(page, 'trash-days-left');
    expect(await axeViolations(page)).toEqual([]);

    // 31 days after Ottavia was trashed: the unlock purges her, Teresa has 19 days left.
    await lockAndTravel(page, 11);
    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    await page.getByText('1 record', { exact: true }).waitFor();
    expect(await rowTexts(page)).toEqual([expect.stringMatching(/^Person Teresa Colombo .* in 19 days$/)]);
    await screenshot(page, 'trash-after-purge');

    // A purged person is erased: her task was about her (under her key) and went with her.
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Send the spring offer');
    expect(await page.locator('main').innerText()).not.toContain('Ottavia');
    // Her page is gone: its address leads back to the contacts list.
    await goTo(page, ottaviaPath);
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/contacts');

    // A later unlock with nothing due leaves the trash as it is.
    await lockAndTravel(page, 1);
    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await page.getByText('1 record', { exact: true }).waitFor();
    expect(app.problems).toEqual([]);
  });
});
