import { type QueuePosition, type RoutingRule, serverEvents, type Team } from '@frontdesk/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
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
 * Every place in line the server sends the page from now on, over either of Socket.IO's transports
 * (HTTP long-polling until the upgrade, then the WebSocket): what the server worked out, to hold
 * the page's words against.
 */
function queueHeard(page: Page): QueuePosition[] {
  const heard: QueuePosition[] = [];
  const read = (data: string) => {
    // an Engine.IO payload holds packets apart by a record separator; a Socket.IO event is `42[name, payload]`
    for (const packet of data.split('\x1e')) {
      const event = /^42(\[.*\])$/s.exec(packet)?.[1];
      if (!event) continue;
      const [name, payload] = JSON.parse(event) as [string, unknown];
      if (name === serverEvents.queue) heard.push(payload as QueuePosition);
    }
  };
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') read(payload);
    }),
  );
  page.on('response', async (res) => {
    if (res.url().includes('/socket.io/') && res.request().method() === 'GET') read(await res.text().catch(() => ''));
  });
  return heard;
}

/** The notice the phone shows for a place the server sent: where in line, and the wait to expect (QueueNotice). */
function noticeOf(place: QueuePosition): string {
  const where = place.position === 1 ? g('queue.next') : g('queue.position', { position: place.position });
  const seconds = place.estimatedWaitSeconds;
  const wait =
    seconds === null
      ? g('queue.soon')
      : seconds < 60
        ? g('queue.underAMinute')
        : g('queue.minutes', { minutes: Math.round(seconds / 60) });
  return `${where} · ${wait}`;
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

  it('tells the wait to expect from the team’s pace once it has one, and updates it as the requests ahead are taken', async () => {
    const stamp = Date.now() % 100_000;
    const admin = await StaffApi.signIn(accounts.admin);
    const desk = await StaffApi.signIn(accounts.reception1);
    // a team of its own, fresh: it has picked nothing up yet, so it has no pace to tell a wait by
    const team = await admin.request<Team>('POST', '/api/v1/teams', { name: `Boathouse ${stamp}` });
    const rule = await admin.request<RoutingRule>('POST', '/api/v1/routing-rules', {
      name: `Kayaks ${stamp}`,
      conditions: { keywords: ['kayak'] },
      teamId: team.id,
    });
    const texts = [1, 2, 3, 4, 5].map((n) => `Kayak question ${n} (${stamp})`);
    const ids: string[] = [];
    try {
      // five guests write one after the other; the last keeps the chat open
      let last: { phone: Page; heard: QueuePosition[] } | undefined;
      for (const [i, text] of texts.entries()) {
        const stay = await desk.checkIn({ name: `Paddler ${i + 1}` });
        const phone = await browsers.open(`paddler ${i + 1}`, PHONE);
        const heard = queueHeard(phone);
        await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
        const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
        await composer.fill(text);
        await composer.press('Enter');
        await sentByGuest(phone, text).waitFor();
        if (i < texts.length - 1) await browsers.close(phone);
        else last = { phone, heard };
      }
      if (!last) expect.fail('no guest kept the chat open');
      const { phone, heard } = last;
      const queue = await desk.request<{ conversations: { id: string; preview: string }[] }>(
        'GET',
        '/api/v1/conversations?status=queued&limit=100',
      );
      for (const text of texts) {
        const id = queue.conversations.find((c) => c.preview === text)?.id;
        if (!id) expect.fail(`“${text}” is not in the queue`);
        ids.push(id);
      }

      /** The phone shows place `n` with the wait the server last sent for it; that place as sent. */
      const shows = async (n: number): Promise<QueuePosition> => {
        await expect
          .poll(async () => {
            const sent = heard.at(-1);
            const shown = await phone.locator('.g-queue').textContent();
            return sent?.position === n && shown === noticeOf(sent);
          })
          .toBe(true);
        return heard.at(-1) as QueuePosition;
      };

      // fifth in line, and no pace yet: "as soon as we can", no number
      expect((await shows(5)).estimatedWaitSeconds).toBeNull();
      await phone
        .locator('.g-queue')
        .filter({ hasText: g('queue.soon') })
        .waitFor();

      // the desk takes the first two: the place moves, still no pace (the team has picked up too few)
      for (const id of ids.slice(0, 2)) await desk.request('POST', `/api/v1/conversations/${id}/take`);
      expect((await shows(3)).estimatedWaitSeconds).toBeNull();

      // the third: now the team has a pace, and the phone tells the wait it gives for second in line
      await desk.request('POST', `/api/v1/conversations/${ids[2]}/take`);
      const second = await shows(2);
      expect(second.estimatedWaitSeconds).not.toBeNull();
      expect(await phone.locator('.g-queue').textContent()).not.toContain(g('queue.soon'));

      // the fourth: next in line, with the wait worked out again for the first place
      await desk.request('POST', `/api/v1/conversations/${ids[3]}/take`);
      const next = await shows(1);
      expect(next.estimatedWaitSeconds).not.toBeNull();
      expect(await axeProblems(phone, 'guest chat with a wait estimate')).toEqual([]);

      // taken at last: the notice gives way
      await desk.request('POST', `/api/v1/conversations/${ids[4]}/take`);
      await phone.locator('.g-queue').waitFor({ state: 'detached' });
    } finally {
      // later specs' requests go where they did before, and nothing of this one waits in a queue
      await admin.request('DELETE', `/api/v1/routing-rules/${rule.id}`);
      for (const id of ids) await admin.request('POST', `/api/v1/conversations/${id}/resolve`).catch(() => {});
    }
  });
});
