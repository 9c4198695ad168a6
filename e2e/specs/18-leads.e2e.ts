import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { nav, signIn } from '../support/staff.js';
import { requestForm as f, guest as g, staff as s } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const unique = Math.random().toString(36).slice(2, 7);
const FORM = `Radiator check ${unique}`;
const CUSTOMER = `Zofia Nowicka ${unique}`;
const LAST4 = String(1000 + Math.floor(Math.random() * 8999));
const PHONE_NUMBER = `+48 602 11${LAST4.slice(0, 1)} ${LAST4.slice(1)}`;
const DETAILS = `The radiator in the hall ticks (${unique})`;

/** A small two-step form: a yes/no whose "yes" asks one more question, then the visit's window. */
const definition = {
  steps: [
    {
      title: 'The problem',
      fields: [
        { key: 'cold', type: 'yes_no', label: 'Is a radiator cold?', required: true },
        {
          key: 'which',
          type: 'short_text',
          label: 'Which room?',
          required: true,
          showIf: { field: 'cold', equals: true },
        },
        { key: 'details', type: 'long_text', label: 'Anything else?', help: 'Noises, smells' },
      ],
    },
    { title: 'The visit', fields: [{ key: 'when', type: 'time_window', label: 'When may we come?', required: true }] },
  ],
};

/**
 * Request forms and leads: the admin's published form, a customer verified at their label fills it
 * on a phone and sends it into their chat, and the admin works the lead in the leads inbox.
 * The steps share one story, so a failing step fails the ones after it.
 */
