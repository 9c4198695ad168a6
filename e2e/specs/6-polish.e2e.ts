import type { Stay } from '@frontdesk/protocol';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ORG = 'Ryokan Kiso';
const SLUG = 'ryokan-kiso';
const ZONE = 'Asia/Tokyo';
const ADMIN = 'Aiko Mori';
const ADMIN_EMAIL = 'aiko@kiso.example';
const ADMIN_PASSWORD = 'cedar-valley-2026';
/** What the app writes for the hotel's zone in English (Tokyo keeps no daylight saving time). */
const ZONE_LABEL = 'Asia/Tokyo (GMT+9)';

/** "09:05 PM" and "09:05 PM" (narrow no-break space) are the same time on screen. */
const spaces = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** Whether two boxes on screen share any pixel. */
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
type Box = { x: number; y: number; width: number; height: number };
async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/**
 * Issue 9, point 9: what a new user trying the app stumbled on. A hotel on Tokyo time (the browsers
 * are on Warsaw and New York time), its admin at the desk, guests on phones:
 * - the "New request" toast never covers the conversation header's Take / Resolve;
 * - staff pages and the guest's page each say which clock their times are on, the guest's being
 *   the hotel's, not the phone's;
 * - a 5,000-character paste on a phone is kept whole, with Send disabled and the reason shown;
 * - a too-short code says what is wrong with it;
 * - when every seat is taken, "Add staff member" is disabled before any form opens.
 */
