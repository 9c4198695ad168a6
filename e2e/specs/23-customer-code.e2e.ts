import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../apps/server/test/smtp.js';
import { DEMO_PASSWORD } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { type RunningFrontdesk, startFrontdesk } from '../support/server.js';
import { SHOTS_DIR } from '../support/shots.js';
import { guest as g } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const unique = Math.random().toString(36).slice(2, 7);
const CUSTOMER = `Marta Lis ${unique}`;
const ADDRESS = `marta-${unique}@example.test`;

/**
 * Issue 14, item 5: a customer scans their label on a phone, asks for a one-time code by e-mail,
 * reads it in the mail (a real SMTP server this spec starts, behind a Frontdesk server of its own
 * that sends to it), types it and is in their chat. Spec-own server: the shared one keeps its mail.
 */
describe('a customer confirms who they are with a code e-mailed to them', () => {
  const browsers = useBrowsers();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let frontdesk: RunningFrontdesk;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    frontdesk = await startFrontdesk({
      logFile: join(SHOTS_DIR, 'server-23.log'),
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Nord Heat <desk@nordheat.example>' },
    });
  });
  afterAll(async () => {
    await frontdesk?.stop();
    await smtp?.close();
  });

  async function staffRequest<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${frontdesk.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  it('scan, “E-mail me a code”, the code from the e-mail, and the company’s page opens', async () => {
    const login = await fetch(`${frontdesk.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const { customer } = await staffRequest<{ customer: { id: string } }>(token, 'POST', '/api/v1/customers', {
      name: CUSTOMER,
      phones: ['+48 600 100 200'],
      emails: [ADDRESS],
      language: 'en',
    });
    const batch = await staffRequest<{ id: string }>(token, 'POST', '/api/v1/label-batches', {
      name: `Codes ${unique}`,
      size: 1,
    });
    const { labels } = await staffRequest<{ labels: { id: string; url: string }[] }>(
      token,
      'GET',
      `/api/v1/labels?batchId=${batch.id}`,
    );
    const label = labels[0];
    if (!label) throw new Error('the batch has no label');
    await staffRequest(token, 'POST', `/api/v1/labels/${label.id}/assign`, { customerId: customer.id });

    const phone = await browsers.open('customer phone', PHONE);
    await phone.goto(label.url);
    await phone.getByRole('heading', { name: g('label.title') }).waitFor();
    await phone.getByRole('radio', { name: g('label.email_code') }).check();
    await phone.getByRole('button', { name: g('emailCode.send') }).click();
    await phone.getByText('m•••@e•••.test').waitFor();
    expect(await phone.getByText(ADDRESS).count()).toBe(0);
    expect(await axeProblems(phone, 'the e-mailed code step (phone)')).toEqual([]);

    await expect.poll(() => smtp.to(ADDRESS).length, { timeout: 30_000 }).toBe(1);
    const mail = smtp.to(ADDRESS)[0];
    const code = mail?.parsed.text?.match(/\b(\d{6})\b/)?.[1];
    expect(code, mail?.parsed.text).toBeDefined();

    // a wrong code first: plain words, and the right one still works after it
    await phone.getByRole('textbox', { name: g('emailCode.field') }).fill(code === '000000' ? '111111' : '000000');
    await phone.getByRole('button', { name: g('emailCode.submit') }).click();
    await phone
      .getByRole('alert')
      .filter({ hasText: g('label.wrong') })
      .waitFor();
    await phone.getByRole('textbox', { name: g('emailCode.field') }).fill(code ?? '');
    await phone.getByRole('button', { name: g('emailCode.submit') }).click();
    await phone.waitForURL('**/g/nord-heat');
    await phone.getByText(g('customerRequests.make')).waitFor();
    expect(await axeProblems(phone, 'the customer’s page after the code')).toEqual([]);
  });
});
