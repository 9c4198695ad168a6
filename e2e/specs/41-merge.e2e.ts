import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { expectAccessible } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Jonas Berger ${unique}`;
const FIRST = `The shower is cold (${unique})`;
const ANSWER = `A technician is on the way (${unique}).`;
const SECOND = `Now the towels are missing (${unique})`;

interface Listed {
  id: string;
  preview: string;
  mergedInto?: string;
}

/** The conversation whose preview (its latest message) is `text`, once the server has it. */
async function conversationOf(api: StaffApi, text: string): Promise<string> {
  const find = async () =>
    (await api.request<{ conversations: Listed[] }>('GET', '/api/v1/conversations?limit=100')).conversations.find(
      (c) => c.preview === text,
    )?.id ?? '';
  await expect.poll(find, { timeout: 20_000 }).toBeTruthy();
  return find();
}

/** The guest writes `text` from the chat their card's QR code opens, and waits until the server has it. */
async function write(phone: Page, text: string) {
  const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
  await composer.fill(text);
  await composer.press('Enter');
  await sentByGuest(phone, text).waitFor();
}

/**
 * Issue 13, item 9 in the browser: a guest wrote, was answered and the request resolved; then wrote
 * again, which opened a second request. An admin merges the two from the conversation (the dialog
 * passes axe), sees one thread in order with the notice of the merge (axe again), and undoes it:
 * the two requests are separate again.
 */
describe('merging two requests of one guest, and undoing it', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let adminName = '';
  let reopenMinutes: number | undefined;
  let stayId = '';
  let earlier = '';
  let later = '';
  afterAll(async () => {
    // the organization's setting as it was, no request of this spec left in the queue, and the room
    // free again, for the specs after this one
    if (later) {
      const { status } = await admin.request<{ status: string }>('GET', `/api/v1/conversations/${later}`);
      if (status !== 'resolved') await admin.request('POST', `/api/v1/conversations/${later}/resolve`);
    }
    if (reopenMinutes !== undefined) await admin.request('PATCH', '/api/v1/organization', { reopenMinutes });
    if (stayId) await admin.request('POST', `/api/v1/stays/${stayId}/check-out`);
  });

  it('set-up: the guest’s first request was answered and resolved; writing again opened a second', async () => {
    admin = await StaffApi.signIn(accounts.admin);
    // a message after a resolved request opens a new one (no reopening window)
    reopenMinutes = (await admin.request<{ reopenMinutes: number }>('GET', '/api/v1/organization')).reopenMinutes;
    await admin.request('PATCH', '/api/v1/organization', { reopenMinutes: 0 });
    adminName = (await admin.request<{ name: string }>('GET', '/api/v1/auth/me')).name;
    const stay = await admin.checkIn({ name: GUEST });
    stayId = stay.id;
    const phone = await browsers.open('guest', PHONE);
    await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
    await write(phone, FIRST);
    earlier = await conversationOf(admin, FIRST);
    await admin.request('POST', `/api/v1/conversations/${earlier}/take`);
    await admin.request('POST', `/api/v1/conversations/${earlier}/messages`, {
      clientId: `merge-${unique}`,
      text: ANSWER,
    });
    await admin.request('POST', `/api/v1/conversations/${earlier}/resolve`);
    // the guest's page knows the request is resolved (it asks for a rating) before they write again
    await phone.getByRole('form', { name: g('rating.title') }).waitFor();
    await write(phone, SECOND);
    later = await conversationOf(admin, SECOND);
    expect(later).not.toBe(earlier);
  });

  it('an admin merges them from the conversation, sees one thread in order, and undoes it', async () => {
    if (!later) expect.fail('an earlier step did not get this far: the two requests');
    const desk = await browsers.open('admin');
    await signIn(desk, accounts.admin);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    const list = desk.getByRole('region', { name: s('inbox.listLabel') });
    await list.getByRole('button').filter({ hasText: SECOND }).click();
    const thread = desk.getByRole('log', { name: s('inbox.messages') });
    await thread.getByText(SECOND, { exact: true }).waitFor();

    // the dialog lists the guest's earlier request (its line shows its latest message)
    await desk.getByRole('button', { name: s('merge.action'), exact: true }).click();
    const dialog = desk.getByRole('dialog', { name: s('merge.title') });
    const option = dialog.getByRole('radio', { name: new RegExp(ANSWER.replace(/[.()]/g, '\\$&')) });
    await option.waitFor();
    await option.check();
    await expectAccessible(desk, 'the merge dialog');
    await dialog.getByRole('button', { name: s('merge.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // the desk shows the earlier request: both requests' messages, in order, and who merged them
    const order = async () => {
      const text = (await thread.textContent()) ?? '';
      return [FIRST, ANSWER, SECOND].map((m) => text.indexOf(m));
    };
    await expect
      .poll(async () => {
        const [a = -1, b = -1, c = -1] = await order();
        return a >= 0 && a < b && b < c;
      })
      .toBe(true);
    const undo = desk.getByRole('button', { name: s('merge.undo'), exact: true });
    await undo.waitFor();
    await thread.getByText(s('system.merged', { name: adminName }), { exact: false }).waitFor();
    const notice = desk.getByRole('alert').filter({ has: undo });
    // "<name> merged another request into this one on <time>."
    const [banner = ''] = s('merge.banner', { name: adminName, time: '\u0000' }).split('\u0000');
    await expect.poll(() => notice.textContent()).toContain(banner);
    await expectAccessible(desk, 'the merged request with its notice');
    const merged = await admin.request<Listed>('GET', `/api/v1/conversations/${later}`);
    expect(merged.mergedInto).toBe(earlier);

    // the admin undoes it: the notice goes, and the two requests are separate again
    await undo.click();
    await undo.waitFor({ state: 'detached' });
    await thread.getByText(s('system.unmerged', { name: adminName }), { exact: false }).waitFor();
    await expectAccessible(desk, 'the request after the merge was undone');
    const back = await admin.request<Listed>('GET', `/api/v1/conversations/${later}`);
    expect(back.mergedInto).toBeUndefined();
    const messages = async (id: string) =>
      (
        await admin.request<{ messages: { text: string | null }[] }>('GET', `/api/v1/conversations/${id}/messages`)
      ).messages.map((m) => m.text);
    expect(await messages(later)).toContain(SECOND);
    const kept = await messages(earlier);
    expect(kept).toEqual(expect.arrayContaining([FIRST, ANSWER]));
    expect(kept).not.toContain(SECOND);
    await thread.getByText(SECOND, { exact: true }).waitFor({ state: 'detached' });
    // ...and the later request is back in the inbox's list
    await list.getByRole('button').filter({ hasText: SECOND }).waitFor();
  });
});
