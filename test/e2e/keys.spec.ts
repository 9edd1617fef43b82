// The vault's keys in Settings → Security: changing the passphrase, making a new recovery key and
// rotating the master key, each only with the current passphrase, driven through the real UI.
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addPerson,
  createVaultThroughUi,
  lockNow,
  screenshot,
  screenViolations,
  startApp,
  testPassphrase,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const changed = 'Cinque lanterne rosse sul ponte vecchio 11';

async function openSecurity(session: AppSession, link = 'Settings') {
  await session.page.getByRole('link', { name: link }).click();
}

/**
 * The form refuses a wrong current passphrase with the vault's message; then the right one is
 * typed with the keyboard into the emptied field (the caller submits).
 */
async function refuseWrongThenTypeCurrent(page: Page, form: Locator, button: string, shot?: string) {
  await form.getByLabel('Current passphrase').fill('not the passphrase at all, sorry');
  await form.getByRole('button', { name: button }).click();
  await expect
    .poll(() => form.getByRole('alert').textContent(), { timeout: 60_000 })
    .toContain('Wrong passphrase');
  if (shot) await screenshot(page, shot);
  await form.getByLabel('Current passphrase').fill('');
  await form.getByLabel('Current passphrase').focus();
  await page.keyboard.type(testPassphrase);
}