describe('a new user’s rough edges, smoothed', () => {
  const browsers = useBrowsers();
  let owner: StaffApi;
  let orgId = '';
  const stays: Stay[] = [];
  let desk: Page;

  beforeAll(async () => {
    owner = await StaffApi.signIn(accounts.owner);
    const created = await owner.request<{
      organization: { id: string; timezone: string };
      invite: { setPasswordUrl: string };
    }>('POST', '/api/v1/platform/organizations', {
      name: ORG,
      slug: SLUG,
      timezone: ZONE,
      admin: { name: ADMIN, email: ADMIN_EMAIL },
    });
    orgId = created.organization.id;
    expect(created.organization.timezone).toBe(ZONE);
    const token = new URL(created.invite.setPasswordUrl).searchParams.get('token');
    const set = await fetch(`${owner.baseUrl}/api/v1/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: ADMIN_PASSWORD }),
    });
    expect(set.status).toBeLessThan(300);
    const admin = await StaffApi.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const number of ['201', '202', '203']) await admin.request('POST', '/api/v1/rooms', { number });
    for (const [name, number] of [
      ['Kenji Sato', '201'],
      ['Mia Keller', '202'],
      ['Noah Price', '203'],
    ] as const) {
      stays.push(await admin.checkIn({ name }, number));
    }
  });

  const guestLink = (i: number) => stays[i]?.guests[0]?.url ?? '';

  it('staff pages say they are on the hotel’s clock, whatever the computer’s zone', async () => {
    desk = await browsers.open('admin at the desk');
    await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    await desk
      .getByRole('banner')
      .getByText(s('clock.times', { zone: ZONE_LABEL }), { exact: true })
      .waitFor();
  });

  it('the guest’s page is on the hotel’s clock and names it, not on the phone’s', async () => {
    // a guest whose phone is still on New York time
    const phone = await browsers.open('guest from New York', { ...PHONE, timezoneId: 'America/New_York' });
    await phone.goto(guestLink(0));
    await phone.getByText(g('chat.hotelTime', { zone: ZONE_LABEL }), { exact: true }).waitFor();
    await phone.getByRole('textbox', { name: g('chat.composerLabel') }).fill('What time is breakfast?');
    await phone.getByRole('button', { name: g('chat.send') }).click();
    const time = sentByGuest(phone, 'What time is breakfast?').locator('time');
    const at = (await time.getAttribute('datetime')) ?? '';
    const clock = (timeZone: string) =>
      spaces(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at)));
    expect(spaces(await time.innerText())).toBe(clock(ZONE));
    expect(clock(ZONE)).not.toBe(clock('America/New_York'));
  });

  it('the "New request" toast leaves Take and Resolve uncovered and clickable', async () => {
    // the desk opens the first guest's request: Take and Resolve are in the conversation header
    const card = desk.getByRole('button').filter({ hasText: 'What time is breakfast?' });
    await card.click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: 'Kenji Sato' }) });
    const take = pane.getByRole('button', { name: s('inbox.take') });
    const resolve = pane.getByRole('button', { name: s('inbox.resolve') });
    await take.waitFor();

    // another guest writes: the desk gets a toast
    const second = await browsers.open('second guest', PHONE);
    await second.goto(guestLink(1));
    await second.getByRole('textbox', { name: g('chat.composerLabel') }).fill('Could we have an extra futon?');
    await second.getByRole('button', { name: g('chat.send') }).click();
    const toast = desk
      .getByRole('alert')
      .filter({ hasText: `${s('alerts.newRequest')} · ${s('alerts.fromRoom', { room: '202' })}` });
    await toast.waitFor();

    const toastBox = await box(toast);
    expect(overlap(toastBox, await box(take))).toBe(false);
    expect(overlap(toastBox, await box(resolve))).toBe(false);
    // what is under the middle of each button is the button, toast or no toast
    for (const button of [take, resolve]) {
      const hit = await button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !!top && el.contains(top);
      });
      expect(hit).toBe(true);
    }
    // and it takes the request while the toast is still up
    expect(await toast.isVisible()).toBe(true);
    await take.click({ timeout: 3_000 });
    await pane.getByRole('button', { name: s('inbox.take') }).waitFor({ state: 'detached' });
  });

  it('a 5,000-character paste on a phone is kept whole, Send disabled, and the reason shown', async () => {
    const phone = await browsers.open('guest pasting', PHONE);
    await phone.goto(guestLink(2));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    const text = 'Lorem ipsum dolor sit amet. '.repeat(200).slice(0, 5000);
    await composer.fill(text);
    // nothing is cut off behind the guest's back
    await expect(composer.inputValue()).resolves.toHaveLength(5000);
    await phone.getByText(g('chat.tooLong', { max: '4,000', length: '5,000' }), { exact: true }).waitFor();
    await expect(phone.getByRole('button', { name: g('chat.send') }).isDisabled()).resolves.toBe(true);
    await composer.press('Enter');
    await expect(composer.inputValue()).resolves.toHaveLength(5000);
    // shortened to the limit, it can be sent
    await composer.fill(text.slice(0, 4000));
    await expect(phone.getByRole('button', { name: g('chat.send') }).isEnabled()).resolves.toBe(true);
  });

  it('a too-short code says what is wrong with it, not that "some details are not valid"', async () => {
    const phone = await browsers.open('guest typing a code', PHONE);
    await phone.goto(`/g/${SLUG}`);
    await phone.getByRole('textbox', { name: g('entry.codeLabel') }).fill('K7');
    await phone.getByRole('button', { name: g('entry.submit') }).click();
    const problem = phone.getByRole('alert');
    await problem.waitFor();
    const said = await problem.innerText();
    expect([g('entry.codeLength'), g('entry.codeTooShort')]).toContain(said);
  });

  it('with every seat taken, "Add staff member" is disabled and says why before any form opens', async () => {
    // the platform owner sets the plan's seats to the one the admin uses
    await owner.request('PATCH', `/api/v1/platform/organizations/${orgId}`, { seatLimit: 1 });
    await nav(desk)
      .getByRole('link', { name: s('nav.admin') })
      .click();
    await desk
      .getByText(s('admin.staff.seats', { used: 1, limit: 1 }), { exact: true })
      .first()
      .waitFor();
    const add = desk.getByRole('button', { name: s('admin.staff.add') });
    await expect(add.isDisabled()).resolves.toBe(true);
    const reason = desk.getByText(s('admin.staff.seatsFull'), { exact: true });
    await reason.waitFor();
    await expect(add.getAttribute('aria-describedby')).resolves.toBe(await reason.getAttribute('id'));
    await expect(desk.getByRole('dialog').count()).resolves.toBe(0);

    // a seat more, and the button is back
    await owner.request('PATCH', `/api/v1/platform/organizations/${orgId}`, { seatLimit: 2 });
    await desk.reload();
    await expect
      .poll(() => desk.getByRole('button', { name: s('admin.staff.add') }).isEnabled(), { timeout: 15_000 })
      .toBe(true);
  });
});
