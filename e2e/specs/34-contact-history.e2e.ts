import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Marta Wiśniewska ${unique}`;
const EMAIL = `marta-${unique}@example.test`;
const BEFORE = `The shower stays cold (${unique})`;
const NOW = `Could I borrow an iron? (${unique})`;
const TAG = `Plumbing ${unique}`;
const NOTE = `Plumber replaced the mixer (${unique})`;
// a request's line shows its latest message
const ANSWER_BEFORE = `A plumber is on the way (${unique}).`;

/** The conversation whose first message is `text`, once the server has it. */
async function conversationOf(api: StaffApi, text: string): Promise<string> {
  const find = async () =>
    (
      await api.request<{ conversations: { id: string; preview: string }[] }>('GET', '/api/v1/conversations?limit=100')
    ).conversations.find((c) => c.preview === text)?.id ?? '';
  await expect.poll(find, { timeout: 20_000 }).toBeTruthy();
  return find();
}

/** The guest writes `text` from the chat their card's QR code opens. */
async function write(phone: Page, text: string) {
  const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The guest rates the resolved request from the form the chat shows. */
async function rate(phone: Page, stars: number) {
  const rating = phone.getByRole('form', { name: g('rating.title') });
  await rating.waitFor();
  await rating.getByRole('radio', { name: g('rating.star', { value: stars }) }).check();
  await rating.getByRole('button', { name: g('rating.submit') }).click();
  await phone.getByText(g('rating.thanks', { value: stars })).waitFor();
}

/**
 * Issue 13, item 7 in the browser: a guest whose request on an earlier stay was tagged, resolved and
 * rated comes back (recognised by e-mail) and writes again; the receptionist sees that request in
 * the contact panel beside the new one, with its tag and rating, and the panel follows what
 * colleagues do — a note on the old request, the new one resolved and rated — without a reload.
 */
describe('the contact panel’s history', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let before = '';
  let stayNow = '';
  // the room is free again for the specs after this one
  afterAll(async () => {
    if (stayNow) await admin.request('POST', `/api/v1/stays/${stayNow}/check-out`);
  });

  it('set-up: on an earlier stay the guest’s request was tagged, resolved and rated 5; then they checked out', async () => {
    admin = await StaffApi.signIn(accounts.admin);
    const tag = await admin.request<{ id: string }>('POST', '/api/v1/tags', { name: TAG, color: '#1c7ed6' });
    const stay = await admin.checkIn({ name: GUEST, email: EMAIL });
    const phone = await browsers.open('guest, first stay', PHONE);
    await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
    await write(phone, BEFORE);
    before = await conversationOf(admin, BEFORE);
    await admin.request('POST', `/api/v1/conversations/${before}/take`);
    await admin.request('PUT', `/api/v1/conversations/${before}/tags/${tag.id}`);
    await admin.request('POST', `/api/v1/conversations/${before}/messages`, {
      clientId: `history-${unique}-1`,
      text: ANSWER_BEFORE,
    });
    await admin.request('POST', `/api/v1/conversations/${before}/resolve`);
    await rate(phone, 5);
    await admin.request('POST', `/api/v1/stays/${stay.id}/check-out`);
    await browsers.close(phone);
  });

  it('the guest writes again: the panel shows the earlier request with its tag and rating, and follows both live', async () => {
    if (!before) expect.fail('an earlier step did not get this far: the earlier stay');
    const stay = await admin.checkIn({ name: GUEST, email: EMAIL });
    stayNow = stay.id;
    const phone = await browsers.open('guest, this stay', PHONE);
    await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
    await write(phone, NOW);
    const now = await conversationOf(admin, NOW);

    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk
      .getByRole('region', { name: s('inbox.listLabel') })
      .getByRole('button')
      .filter({ hasText: NOW })
      .click();
    const panel = desk.getByRole('complementary', { name: s('guestPanel.label') });
    await panel.getByText(s('guestPanel.earlier', { count: 1 })).waitFor();
    await panel.getByText(s('guestPanel.matchedByEmail')).waitFor();
    const earlier = panel.getByRole('button').filter({ hasText: ANSWER_BEFORE });
    await earlier.getByText(TAG, { exact: true }).waitFor();
    await earlier.getByRole('img', { name: s('ratings.stars', { count: 5 }) }).waitFor();
    await earlier.getByText(s('status.resolved'), { exact: true }).waitFor();
    const current = panel.locator('[aria-current="true"]');
    await current.getByText(NOW).waitFor();
    await current.getByText(s('status.queued'), { exact: true }).waitFor();
    expect(await axeProblems(desk, 'inbox with the contact panel’s history')).toEqual([]);

    // a colleague writes a note on the earlier request: it shows at once
    await admin.request('POST', `/api/v1/conversations/${before}/notes`, {
      clientId: `history-${unique}-note`,
      text: NOTE,
    });
    await earlier.getByText(NOTE, { exact: false }).waitFor();
    await earlier.getByText(s('guestPanel.notes', { count: 1 })).waitFor();

    // a colleague answers and resolves the current request; the guest rates it 4: the panel follows
    await admin.request('POST', `/api/v1/conversations/${now}/take`);
    await admin.request('POST', `/api/v1/conversations/${now}/messages`, {
      clientId: `history-${unique}-2`,
      text: 'One is on its way to your room.',
    });
    await admin.request('POST', `/api/v1/conversations/${now}/resolve`);
    await current.getByText(s('status.resolved'), { exact: true }).waitFor();
    await rate(phone, 4);
    await current.getByRole('img', { name: s('ratings.stars', { count: 4 }) }).waitFor();
    await panel.getByText(s('guestPanel.average', { value: '4.0' })).waitFor();
    // the earlier stay's request is still there, unchanged
    await earlier.getByRole('img', { name: s('ratings.stars', { count: 5 }) }).waitFor();
    expect(await axeProblems(desk, 'the contact panel after the request was resolved and rated')).toEqual([]);

    // the receptionist adds the guest's phone number in the panel's details dialog
    const PHONE_NUMBER = '+48 600 100 200';
    await panel.getByRole('button', { name: s('guestPanel.editTitle', { name: GUEST }) }).click();
    const details = desk.getByRole('dialog', { name: s('guestPanel.editTitle', { name: GUEST }) });
    expect(await details.getByRole('textbox', { name: s('stays.guestEmail') }).inputValue()).toBe(EMAIL);
    await details.getByRole('textbox', { name: s('stays.guestPhone') }).fill(PHONE_NUMBER);
    expect(await axeProblems(desk, 'the guest details dialog')).toEqual([]);
    await details.getByRole('button', { name: s('guestPanel.save') }).click();
    await details.waitFor({ state: 'hidden' });
    await panel.getByText(PHONE_NUMBER, { exact: false }).waitFor();
  });
});
