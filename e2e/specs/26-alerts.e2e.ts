import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ADMIN = 'Anna Kowalska'; // admin@aurora.example

/**
 * Issue 16, item 5 in the browser: a guest writes a message with an alarming word; the admin, on the
 * alerts page, sees the alert arrive live (no reload), with the badge in the navigation, and
 * acknowledges it from the keyboard, and downloads the acknowledged ones as CSV; the alert settings
 * are an Admin tab. Axe passes on both.
 */
describe('live alerts', () => {
  const browsers = useBrowsers();

  it('shows a guest’s alarming word live to the admin, who acknowledges it', async () => {
    const admin = await browsers.open('admin');
    await signIn(admin, accounts.admin);
    await nav(admin)
      .getByRole('link', { name: new RegExp(`^${s('liveAlerts.nav')}`) })
      .click();
    await admin.getByRole('heading', { name: s('liveAlerts.title'), level: 1 }).waitFor();
    expect(await axeProblems(admin, 'alerts page')).toEqual([]);

    const reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: 'Olaf Berg' });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const box = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await box.fill('Someone next door is shouting, please call the POLICE');
    await box.press('Enter');

    // live: the card comes without a reload, in plain words, with the link to the conversation
    const sentence = s('liveAlerts.kinds.alarming_word', {
      word: 'police',
      who: s('liveAlerts.fromRoom', { room: stay.room.number }),
    });
    const card = admin.locator('[data-alert-id]').filter({ hasText: sentence });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('link', { name: s('liveAlerts.openConversation') }).waitFor();
    await nav(admin)
      .getByLabel(new RegExp(s('liveAlerts.badge', { count: 0 }).replace(/\d+$/, '\\d+')))
      .waitFor();
    expect(await axeProblems(admin, 'alerts page with an alert')).toEqual([]);

    // acknowledged from the keyboard; it leaves the open list and shows who acknowledged it
    const acknowledge = card.getByRole('button', { name: s('liveAlerts.acknowledgeLabel', { what: sentence }) });
    await acknowledge.focus();
    await admin.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    // the list's filter from the keyboard too: the arrow moves from "Not acknowledged" to "Acknowledged"
    await admin.getByRole('radio', { name: s('liveAlerts.open'), exact: true }).focus();
    await admin.keyboard.press('ArrowRight');
    const done = admin.locator('[data-alert-id]').filter({ hasText: sentence });
    await done.getByText(new RegExp(`^${s('liveAlerts.ackedBy', { name: ADMIN, when: '' })}`)).waitFor();

    // the acknowledged list as CSV: the alert in plain words, with who acknowledged it
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: s('liveAlerts.downloadList') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('alerts-acknowledged.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const row = csv.split('\n').find((line) => line.includes('Olaf Berg'));
    expect(row).toContain('Alarming word,,police,');
    expect(row).toContain(`Olaf Berg,${stay.room.number},`);
    expect(row).toContain(ADMIN);

    // the guest's page never shows an alert
    expect(await phone.getByText(sentence).count()).toBe(0);

    // the settings: an Admin tab, with the word list and its suggested words
    await admin.goto('/app/admin/alerts');
    await admin.getByRole('heading', { name: s('liveAlerts.settings.title'), level: 2 }).waitFor();
    await admin.getByRole('button', { name: s('liveAlerts.settings.removeWord', { word: 'police' }) }).waitFor();
    expect(await axeProblems(admin, 'alert settings')).toEqual([]);
  });
});