describe('request forms: a customer sends a request, the company works the lead', () => {
  const browsers = useBrowsers();
  let labelPath: string | undefined;
  let customer: Page | undefined;
  let formId: string | undefined;
  let customerId: string | undefined;

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('set-up: a published form, a customer with a phone and a label attached to them', async () => {
    const api = await StaffApi.signIn(ADMIN);
    const form = await api.request<{ id: string }>('POST', '/api/v1/forms', { name: FORM, draft: definition });
    await api.request('POST', `/api/v1/forms/${form.id}/publish`, {});
    formId = form.id;
    const created = await api.request<{ customer: { id: string } }>('POST', '/api/v1/customers', {
      name: CUSTOMER,
      phones: [PHONE_NUMBER],
    });
    const batch = await api.request<{ id: string }>('POST', '/api/v1/label-batches', {
      name: `Leads ${unique}`,
      campaign: `Autumn ${unique}`,
      size: 1,
    });
    const { labels } = await api.request<{ labels: { id: string; url: string }[] }>(
      'GET',
      `/api/v1/labels?batchId=${batch.id}`,
    );
    const [label] = labels;
    needs(label, 'the batch has a label');
    await api.request('POST', `/api/v1/labels/${label?.id}/assign`, { customerId: created.customer.id });
    labelPath = new URL(label?.url ?? '').pathname;
    customerId = created.customer.id;
  });

  it('the customer, on a phone, verifies at the label and fills the form step by step', async () => {
    needs(labelPath, 'the label was attached');
    const phone = await browsers.open('customer phone', PHONE);
    customer = phone;
    await phone.goto(labelPath ?? '');
    await phone.getByRole('textbox', { name: g('label.phone_last4') }).fill(LAST4);
    await phone.getByRole('button', { name: g('label.submit') }).click();
    await phone.waitForURL('**/g/nord-heat');

    await phone.getByText(g('customerRequests.make')).click();
    await phone.getByRole('button', { name: new RegExp(FORM) }).waitFor();
    expect(await axeProblems(phone, 'make a request: the forms')).toEqual([]);
    await phone.getByRole('button', { name: new RegExp(FORM) }).click();
    const dialog = phone.getByRole('dialog', { name: FORM });
    await dialog.getByText(f('step', { n: 1, total: 2 }), { exact: false }).waitFor();

    // "Which room?" waits for a yes; Next without the required answers points at what is missing
    expect(await dialog.getByRole('textbox', { name: /Which room/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: f('next') }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: f('missingSome') })
      .waitFor();
    await dialog.getByRole('radio', { name: f('yes') }).check();
    await dialog.getByRole('textbox', { name: /Which room/ }).fill('Hall');
    await dialog.getByRole('textbox', { name: /Anything else/ }).fill(DETAILS);
    expect(await axeProblems(phone, 'a request form, step 1 (phone)')).toEqual([]);
    await dialog.getByRole('button', { name: f('next') }).click();

    await dialog.getByText(f('step', { n: 2, total: 2 }), { exact: false }).waitFor();
    await dialog.getByLabel(f('date'), { exact: true }).fill('2027-02-03');
    await dialog.getByLabel(f('from'), { exact: true }).fill('08:00');
    await dialog.getByLabel(f('to'), { exact: true }).fill('12:00');
    expect(await axeProblems(phone, 'a request form, step 2 (phone)')).toEqual([]);
    await dialog.getByRole('button', { name: f('send') }).click();

    await dialog.waitFor({ state: 'detached' });
    await phone.getByText(g('customerRequests.sent')).waitFor();
    // the request's summary opens the chat
    await sentByGuest(phone, DETAILS).waitFor();
    await phone.getByText(g('customerRequests.mine', { n: 1 })).click();
    await phone.getByText(g('customerRequests.status.new')).waitFor();
    expect(await axeProblems(phone, 'the chat with the request sent (phone)')).toEqual([]);
  });

  it('the admin finds the lead in the leads inbox, reads it and marks it contacted', async () => {
    needs(customer, 'the customer sent the request');
    const desk = await browsers.open('admin');
    await signIn(desk, ADMIN);
    // exact: the inbox link's name holds "Queued requests: n" while a request waits in a queue
    await nav(desk)
      .getByRole('link', { name: s('leads.nav'), exact: true })
      .click();
    await desk.waitForURL('**/app/leads');
    await desk.getByRole('searchbox', { name: s('leads.search') }).fill(CUSTOMER);
    const link = desk.getByRole('link', { name: CUSTOMER });
    await link.waitFor();
    expect(await axeProblems(desk, 'leads inbox')).toEqual([]);
    await link.click();

    await desk.getByRole('heading', { name: FORM }).waitFor();
    await desk.getByText(s('leads.formVersion', { name: FORM, version: 1 }), { exact: false }).waitFor();
    await desk.getByText('Is a radiator cold?').waitFor();
    await desk.getByText('Hall', { exact: true }).waitFor();
    await desk.getByText('February 3, 2027, 08:00–12:00').waitFor();
    await desk.getByText(s('leads.campaign', { campaign: `Autumn ${unique}` }), { exact: false }).waitFor();
    await desk.getByRole('link', { name: CUSTOMER }).waitFor();
    await desk.getByRole('link', { name: s('leads.openChat') }).waitFor();
    expect(await axeProblems(desk, 'a lead')).toEqual([]);

    await desk.getByRole('button', { name: s('leads.markContacted') }).click();
    await desk.getByText(s('leads.changed', { status: s('leads.status.contacted') })).waitFor();
    await desk.getByRole('link', { name: s('leads.back') }).click();
    await desk.getByRole('tab', { name: s('leads.status.contacted') }).click();
    await desk.getByRole('link', { name: CUSTOMER }).waitFor();
  });

  it('the admin opens the form in the designer, previews the draft and publishes version 2', async () => {
    needs(customer, 'the form was used');
    const desk = await browsers.open('designer');
    await signIn(desk, ADMIN);
    await desk.goto('/app/admin/forms');
    await desk.getByRole('button', { name: new RegExp(FORM) }).click();
    const name = desk.getByRole('textbox', { name: s('formDesigner.name') });
    await name.waitFor();
    expect(await axeProblems(desk, 'request form designer')).toEqual([]);
    await desk.getByRole('textbox', { name: s('formDesigner.description') }).fill('Cold radiators, ticking pipes');
    await desk
      .getByRole('textbox', { name: s('formDesigner.help') })
      .first()
      .fill('Touch it with your hand first');

    await desk.getByRole('button', { name: s('formDesigner.preview') }).click();
    const preview = desk.getByRole('dialog', { name: s('formDesigner.previewTitle', { name: FORM }) });
    await preview.getByText('Cold radiators, ticking pipes').waitFor();
    await preview.getByText(f('step', { n: 1, total: 2 }), { exact: false }).waitFor();
    expect(await axeProblems(desk, 'request form preview')).toEqual([]);
    await desk.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    await desk.getByRole('button', { name: s('formDesigner.publish') }).click();
    await desk.getByText(s('formDesigner.publishedNow', { version: 2 })).waitFor();
    await desk.getByText(s('formDesigner.published', { version: 2 })).waitFor();
  });

  it('a second request reaches the open leads inbox live; the admin reads where requests come from and the customer’s history', async () => {
    needs(customer, 'the customer sent the first request');
    const desk = await browsers.open('live desk');
    await signIn(desk, ADMIN);
    await desk.goto('/app/leads');
    await desk.getByRole('searchbox', { name: s('leads.search') }).fill(CUSTOMER);
    // the first request was marked contacted: nothing new from them yet
    await desk.getByText(s('leads.noMatch', { q: CUSTOMER })).waitFor();

    // the customer sends another from their phone (their session, their browser)
    const status = await customer?.evaluate(
      async ({ id }) =>
        (
          await fetch('/api/v1/guest/leads', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              formId: id,
              answers: { cold: false, when: { date: '2027-02-04', from: '08:00', to: '12:00' } },
            }),
          })
        ).status,
      { id: formId },
    );
    expect(status).toBe(201);
    // no reload: the socket brings it
    await desk.getByRole('link', { name: CUSTOMER }).waitFor();

    await nav(desk)
      .getByRole('link', { name: s('leadReport.nav') })
      .click();
    await desk.getByRole('heading', { name: s('leadReport.title') }).waitFor();
    const byForm = desk.getByRole('table', { name: s('leadReport.byForm') });
    await byForm.getByRole('row', { name: new RegExp(FORM) }).waitFor();
    await desk.getByRole('link', { name: s('leadReport.download') }).waitFor();
    expect(await axeProblems(desk, 'request sources report')).toEqual([]);

    await desk.goto(`/app/customers/${customerId}`);
    await desk.getByRole('heading', { name: s('customers.history.requests') }).waitFor();
    expect(await desk.getByRole('link', { name: FORM }).count()).toBe(2);
    await desk.getByRole('heading', { name: s('customers.history.chats') }).waitFor();
    expect(await axeProblems(desk, 'a customer with their requests and chats')).toEqual([]);
  });
});
