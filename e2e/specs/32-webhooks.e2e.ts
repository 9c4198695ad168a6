import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../apps/server/test/webhook-receiver.js';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { field, guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const FIRST = `Is the sauna open tonight? (${unique})`;
const SECOND = `And tomorrow morning? (${unique})`;

/** The `v1` signatures of a Frontdesk-Signature header that `secret` makes over `body` (README "Signatures"). */
function signedWith(secret: string, header: string, body: string): boolean {
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some(([key, value]) => key === 'v1' && value === expected);
}

/**
 * Issue 17, item 2 in the browser: an admin subscribes a receiver (started here, on 127.0.0.1: the
 * e2e server allows private addresses) to new messages on the Webhooks page, a guest writes, and
 * the admin sees the delivery with its request, answer and timing, sends it again, and makes a new
 * signing secret, after which deliveries are signed with both; axe passes on each view.
 */
describe('webhooks', () => {
  const browsers = useBrowsers();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: StaffApi;
  const path = `/frontdesk/${unique}`;
  let url = '';
  let page: Page | undefined;
  let phone: Page | undefined;
  let secret = '';

  /** What reached the receiver for a guest message containing `text`. */
  const deliveriesOf = (text: string) =>
    receiver.at(path).filter((r) => r.headers['frontdesk-event-type'] === 'message.created' && r.body.includes(text));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    url = receiver.url(path);
    admin = await StaffApi.signIn(accounts.admin);
  });
  afterAll(async () => {
    // later specs' messages must not be sent to a receiver that is gone
    const { endpoints } = await admin
      .request<{ endpoints: { id: string; url: string }[] }>('GET', '/api/v1/webhooks')
      .catch(() => ({ endpoints: [] }));
    for (const hook of endpoints.filter((h) => h.url === url))
      await admin.request('DELETE', `/api/v1/webhooks/${hook.id}`);
    await receiver?.close();
  });

  it('subscribes a receiver to new messages; the secret is shown once', async () => {
    page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('webhooks.nav') })
      .click();
    await page.getByRole('heading', { name: s('webhooks.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: s('webhooks.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: s('webhooks.url') }).fill(url);
    const events = dialog.getByLabel(field(s('webhooks.events')));
    await events.click();
    await events.fill('message.created');
    await page.getByRole('option', { name: 'message.created', exact: true }).click();
    await events.press('Escape');
    await dialog.getByRole('textbox', { name: s('webhooks.description') }).fill('The e2e receiver');
    expect(await axeProblems(page, 'adding a webhook')).toEqual([]);
    await dialog.getByRole('button', { name: s('webhooks.create'), exact: true }).click();

    const shown = page.getByRole('textbox', { name: s('webhooks.secret') });
    secret = await shown.inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await axeProblems(page, 'the new webhook’s secret')).toEqual([]);
    await page.getByRole('button', { name: s('shared.done') }).click();
    const row = page.getByRole('row').filter({ hasText: url });
    await row.getByText('message.created').waitFor();
    expect(await axeProblems(page, 'Webhooks page')).toEqual([]);
  });

  it('a guest writes: the admin sees the signed delivery with its request, answer and timing, and sends it again', async () => {
    if (!page || !secret) expect.fail('an earlier step did not get this far: the webhook');
    const stay = await admin.checkIn({ name: `Webhook guest ${unique}` });
    phone = await browsers.open('guest phone', PHONE);
    await phone.goto(stay.guests[0]?.url ?? '');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(FIRST);
    await composer.press('Enter');
    await expect.poll(() => deliveriesOf(FIRST).length, { timeout: 20_000 }).toBe(1);
    const [first] = deliveriesOf(FIRST);
    expect(signedWith(secret, String(first?.headers['frontdesk-signature']), first?.body ?? '')).toBe(true);

    await page.getByRole('button', { name: s('webhooks.showDeliveries', { url }) }).click();
    const list = page.getByRole('dialog', { name: s('webhooks.deliveriesOf', { url }) });
    const delivered = list.getByRole('row').filter({ hasText: s('webhooks.statuses.delivered') });
    await delivered.first().waitFor();
    // the answer's status and how long it took
    expect(await delivered.first().textContent()).toMatch(/200 · \d+ ms/);
    expect(await axeProblems(page, 'a webhook’s deliveries')).toEqual([]);

    await delivered
      .first()
      .getByRole('button', { name: s('webhooks.open', { event: 'message.created' }) })
      .click();
    const detail = page.getByRole('dialog', { name: 'message.created' });
    await detail.getByRole('heading', { name: s('webhooks.request') }).waitFor();
    await detail.getByText(FIRST, { exact: false }).waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text.toLowerCase()).toContain('frontdesk-signature: t=');
    expect(text).toMatch(new RegExp(`${s('webhooks.response')}: 200 · \\d+ ms`));
    expect(text).toContain('thanks');
    expect(await axeProblems(page, 'one webhook delivery')).toEqual([]);

    await detail.getByRole('button', { name: s('webhooks.replay') }).click();
    await page.getByText(s('webhooks.replayed')).waitFor();
    await expect.poll(() => deliveriesOf(FIRST).length, { timeout: 20_000 }).toBe(2);
    const [, again] = deliveriesOf(FIRST);
    // the same event (id and body), a delivery of its own, signed anew
    expect(again?.headers['frontdesk-event-id']).toBe(first?.headers['frontdesk-event-id']);
    expect(again?.headers['frontdesk-delivery-id']).not.toBe(first?.headers['frontdesk-delivery-id']);
    expect(again?.body).toBe(first?.body);
    expect(signedWith(secret, String(again?.headers['frontdesk-signature']), again?.body ?? '')).toBe(true);
    await list.getByText(s('webhooks.replayOf')).waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
  });

  it('makes a new secret: later deliveries are signed with the new and, for a day, the old one', async () => {
    if (!page || !phone || !secret) expect.fail('an earlier step did not get this far: the guest’s message');
    await page.getByRole('button', { name: s('webhooks.rotate', { url }) }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: s('webhooks.rotateShort') })
      .click();
    const shown = page.getByRole('textbox', { name: s('webhooks.secret') });
    const rotated = await shown.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: s('shared.done') }).click();

    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(SECOND);
    await composer.press('Enter');
    await expect.poll(() => deliveriesOf(SECOND).length, { timeout: 20_000 }).toBe(1);
    const [second] = deliveriesOf(SECOND);
    const header = String(second?.headers['frontdesk-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(signedWith(rotated, header, second?.body ?? '')).toBe(true);
    expect(signedWith(secret, header, second?.body ?? '')).toBe(true);
    expect(signedWith('whsec_not-the-secret', header, second?.body ?? '')).toBe(false);
    expect(await axeProblems(page, 'Webhooks page after a rotation')).toEqual([]);
  });
});
