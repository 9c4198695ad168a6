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

  it("ends the guest's live session: the open guest page switches to its read-only view", async () => {
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
  });
});
