import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const nordHeat = {
  admin: 'admin@nordheat.example',
  tech: 'tech@nordheat.example',
} as const;
const unique = Math.random().toString(36).slice(2, 7);
const BATCH = `Winter visits ${unique}`;
const CUSTOMER = `Halina Kowalczyk ${unique}`;
const LAST4 = String(1000 + Math.floor(Math.random() * 8999));
const PHONE_NUMBER = `+48 601 23${LAST4.slice(0, 1)} ${LAST4.slice(1)}`;
const WRONG = LAST4 === '0000' ? '1111' : '0000';
const COMPANY_PHONE = '+48 58 555 01 23';
const QUESTION = `The radiator in the bedroom is cold again (${unique})`;

interface ApiLabel {
  id: string;
  code: string;
  url: string;
  status: string;
}

/**
 * Issue 14, items 3–5: an admin creates a batch of QR labels and opens its sticker sheet; a field
 * technician on a phone types a blank label's code, adds the customer and attaches the label; the
 * customer scans it, proves who they are with their phone's last digits and chats with the company.
 * The steps share one story, so a failing step fails the ones after it.
 */
describe('QR labels: print, attach on site, a customer scans and chats', () => {
  const browsers = useBrowsers();
  let desk: Page;
  let label: ApiLabel | undefined;
  let blank: ApiLabel | undefined;

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('the admin creates a batch, prints it (a PDF opens) and sees its labels', async () => {
    desk = await browsers.open('admin');
    await signIn(desk, nordHeat.admin);
    await nav(desk)
      .getByRole('link', { name: s('labels.nav') })
      .click();
    await desk.waitForURL('**/app/labels');
    await desk.getByRole('heading', { name: s('labels.batches') }).waitFor();
    expect(await axeProblems(desk, 'labels page (admin)')).toEqual([]);

    await desk.getByRole('button', { name: s('labels.create') }).click();
    const create = desk.getByRole('dialog', { name: s('labels.create') });
    await create.getByRole('textbox', { name: s('labels.name') }).fill(BATCH);
    await create.getByRole('textbox', { name: s('labels.size') }).fill('3');
    expect(await axeProblems(desk, 'create labels dialog')).toEqual([]);
    await create.getByRole('button', { name: s('labels.create') }).click();
    await create.waitFor({ state: 'detached' });
    const row = desk.getByRole('row').filter({ hasText: BATCH });
    await row.getByText(s('labels.countsValue', { blank: 3, assigned: 0, retired: 0 })).waitFor();

    await desk.getByRole('button', { name: s('labels.printFor', { name: BATCH }) }).click();
    const print = desk.getByRole('dialog', { name: s('labels.printFor', { name: BATCH }) });
    await print.getByRole('radio', { name: s('labels.layouts.a4-2x5') }).check();
    expect(await axeProblems(desk, 'print labels dialog')).toEqual([]);
    const [pdf] = await Promise.all([
      browsers.contextOf(desk).waitForEvent('response', (r) => r.url().includes('/sheet.pdf')),
      print.getByRole('button', { name: s('labels.openPdf') }).click(),
    ]);
    expect(new URL(pdf.url()).searchParams.get('layout')).toBe('a4-2x5');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    await row.getByRole('link', { name: BATCH }).click();
    await desk.getByRole('heading', { name: s('labels.batchTitle', { name: BATCH }) }).waitFor();
    await expect
      .poll(() =>
        desk
          .getByRole('row')
          .filter({ hasText: s('labels.statuses.blank') })
          .count(),
      )
      .toBe(3);
    expect(await axeProblems(desk, 'label batch page')).toEqual([]);

    // the link a label's QR opens, as the sticker carries it
    const api = await StaffApi.signIn(nordHeat.admin);
    const { batches } = await api.request<{ batches: { id: string; name: string }[] }>('GET', '/api/v1/label-batches');
    const batch = batches.find((b) => b.name === BATCH);
    needs(batch, 'the batch was created');
    const { labels } = await api.request<{ labels: ApiLabel[] }>('GET', `/api/v1/labels?batchId=${batch?.id}`);
    [label, blank] = labels;
    expect(label?.status).toBe('blank');
  });

  it('the admin gives the company a contact phone, which a blank label shows whoever scans it', async () => {
    needs(blank, 'a second blank label exists');
    await desk.goto('/app/admin/organization');
    await desk.getByRole('textbox', { name: s('admin.org.contactPhone') }).fill(COMPANY_PHONE);
    await desk.getByRole('button', { name: s('shared.save') }).click();
    await desk.getByText(s('admin.org.saved')).waitFor();
    expect(await axeProblems(desk, 'organization settings with contact details')).toEqual([]);

    const stranger = await browsers.open('stranger phone', PHONE);
    await stranger.goto(new URL(blank?.url ?? '').pathname);
    await stranger.getByText(g('label.blank')).waitFor();
    await stranger.getByRole('link', { name: COMPANY_PHONE }).waitFor();
    expect(await stranger.getByRole('textbox').count()).toBe(0);
    expect(await axeProblems(stranger, 'label scan: a blank label')).toEqual([]);
  });

  it('the technician, on a phone, types the blank label’s code, adds the customer and attaches it', async () => {
    needs(label, 'a blank label exists');
    const code = label?.code ?? '';
    const phone = await browsers.open('technician phone', PHONE);
    await signIn(phone, nordHeat.tech);
    await phone.goto('/app/labels');
    await phone.getByRole('link', { name: s('labels.attach') }).click();
    await phone.waitForURL('**/app/labels/attach');
    expect(await axeProblems(phone, 'attach a label (phone)')).toEqual([]);

    // typed as people do: lower case, without the dash
    await phone.getByRole('textbox', { name: s('labels.scan.code') }).fill(code.replace('-', '').toLowerCase());
    await phone.getByRole('button', { name: s('labels.scan.find') }).click();
    await phone.getByRole('heading', { name: s('labels.found.title', { code }) }).waitFor();
    await phone.getByText(s('labels.found.blank')).waitFor();

    const form = phone
      .locator('form')
      .filter({ has: phone.getByRole('heading', { name: s('labels.pick.newCustomer') }) });
    await form.getByRole('textbox', { name: s('labels.pick.name') }).fill(CUSTOMER);
    await form.getByRole('textbox', { name: s('labels.pick.phone') }).fill(PHONE_NUMBER);
    await form.getByRole('textbox', { name: s('labels.pick.street') }).fill('ul. Długa 12');
    await form.getByRole('textbox', { name: s('labels.pick.postcode') }).fill('80-831');
    await form.getByRole('textbox', { name: s('labels.pick.city') }).fill('Gdańsk');
    expect(await axeProblems(phone, 'attach a label: customer (phone)')).toEqual([]);
    await form.getByRole('button', { name: s('labels.pick.add') }).click();
    await phone.getByText(s('labels.done.body', { code, customer: CUSTOMER })).waitFor();
    expect(await axeProblems(phone, 'label attached (phone)')).toEqual([]);

    // and it is among the labels this technician attached
    await phone.getByRole('link', { name: s('labels.mine') }).click();
    const mine = phone.getByRole('table', { name: s('labels.mine') });
    await mine.getByRole('row').filter({ hasText: code }).filter({ hasText: CUSTOMER }).waitFor();
  });

  it('the customer scans the label, sees nothing personal, answers wrongly, then rightly, and chats', async () => {
    needs(label, 'the label was attached');
    const customer = await browsers.open('customer phone', PHONE);
    await customer.goto(new URL(label?.url ?? '').pathname);
    await customer.getByRole('heading', { name: 'Nord Heat' }).waitFor();
    await customer.getByRole('heading', { name: g('label.title') }).waitFor();
    const page = (await customer.locator('body').textContent()) ?? '';
    expect(page).not.toContain(CUSTOMER);
    expect(page).not.toContain(LAST4);
    expect(page).not.toContain('Długa');
    expect(await axeProblems(customer, 'label scan: confirm it is you')).toEqual([]);

    await customer.getByRole('radio', { name: g('label.phone_last4') }).check();
    const answer = customer.getByRole('textbox', { name: g('label.phone_last4') });
    await answer.fill(WRONG);
    await customer.getByRole('button', { name: g('label.submit') }).click();
    await customer
      .getByRole('alert')
      .filter({ hasText: g('label.wrong') })
      .waitFor();
    expect(await axeProblems(customer, 'label scan: a wrong answer')).toEqual([]);

    await answer.fill(LAST4);
    await customer.getByRole('button', { name: g('label.submit') }).click();
    await customer.waitForURL('**/g/nord-heat');
    const box = customer.getByRole('textbox', { name: g('chat.composerLabel') });
    await box.fill(QUESTION);
    await box.press('Enter');
    await sentByGuest(customer, QUESTION).waitFor();
    expect(await axeProblems(customer, 'label scan: the chat')).toEqual([]);
  });

  it('the admin sees the customer’s message in the inbox', async () => {
    needs(desk, 'the admin is signed in');
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: QUESTION }).waitFor();
  });
});
