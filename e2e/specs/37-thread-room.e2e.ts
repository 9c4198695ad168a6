import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { guest as g } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const TITLE = `Fresh towels ${unique}`;
const GUEST = `Rosa Vidal ${unique}`;
const HALF = (PHONE.viewport?.height ?? 740) / 2;
const MESSAGES = ['Good evening!', 'Could someone fix the blinds?', 'And is breakfast served at seven?'];

/** How much of the phone's screen the thread gets, and whether its newest message is in sight. */
async function threadRoom(phone: Page): Promise<{ height: number; newestInView: boolean }> {
  return phone.evaluate(() => {
    const thread = document.querySelector('.g-timeline');
    const bubbles = thread?.querySelectorAll('.g-msg');
    const newest = bubbles?.[bubbles.length - 1];
    if (!thread || !newest) return { height: 0, newestInView: false };
    const box = thread.getBoundingClientRect();
    const last = newest.getBoundingClientRect();
    const visible = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
    return { height: visible, newestInView: last.top >= box.top - 1 && last.bottom <= box.bottom + 1 };
  });
}

/**
 * Spec 37: on a 360×740 phone the notices and offers above a guest's conversation (their place in
 * line, "notify me", the quick requests) fold into short bars, so the thread keeps at least half
 * the screen and the newest message stays in view — read receipts fire only for what is seen —
 * while the quick requests are still one tap away.
 */
describe('the guest’s thread keeps most of a phone’s screen', () => {
  const browsers = useBrowsers();

  it('with a place in line, the notify offer and quick requests, the thread gets half the screen', async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    await admin.request('POST', '/api/v1/quick-actions', { titles: { en: TITLE }, icon: '🧺' });
    const reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    for (const text of MESSAGES) {
      await composer.fill(text);
      await composer.press('Enter');
      await sentByGuest(phone, text).waitFor();
    }
    // everything above the thread is there: the place in line, the offer, the quick requests
    await phone.locator('.g-queue').waitFor();
    const offer = phone.getByRole('region', { name: g('notify.yes') });
    await offer.getByRole('button', { name: g('notify.yes') }).waitFor();
    const quick = phone.getByRole('region', { name: g('quick.title') });
    await quick.getByText(g('quick.helloRoom', { name: GUEST, room: stay.room.number })).waitFor();
    const toggle = quick.getByRole('button', { name: g('quick.title') });
    await toggle.waitFor();

    const room = await threadRoom(phone);
    expect(room.height).toBeGreaterThanOrEqual(HALF);
    expect(room.newestInView).toBe(true);
    expect(await axeProblems(phone, 'guest chat on a phone, extras folded')).toEqual([]);

    // the quick requests open with one tap and are used as before
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // the thread is shorter while the list is open, and still ends with the newest message
    await expect.poll(() => threadRoom(phone)).toMatchObject({ newestInView: true });
    await quick.getByRole('button', { name: new RegExp(TITLE) }).click();
    const form = quick.getByRole('form', { name: TITLE });
    expect(await axeProblems(phone, 'guest quick requests opened on a phone')).toEqual([]);
    await form.getByRole('button', { name: g('quick.send') }).click();
    await quick.getByText(g('quick.sent')).waitFor();
    await phone.locator('.g-msg .g-msg-text', { hasText: TITLE }).waitFor();

    // sent: the list folds away again, the thread shows the request at its end and, once the
    // confirmation has gone, has its room back
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => threadRoom(phone)).toMatchObject({ newestInView: true });
    await quick.getByText(g('quick.sent')).waitFor({ state: 'detached' });
    expect(await threadRoom(phone)).toMatchObject({ newestInView: true });
    expect((await threadRoom(phone)).height).toBeGreaterThanOrEqual(HALF);

    // "not now" is remembered for this stay: the offer stays away after a reload
    await offer.getByRole('button', { name: g('notify.no') }).click();
    await offer.waitFor({ state: 'detached' });
    await phone.reload();
    await quick.getByRole('button', { name: g('quick.title') }).waitFor();
    await sentByGuest(phone, MESSAGES[2] ?? '').waitFor();
    expect(await phone.getByRole('region', { name: g('notify.yes') }).count()).toBe(0);
  });
});
