import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addPerson,
  axeViolations,
  bulkTrashAndRestore,
  createVaultThroughUi,
  exportSelection,
  hostCallOf,
  screenshot,
  screenViolations,
  startApp,
  toastButton,
  unlockThroughUi,
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

/** The page's local date (or datetime-local value) shifted by `minutes`, as the app computes it. */
function localValue(page: Page, minutes: number, withTime: boolean): Promise<string> {
  return page.evaluate(
    ([m, t]) => {
      const d = new Date(Date.now() + m * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
      return t ? `${date}T${p(d.getHours())}:${p(d.getMinutes())}` : date;
    },
    [minutes, withTime] as const,
  );
}

const entryTexts = (page: Page) => page.locator('.timeline .timeline-entry').allInnerTexts();

describe('activities, the timeline, tasks and reminders', () => {
  it('logs a call and a note on a person and shows them in the timeline, newest first; edits, trashes and undoes', async () => {
    app = await startApp({ fakeClock: true });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Ottavia', 'Brambilla');

    const log = page.getByRole('region', { name: 'Log an activity' });
    await log.getByLabel('Kind').selectOption('call');
    await log.getByLabel('Duration (minutes)').fill('10');
    await log.getByLabel('Notes').fill('Asked about the spring catalogue');
    await log.getByRole('button', { name: 'Log' }).click();
    await page.locator('.timeline-entry', { hasText: 'spring catalogue' }).waitFor();

    await page.clock.fastForward('05:00');
    await log.getByLabel('Kind').selectOption('note');
    await log.getByLabel('Notes').fill('Prefers email after 17:00');
    await log.getByRole('button', { name: 'Log' }).click();
    await page.locator('.timeline-entry', { hasText: 'Prefers email' }).waitFor();

    const add = page.getByRole('region', { name: 'Add a task' });
    await add.getByLabel('Title').fill('Send the spring offer');
    await add.getByLabel('Due date').fill(await localValue(page, 3 * 24 * 60, false));
    await add.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.timeline-entry', { hasText: 'Send the spring offer' }).waitFor();

    // The task is due in three days, so it leads; then the note, the call, and the record's creation.
    const texts = await entryTexts(page);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('Send the spring offer');
    expect(texts[1]).toMatch(/Note[\s\S]*Prefers email/);
    expect(texts[2]).toMatch(/Call[\s\S]*10 minutes[\s\S]*spring catalogue/);
    expect(texts[3]).toContain('Record created');
    await screenshot(page, 'tasks-person-timeline');
    expect(await axeViolations(page)).toEqual([]);

    // Edit the call: a dialog with every field; saving updates the timeline in place.
    await page.getByRole('button', { name: /^Open Call/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit activity' });
    await dialog.getByLabel('Duration (minutes)').fill('25');
    await dialog.getByLabel('Subject').fill('Spring catalogue');
    await screenshot(page, 'tasks-activity-dialog');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.locator('.timeline-entry', { hasText: '25 minutes' }).waitFor();

    // Trash the note, then undo from the toast: it comes back.
    await page.getByRole('button', { name: /^Open Note/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect
      .poll(async () => (await entryTexts(page)).some((t) => t.includes('Prefers email')))
      .toBe(false);
    await toastButton(page, 'Moved to the trash', 'Undo').click();
    await expect
      .poll(async () => (await entryTexts(page)).some((t) => t.includes('Prefers email')))
      .toBe(true);
    expect(app.problems).toEqual([]);
  });

  it('groups tasks as overdue, today and no date; completes one and undoes it; fires a passed reminder once after unlock', async () => {
    app = await startApp({ fakeClock: true });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Tasks' }).click();

    const create = async (title: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await page.getByRole('button', { name: 'New task' }).click();
      const dialog = page.getByRole('dialog', { name: 'New task' });
      await dialog.getByLabel('Title').fill(title);
      await fill(dialog);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('link', { name: title }).waitFor();
    };
    const today = await localValue(page, 0, false);
    await create('Call the accountant', async (d) => {
      await d.getByLabel('Due date').fill(today);
      await d.getByLabel('Priority').selectOption('high');
    });
    await create('Renew the domain', (d) =>
      d.getByLabel('Due date').fill(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`),
    );
    await create('Plan next year', async () => undefined);

    const group = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
    expect(await group('Overdue').getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Renew the domain'),
    ]);
    expect(await group('Today').getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Call the accountant'),
    ]);
    expect(await group('No date').getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Plan next year'),
    ]);
    await screenshot(page, 'tasks-groups');
    expect(await axeViolations(page)).toEqual([]);

    // Complete with the checkbox: the task moves to Done; Undo in the toast brings it back.
    await page.getByRole('checkbox', { name: 'Done: Call the accountant' }).check();
    await group('Done').getByText('Call the accountant').waitFor();
    expect(await group('Today').count()).toBe(0);
    await screenshot(page, 'tasks-completed');
    await toastButton(page, 'Task completed.', 'Undo').click();
    await group('Today').getByText('Call the accountant').waitFor();
    expect(await group('Done').count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Done: Call the accountant' }).isChecked()).toBe(false);

    // A reminder ten minutes ahead passes while the vault is locked and fires at unlock, once.
    await create('Ring Giulia back', async (d) => {
      await d.getByLabel('Reminder').selectOption('custom');
      await d.getByLabel('Remind at').fill(await localValue(page, 10, true));
    });
    await screenshot(page, 'tasks-with-reminder');
    const hostCalls: unknown[] = [];
    page.on('request', (r) => {
      const call = hostCallOf(r);
      if (call?.channel === 'notification:reminders') hostCalls.push(call);
    });
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    await page.clock.fastForward('20:00');
    expect(await page.locator('[data-sonner-toast]', { hasText: 'Reminder:' }).count()).toBe(0);
    await unlockThroughUi(page);
    const reminder = page.locator('[data-sonner-toast]', { hasText: 'Reminder: Ring Giulia back' });
    await reminder.waitFor();
    await screenshot(page, 'tasks-reminder-toast');
    await expect.poll(() => hostCalls.length).toBe(1);
    // The system notification gets a count and a language: never the title.
    expect(hostCalls[0]).toEqual({ channel: 'notification:reminders', input: { count: 1, language: 'en' } });
    // The toast names someone: it stays a few seconds, and goes the moment the vault locks.
    await page.clock.fastForward('00:05');
    expect(await reminder.count()).toBe(1);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    // One more second (six of the toast's ten): enough for the exit animation, not for its own end.
    await page.clock.fastForward('00:01');
    await expect.poll(() => page.locator('[data-sonner-toast]', { hasText: 'Reminder:' }).count()).toBe(0);
    await unlockThroughUi(page);
    await page.clock.fastForward('01:30');
    expect(await reminder.count()).toBe(0);
    expect(hostCalls).toHaveLength(1);
    // Left alone, a reminder toast goes by itself after a few seconds.
    await create('Write to Marco', async (d) => {
      await d.getByLabel('Reminder').selectOption('custom');
      await d.getByLabel('Remind at').fill(await localValue(page, 2, true));
    });
    await page.clock.fastForward('03:00');
    const second = page.locator('[data-sonner-toast]', { hasText: 'Reminder: Write to Marco' });
    await second.waitFor();
    await page.clock.fastForward('00:20');
    await expect.poll(() => second.count()).toBe(0);
    expect(app.problems).toEqual([]);
  });

  it('speaks Italian: groups, dialog and dates follow the UI language', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Compiti' }).click();
    await page.getByRole('button', { name: 'Nuovo compito' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuovo compito' });
    await dialog.getByLabel('Titolo').fill('Preparare il preventivo');
    await dialog.getByLabel('Scadenza').fill(await localValue(page, 0, false));
    await dialog.getByLabel('Ora (facoltativa)').fill('15:30');
    await dialog.getByLabel('Promemoria').selectOption('1h');
    await screenshot(page, 'tasks-dialog-it');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Salva' }).click();
    const today = page.getByRole('region', { name: /^Oggi/ });
    await today.getByText('Preparare il preventivo').waitFor();
    expect(await today.getByRole('listitem').innerText()).toMatch(/Promemoria \d{2}\/\d{2}\/\d{2}, 14:30/);
    await screenshot(page, 'tasks-groups-it');
    expect(app.problems).toEqual([]);
  });

  it('lists tasks: switch, sort, saved view, bulk done, export, trash with undo, trash view and restore', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-tasks-'));
    const folder = dir;
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    const shown = () => page.locator('.toolbar .count').textContent();
    await createVaultThroughUi(page);
    // One task about a person, from the person's page.
    await addPerson(page, 'Giulia', 'Bianchi');
    const add = page.getByRole('region', { name: 'Add a task' });
    await add.getByLabel('Title').fill('Send the spring offer');
    await add.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.timeline-entry', { hasText: 'Send the spring offer' }).waitFor();

    await page.getByRole('link', { name: 'Tasks' }).click();
    const create = async (title: string, dueDate: string, priority = 'normal') => {
      await page.getByRole('button', { name: 'New task' }).click();
      const dialog = page.getByRole('dialog', { name: 'New task' });
      await dialog.getByLabel('Title').fill(title);
      if (dueDate) await dialog.getByLabel('Due date').fill(dueDate);
      await dialog.getByLabel('Priority').selectOption(priority);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('link', { name: title }).waitFor();
    };
    const today = await localValue(page, 0, false);
    await create('Call the accountant', today, 'high');
    await create('Renew the domain', `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, 'low');

    const layout = page.getByRole('group', { name: 'Layout' });
    await layout.getByRole('button', { name: 'List' }).click();
    expect(await layout.getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(shown).toBe('3 records');
    const table = page.getByRole('table', { name: 'Tasks' });
    expect(await page.getByRole('row', { name: /Send the spring offer/ }).textContent()).toContain(
      'Giulia Bianchi',
    );

    // Sorted by due date (undated last), then by priority.
    const titles = async () =>
      (await table.getByRole('row').allInnerTexts()).slice(1).map((text) => text.split('\n')[0]!.trim());
    await expect.poll(titles).toEqual(['Renew the domain', 'Call the accountant', 'Send the spring offer']);
    await table.getByRole('button', { name: /^Priority/ }).click();
    await expect.poll(titles).toEqual(['Renew the domain', 'Send the spring offer', 'Call the accountant']);
    await table.getByRole('button', { name: /^Priority/ }).click();
    await expect.poll(titles).toEqual(['Call the accountant', 'Send the spring offer', 'Renew the domain']);

    // Saved view: filter, sort and hidden columns come back.
    await page.getByRole('searchbox', { name: 'Filter' }).fill('domain');
    await expect.poll(shown).toBe('1 record');
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'About' }).uncheck();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save view' }).click();
    const naming = page.getByRole('dialog', { name: 'Save view' });
    await naming.getByLabel('Name of this view').fill('Domain');
    await naming.getByRole('button', { name: 'Save' }).click();
    await page.getByText('View “Domain” saved.').waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await table.getByRole('button', { name: /^Title/ }).click();
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'About' }).check();
    await page.keyboard.press('Escape');
    await expect.poll(shown).toBe('3 records');
    await page.getByLabel('View').selectOption({ label: 'Domain' });
    await expect.poll(shown).toBe('1 record');
    expect(await page.getByRole('searchbox', { name: 'Filter' }).inputValue()).toBe('domain');
    expect(await table.getByRole('columnheader', { name: 'About' }).count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: /^Priority/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await expect.poll(shown).toBe('3 records');
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'About' }).check();
    await page.keyboard.press('Escape');

    // Bulk done: one command.
    const bar = page.getByRole('region', { name: 'Selection' });
    await page.getByRole('checkbox', { name: 'Select Call the accountant' }).check();
    await page.getByRole('checkbox', { name: 'Select Send the spring offer' }).check();
    await bar.getByText('2 selected').waitFor();
    // Tasks carry no tags: no tag field in their bar.
    expect(await bar.getByRole('textbox', { name: 'Tag name' }).count()).toBe(0);
    await bar.getByRole('button', { name: 'Mark done' }).click();
    await page.getByText('2 tasks marked done.').waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: /Call the accountant/ }).textContent())
      .toContain('Yes');
    expect(await page.getByRole('row', { name: /Renew the domain/ }).textContent()).toContain('No');

    // Export of a selection.
    await page.getByRole('checkbox', { name: 'Select Call the accountant' }).check();
    await page.getByRole('checkbox', { name: 'Select Renew the domain' }).check();
    await exportSelection(
      page,
      folder,
      'tasks',
      ['Call the accountant', 'Renew the domain'],
      'Send the spring offer',
    );
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'tasks-list');

    // Bulk trash is one command with one Undo; the trash view restores.
    await bulkTrashAndRestore(page, shown, 'Call the accountant', 'Renew the domain', 'tasks-list-trash');

    // A row opens the task; the groups show the same state.
    await page.getByRole('row', { name: /Renew the domain/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit task' });
    expect(await edit.getByLabel('Title').inputValue()).toBe('Renew the domain');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });
    await layout.getByRole('button', { name: 'Groups' }).click();
    const group = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
    await group('Overdue').getByText('Renew the domain').waitFor();
    await group('Done').getByText('Send the spring offer').waitFor();
    expect(await page.getByText('Call the accountant').count()).toBe(0);
    expect(app.problems).toEqual([]);
  });
});
