import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest, shownTwice, watchForDoubles } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ROOM = '112';
const GUEST = 'Tomasz Lis';

/** The texts of the chat messages a guest's phone shows, oldest first (pending sends included). */
const guestThread = (phone: Page) =>
  phone
    .locator('.g-msg .g-msg-text')
    .allTextContents()
    .then((texts) => texts.map((t) => t.replace(/^You: /, '')));

/** The texts of the chat messages (not system lines) in the receptionist's open conversation. */
const deskThread = (thread: Locator) => thread.locator('.fd-bubble').allTextContents();

/**
 * Issue 5, spec 2: the guest's phone loses the network, the guest writes anyway, reception writes
 * too; when the phone is back online every message arrives exactly once and in order, on both sides.
 */
describe('a guest who goes offline for a while', () => {
  const browsers = useBrowsers();

  it('sends a queued message when back online: it arrives once, and what reception wrote meanwhile shows up once, in order', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST }, ROOM);
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    await watchForDoubles(phone, '.g-msg .g-msg-text', `${g('chat.you')}: `);
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill('Hi, is breakfast still on?');
    await composer.press('Enter');

    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: 'Hi, is breakfast still on?' }).click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.getByRole('button', { name: s('inbox.take') }).click();
    const reply = pane.getByRole('textbox', { name: s('composer.label') });
    const thread = pane.getByRole('log', { name: s('inbox.messages') });
    await watchForDoubles(desk, '.fd-msg .fd-bubble');
    await reply.fill('Yes, until 10:30.');
    await reply.press('Enter');
    await phone.getByRole('listitem').filter({ hasText: 'Yes, until 10:30.' }).waitFor();

    // the phone loses its connection: the guest is told, and writes anyway
    await browsers.contextOf(phone).setOffline(true);
    await phone
      .getByRole('status')
      .filter({ hasText: g('chat.offline') })
      .waitFor();
    await composer.fill('Can I have it in my room?');
    await composer.press('Enter');
    const queued = phone.getByRole('listitem').filter({ hasText: 'Can I have it in my room?' });
    await queued.getByText(g('chat.waiting')).waitFor();

    // reception writes meanwhile; none of it can reach the phone, and the queued message is not at the desk
    await reply.fill('Room service is available.');
    await reply.press('Enter');
    await reply.fill('Shall I send up the menu?');
    await reply.press('Enter');
    // stored, but not delivered: one tick
    await thread
      .locator('.fd-msg')
      .filter({ hasText: 'Shall I send up the menu?' })
      .getByText(s('inbox.receipt.sent'), { exact: true })
      .waitFor();
    await phone.waitForTimeout(1500);
    expect(await guestThread(phone)).toEqual([
      'Hi, is breakfast still on?',
      'Yes, until 10:30.',
      'Can I have it in my room?',
    ]);
    expect(await deskThread(thread)).toEqual([
      'Hi, is breakfast still on?',
      'Yes, until 10:30.',
      'Room service is available.',
      'Shall I send up the menu?',
    ]);

    // back online: the queued message goes out, and what was missed comes in
    await browsers.contextOf(phone).setOffline(false);
    await thread.getByText('Can I have it in my room?', { exact: true }).waitFor({ timeout: 30_000 });
    await phone.getByRole('listitem').filter({ hasText: 'Shall I send up the menu?' }).waitFor();
    await queued.getByText(g('chat.waiting')).waitFor({ state: 'detached' });
    await phone
      .getByRole('status')
      .filter({ hasText: g('chat.offline') })
      .waitFor({ state: 'detached' });

    // give a duplicate (a retried send, a replayed sync) time to show up, then count
    await phone.waitForTimeout(2000);
    const everything = [
      'Hi, is breakfast still on?',
      'Yes, until 10:30.',
      'Room service is available.',
      'Shall I send up the menu?',
      'Can I have it in my room?',
    ];
    expect(await guestThread(phone)).toEqual(everything);
    expect(await deskThread(thread)).toEqual(everything);
    // and the guest's message was read at the desk, where it is on screen
    await queued.getByRole('img', { name: g('chat.ticks.read') }).waitFor();

    const guestSawTwice = await shownTwice(phone);
    const deskSawTwice = await shownTwice(desk);

    // a reload of either side shows the same, once, in the same order (from the server, not the screen's memory)
    await phone.reload();
    await sentByGuest(phone, 'Can I have it in my room?').waitFor();
    expect(await guestThread(phone)).toEqual(everything);
    await desk.reload();
    await thread.getByText('Can I have it in my room?', { exact: true }).waitFor();
    expect(await deskThread(thread)).toEqual(everything);

    // once means once at every moment too: no message was ever on screen twice, not even until its ack
    expect(
      { "guest's phone": guestSawTwice, "receptionist's screen": deskSawTwice },
      'messages shown twice at the same time',
    ).toEqual({ "guest's phone": [], "receptionist's screen": [] });
  });
});
