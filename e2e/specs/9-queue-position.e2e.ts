import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { guest as g } from '../support/strings.js';

/** The place a guest's phone says they have in line (1 for "next"), once it says one. */
async function placeShown(phone: Page): Promise<number> {
  const notice = phone.locator('.g-queue');
  await notice.waitFor();
  const text = (await notice.textContent()) ?? '';
  if (text.startsWith(g('queue.next'))) return 1;
  const number = /(\d+)/.exec(text)?.[1];
  if (!number) expect.fail(`no place in “${text}”`);
  return Number(number);
}

/** Waits until the phone shows place `n`. */
async function showsPlace(phone: Page, n: number): Promise<void> {
  const expected = n === 1 ? g('queue.next') : g('queue.position', { position: n });
  await phone.locator('.g-queue').filter({ hasText: expected }).waitFor();
}

/**
 * Issue 12: a guest whose request waits sees their place in line move as the requests ahead of
 * them are taken, and who is helping them once theirs is.
 */
describe('the guest’s place in the queue', () => {
  const browsers = useBrowsers();

  it('moves up live as the desk takes the requests ahead, and gives way to who is helping', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const [first, second] = [await api.checkIn({ name: 'Ines Aho' }), await api.checkIn({ name: 'Olek Brandt' })];
    const [a, b] = [first.guests[0], second.guests[0]];
    if (!a || !b) expect.fail('the check-ins returned no guests');

    const phoneA = await browsers.open('first guest', PHONE);
    await phoneA.goto(pathOf(a.url));
    const composerA = phoneA.getByRole('textbox', { name: g('chat.composerLabel') });
    await composerA.fill('Could I check out at two?');
    await composerA.press('Enter');
    const placeA = await placeShown(phoneA);

    const phoneB = await browsers.open('second guest', PHONE);
    await phoneB.goto(pathOf(b.url));
    const composerB = phoneB.getByRole('textbox', { name: g('chat.composerLabel') });
    await composerB.fill('Is the pool open tonight?');
    await composerB.press('Enter');
    await showsPlace(phoneB, placeA + 1);
    expect(await axeProblems(phoneB, 'guest chat waiting in the queue')).toEqual([]);

    // the desk takes the first guest's request: the second moves up, and the first sees who helps
    const queue = await api.request<{ conversations: { id: string; preview: string }[] }>(
      'GET',
      '/api/v1/conversations?status=queued&limit=100',
    );
    const idOf = (preview: string) => queue.conversations.find((c) => c.preview === preview)?.id;
    await api.request('POST', `/api/v1/conversations/${idOf('Could I check out at two?')}/take`);
    await showsPlace(phoneB, placeA);
    await phoneA.locator('.g-queue').waitFor({ state: 'detached' });
    await phoneA
      .getByText(g('chat.system.taken', { name: 'Piotr Nowak' }))
      .first()
      .waitFor();

    await api.request('POST', `/api/v1/conversations/${idOf('Is the pool open tonight?')}/take`);
    await phoneB.locator('.g-queue').waitFor({ state: 'detached' });
  });
});