describe('keys in Settings → Security', () => {
  it('changes the passphrase only with the current one, then unlocks with the new one', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Ottavia', 'Ferri');
    await openSecurity(app);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Change passphrase' }) });

    // Wrong current passphrase: refused with the vault's message, nothing changed. Then, with
    // the keyboard only: the right current passphrase, Tab to the fields, Enter submits.
    await form.getByLabel('New passphrase').fill(changed);
    await form.getByLabel('Repeat the passphrase').fill(changed);
    await refuseWrongThenTypeCurrent(page, form, 'Change passphrase', 'keys-wrong-current-en');
    await page.keyboard.press('Tab'); // show/hide toggle
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('password');
    await page.keyboard.press('Enter');
    await page.getByText('Passphrase changed').waitFor({ timeout: 60_000 });

    await lockNow(app);
    await page.locator('input[type="password"]').fill(testPassphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Wrong passphrase');
    await unlockThroughUi(page, changed);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('cell', { name: 'Ottavia Ferri', exact: true }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('makes a new recovery key; the old one is refused at unlock, the new one opens', async () => {
    app = await startApp();
    const { page } = app;
    const oldKey = await createVaultThroughUi(page);
    await addPerson(page, 'Ludovico', 'Sarti');
    await openSecurity(app);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'New recovery key' }) });
    await expect.poll(() => form.textContent()).toContain('still open with the old recovery key');

    await refuseWrongThenTypeCurrent(page, form, 'Create a new recovery key');
    await page.keyboard.press('Enter');
    const shown = form.getByTestId('new-recovery-key');
    await shown.waitFor({ timeout: 60_000 });
    const newKey = (await shown.textContent())!.trim();
    expect(newKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){6}$/);
    expect(newKey).not.toBe(oldKey);
    await screenshot(page, 'keys-new-recovery-en');
    expect(await screenViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'I have stored the new key' }).click();

    await lockNow(app);
    const useRecovery = async (key: string) => {
      await page.getByRole('button', { name: /use the recovery key/ }).click();
      await page.getByLabel('Recovery key').fill(key);
      await page.getByLabel('New passphrase').fill(changed);
      await page.getByLabel('Repeat the passphrase').fill(changed);
      await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    };
    await useRecovery(oldKey);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('This recovery key does not open this vault');
    await screenshot(page, 'keys-old-recovery-refused-en');
    await page.getByLabel('Recovery key').fill(newKey);
    await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    await page.getByRole('navigation').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('cell', { name: 'Ludovico Sarti', exact: true }).waitFor();
    // The passphrase set through the recovery key is the one from now on.
    await lockNow(app);
    await unlockThroughUi(page, changed);
    expect(app.problems).toEqual([]);
  });

  it('rotates the master key with progress; the data stays, the old recovery key is refused', async () => {
    app = await startApp();
    const { page } = app;
    const oldKey = await createVaultThroughUi(page);
    await addPerson(page, 'Beatrice', 'Conti');
    await addPerson(page, 'Arturo', 'Valli');
    await openSecurity(app);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Rotate the master key' }) });
    await expect
      .poll(() => form.textContent())
      .toContain('still open with the passphrase and the recovery key of their day');
    // Every progress line the form shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { rotationSeen: string[] }).rotationSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="rotation-progress"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    await refuseWrongThenTypeCurrent(page, form, 'Rotate the master key');
    await page.keyboard.press('Enter');
    const shown = form.getByTestId('new-recovery-key');
    await shown.waitFor({ timeout: 120_000 });
    const newKey = (await shown.textContent())!.trim();
    expect(newKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){6}$/);
    expect(newKey).not.toBe(oldKey);
    const seen = await page.evaluate(() => (window as unknown as { rotationSeen: string[] }).rotationSeen);
    expect(seen.some((line) => /Encrypting again: \d+ of \d+ records/.test(line))).toBe(true);
    await screenshot(page, 'keys-rotated-en');
    expect(await screenViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'I have stored the new key' }).click();

    // Same passphrase after the rotation, same data.
    await lockNow(app);
    await unlockThroughUi(page, testPassphrase);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('cell', { name: 'Beatrice Conti', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Arturo Valli', exact: true }).waitFor();

    // The recovery key from before the rotation no longer opens the vault; the new one does.
    await lockNow(app);
    await page.getByRole('button', { name: /use the recovery key/ }).click();
    await page.getByLabel('Recovery key').fill(oldKey);
    await page.getByLabel('New passphrase').fill(changed);
    await page.getByLabel('Repeat the passphrase').fill(changed);
    await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('This recovery key does not open this vault');
    await page.getByLabel('Recovery key').fill(newKey);
    await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    await page.getByRole('navigation').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('cell', { name: 'Beatrice Conti', exact: true }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('speaks Italian: the same forms, the refusal and the new key', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await openSecurity(app, 'Impostazioni');
    const change = page.locator('form', { has: page.getByRole('heading', { name: 'Cambia passphrase' }) });
    await change.getByLabel('Passphrase attuale').fill('non è la passphrase giusta, mi spiace');
    await change.getByLabel('Nuova passphrase').fill(changed);
    await change.getByLabel('Ripeti la passphrase').fill(changed);
    await change.getByRole('button', { name: 'Cambia passphrase' }).click();
    await expect
      .poll(() => change.getByRole('alert').textContent(), { timeout: 60_000 })
      .toContain('Passphrase errata');
    const recovery = page.locator('form', {
      has: page.getByRole('heading', { name: 'Nuova chiave di recupero' }),
    });
    await recovery.getByLabel('Passphrase attuale').fill(testPassphrase);
    await recovery.getByRole('button', { name: 'Crea una nuova chiave di recupero' }).click();
    await recovery.getByTestId('new-recovery-key').waitFor({ timeout: 60_000 });
    await change.scrollIntoViewIfNeeded();
    await screenshot(page, 'keys-security-it');
    expect(await screenViolations(page)).toEqual([]);
    await recovery.getByRole('button', { name: 'Ho conservato la nuova chiave' }).click();
    const rotate = page.locator('form', {
      has: page.getByRole('heading', { name: 'Ruota la chiave principale' }),
    });
    await expect.poll(() => rotate.textContent()).toContain('del loro momento');
    await rotate.getByLabel('Passphrase attuale').fill(testPassphrase);
    await rotate.getByRole('button', { name: 'Ruota la chiave principale' }).click();
    await rotate.getByTestId('new-recovery-key').waitFor({ timeout: 120_000 });
    await rotate.scrollIntoViewIfNeeded();
    await screenshot(page, 'keys-rotated-it');
    expect(await screenViolations(page)).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
