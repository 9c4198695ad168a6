import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, DEMO_ORG } from '../support/api.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { readQrFromImage } from '../support/qr.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ROOM = '111';
const GUEST = 'Olivia Stone';
const RECEPTIONIST = 'Piotr Nowak';
const COMMENT = 'Towels within five minutes — thank you, Piotr!';

/**
 * Issue 5, spec 1: a receptionist checks a guest in through the UI; the guest opens the QR code's
 * link on a phone and chats with reception live, both ways, with typing indicators and read ticks;
 * the receptionist resolves, the guest rates 4 stars with a comment, and the hotel's admin sees the
 * rating in the ratings report. The steps share one story, so a failing step fails the ones after it.
 */
describe('a guest checks in, chats with reception and rates the help', () => {
  const browsers = useBrowsers();
  let desk: Page;
  let phone: Page;
  let guestUrl = '';

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('the receptionist checks the guest in on /app/stays and sees the access code and its QR', async () => {
    desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.stays') })
      .click();
    await desk.waitForURL('**/app/stays');

    const room = desk.getByRole('combobox', { name: s('stays.room'), exact: true });
    await room.click();
    await room.fill(ROOM);
    await desk.getByRole('option', { name: new RegExp(`^${ROOM}\\b`) }).click();
    await desk.getByRole('textbox', { name: s('stays.guestName') }).fill(GUEST);
    await desk.getByRole('button', { name: s('stays.checkInSubmit') }).click();

    await desk.getByRole('heading', { name: s('stays.checkedIn', { room: ROOM }) }).waitFor();
    const qr = desk.getByRole('img', { name: s('stays.qrAlt', { room: ROOM }) });
    guestUrl = await readQrFromImage(qr);
    const link = new URL(guestUrl);
    expect(link.origin).toBe(new URL(browsers.baseUrl).origin);
    expect(link.pathname).toBe(`/g/${DEMO_ORG}`);
    const code = link.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    // the code read aloud or typed from the screen is the one in the QR, in groups of four
    await desk.getByText(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`, { exact: true }).waitFor();
  });

  it("the guest opens the QR's link on a phone and lands in the chat, without typing the code", async () => {
    needs(guestUrl, 'the QR code was read');
    phone = await browsers.open('guest phone', PHONE);
    await phone.goto(guestUrl);
    await phone.getByRole('heading', { level: 1, name: 'Hotel Aurora' }).waitFor();
    await phone.getByRole('textbox', { name: g('chat.composerLabel') }).waitFor();
    // the code has done its job: it is not left in the address bar or the history
    await expect.poll(() => new URL(phone.url()).search).toBe('');
    await phone.getByText(g('chat.emptyTitle')).waitFor();
  });

  it('they chat live both ways, with typing indicators and read ticks', async () => {
    needs(phone, 'the guest is in the chat');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill('Hello! Could I get two extra towels, please?');
    await phone.getByRole('button', { name: g('chat.send') }).click();
    const first = sentByGuest(phone, 'Could I get two extra towels');
    await first.waitFor();

    // the request reaches the desk's queue at once, from room 111
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    const card = desk.getByRole('button').filter({ hasText: 'Could I get two extra towels' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(ROOM);
    await expect(card.textContent()).resolves.toContain(GUEST);
    await card.click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.waitFor();
    await pane.getByRole('button', { name: s('inbox.take') }).click();

    // the guest sees who took the request, and that it was read
    await phone
      .getByText(g('chat.assignee', { name: RECEPTIONIST }))
      .first()
      .waitFor();
    await first.getByRole('img', { name: g('chat.ticks.read') }).waitFor();

    // the receptionist writes: the guest sees reception typing, then the answer
    const reply = pane.getByRole('textbox', { name: s('composer.label') });
    await reply.pressSequentially('Of course, ', { delay: 30 });
    await phone.getByText(g('chat.typing', { name: RECEPTIONIST })).waitFor();
    await reply.pressSequentially('they are on their way to room 111.', { delay: 5 });
    await reply.press('Enter');
    const answer = phone.getByRole('listitem').filter({ hasText: 'they are on their way to room 111.' });
    await answer.waitFor();
    await expect(answer.textContent()).resolves.toContain(RECEPTIONIST);
    await phone.getByText(g('chat.typing', { name: RECEPTIONIST })).waitFor({ state: 'detached' });

    // the guest's phone shows the answer: the receptionist's tick turns to "read"
    const thread = pane.getByRole('log', { name: s('inbox.messages') });
    await thread.getByText(s('inbox.receipt.read'), { exact: true }).waitFor();

    // the guest writes back: the receptionist sees the guest typing, then the message
    await composer.pressSequentially('Wonderful, thank you!', { delay: 30 });
    await thread.getByText(s('inbox.guestTyping')).waitFor();
    await composer.press('Enter');
    await thread.getByText('Wonderful, thank you!', { exact: true }).waitFor();
    await sentByGuest(phone, 'Wonderful, thank you!')
      .getByRole('img', { name: g('chat.ticks.read') })
      .waitFor();

    // each message once, in order, on both screens
    const guestSees = await phone.locator('.g-msg .g-msg-text').allTextContents();
    expect(guestSees.map((t) => t.replace(/^You: /, ''))).toEqual([
      'Hello! Could I get two extra towels, please?',
      'Of course, they are on their way to room 111.',
      'Wonderful, thank you!',
    ]);
    const deskSees = await thread.locator('.fd-bubble').allTextContents();
    expect(deskSees).toEqual([
      'Hello! Could I get two extra towels, please?',
      'Of course, they are on their way to room 111.',
      'Wonderful, thank you!',
    ]);
  });

  it('the receptionist resolves; the guest rates the request 4 stars with a comment', async () => {
    needs(phone && desk, 'the chat happened');
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.getByRole('button', { name: s('inbox.resolve') }).click();

    await phone.getByText(g('chat.system.resolved', { name: RECEPTIONIST })).waitFor();
    const rating = phone.getByRole('form', { name: g('rating.title') });
    await rating.waitFor();
    await rating.getByRole('radio', { name: g('rating.star', { value: 4 }) }).check();
    await rating.getByRole('textbox', { name: g('rating.comment') }).fill(COMMENT);
    await rating.getByRole('button', { name: g('rating.submit') }).click();
    await phone.getByText(g('rating.thanks', { value: 4 })).waitFor();
  });

  it('the admin sees the rating and the comment among the ratings on Service quality', async () => {
    needs(phone, 'the guest rated');
    const admin = await browsers.open('admin');
    await signIn(admin, accounts.admin);
    await nav(admin)
      .getByRole('link', { name: s('metrics.nav') })
      .click();
    await admin.waitForURL('**/app/service-quality');
    const row = admin
      .getByRole('table', { name: s('metrics.ratings.listTitle') })
      .getByRole('row')
      .filter({ hasText: COMMENT });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`${ROOM} · ${GUEST}`);
    await expect(row.textContent()).resolves.toContain(RECEPTIONIST);
    await row.getByLabel(s('ratings.stars', { count: 4 })).waitFor();
  });
});
