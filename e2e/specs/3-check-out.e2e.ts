import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ROOM = '113';
const GUEST = 'Greta Holm';

/**
 * Issue 5, spec 3: when the receptionist checks a guest out, the guest's live chat ends at once:
 * the open page turns into the read-only view (history kept, no composer) without a reload.
 */
describe('check-out', () => {
  const browsers = useBrowsers();

  it("ends the guest's live session: the open guest page turns read-only, the card's code opens nothing new, and reception ends the grace", async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST }, ROOM);
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill('Could you order a taxi for 6 am?');
    await composer.press('Enter');
    await sentByGuest(phone, 'Could you order a taxi for 6 am?').waitFor();

    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.stays') })
      .click();
    const row = desk.getByRole('row').filter({ hasText: GUEST });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(ROOM);
    await row.getByRole('button', { name: s('stays.checkOutNow'), exact: true }).click();
    const confirm = desk.getByRole('dialog', { name: s('stays.checkOutTitle', { room: ROOM }) });
    await confirm.getByRole('button', { name: s('stays.checkOutConfirm') }).click();
    await desk.getByText(s('stays.checkedOut', { room: ROOM })).waitFor();

    // the guest's page, untouched since: read-only, with the history still there
    await phone.getByRole('heading', { name: g('readOnly.title') }).waitFor();
    await phone.getByText(g('readOnly.body')).waitFor();
    await expect(composer.count()).resolves.toBe(0);
    await sentByGuest(phone, 'Could you order a taxi for 6 am?').waitFor();

    // and it stays that way after a reload: the session is read-only on the server too
    await phone.reload();
    await phone.getByRole('heading', { name: g('readOnly.title') }).waitFor();
    await expect(composer.count()).resolves.toBe(0);
    await sentByGuest(phone, 'Could you order a taxi for 6 am?').waitFor();

    // the welcome card's QR signs nobody in any more: a new phone is told the stay has ended…
    const next = await browsers.open('next guest', PHONE);
    await next.goto(pathOf(access.url));
    const refused = next.getByRole('alert');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(g('entry.endedOn', { date: '@' }).split('@')[1]);
    // …while the phone that was signed in keeps its read-only view, even when it scans the card again
    await phone.goto(pathOf(access.url));
    await phone.getByRole('heading', { name: g('readOnly.title') }).waitFor();

    // reception ends that grace period too: the phone is signed out at once
    await desk.getByText(s('stays.filters.ended_today'), { exact: true }).click();
    const ended = desk.getByRole('row').filter({ hasText: GUEST });
    await ended.getByRole('button', { name: s('stays.endAccess'), exact: true }).click();
    const endDialog = desk.getByRole('dialog', { name: s('stays.endAccessTitle', { room: ROOM }) });
    await endDialog.getByRole('button', { name: s('stays.endAccessConfirm') }).click();
    await desk.getByText(s('stays.accessEnded', { room: ROOM })).waitFor();
    await phone.getByText(g('entry.previousEnded')).waitFor();
    await expect(phone.getByText('Could you order a taxi for 6 am?').count()).resolves.toBe(0);
  });
});
