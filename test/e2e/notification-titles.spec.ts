// The opt-in for task titles in system notifications: off on a new vault, remembered once on.
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  createVaultThroughUi,
  screenshot,
  startApp,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('task titles in system notifications', () => {
  it('are off until the user turns them on in Settings, and stay on after a restart', async () => {
    app = await startApp({ locale: 'en-GB' });
    await createVaultThroughUi(app.page);
    await app.page.getByRole('link', { name: 'Settings', exact: true }).click();
    const box = app.page.getByRole('checkbox', { name: 'Show the task title in system notifications' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await box.scrollIntoViewIfNeeded();
    expect(await axeViolations(app.page)).toEqual([]);
    await screenshot(app.page, 'notification-titles-en');
    app = await app.restart();
    await unlockThroughUi(app.page);
    await app.page.getByRole('link', { name: 'Settings', exact: true }).click();
    expect(
      await app.page
        .getByRole('checkbox', { name: 'Show the task title in system notifications' })
        .isChecked(),
    ).toBe(true);
  });

  it('are offered in Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    await createVaultThroughUi(app.page);
    await app.page.getByRole('link', { name: 'Impostazioni', exact: true }).click();
    const box = app.page.getByRole('checkbox', {
      name: 'Mostra il titolo del compito nelle notifiche di sistema',
    });
    expect(await box.isChecked()).toBe(false);
    await box.scrollIntoViewIfNeeded();
    await screenshot(app.page, 'notification-titles-it');
  });
});
