import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { signIn } from '../support/staff.js';
import { common as c, requestForm as f, guest as g, staff as s } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const unique = Math.random().toString(36).slice(2, 7);
const FORM = `Leak photos ${unique}`;
const CUSTOMER = `Marta Lis ${unique}`;
const LAST4 = String(1000 + Math.floor(Math.random() * 8999));
const PHONE_NUMBER = `+48 603 22${LAST4.slice(0, 1)} ${LAST4.slice(1)}`;
/** A photo as a phone's camera hands it to the page (a small red JPEG). */
const PHOTO = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCABaAHgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYH/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AlAE608AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB/9k=',
  'base64',
);

const definition = {
  steps: [
    {
      title: '',
      fields: [
        { key: 'where', type: 'short_text', label: 'Where does it leak?', required: true },
        { key: 'pics', type: 'photo', label: 'Photos of the leak', help: 'Use your camera', required: true },
      ],
    },
  ],
};

/**
 * Issue 14, item 6: a customer who scanned their label answers a photo question with the phone's
 * camera; the admin sees the photo on the lead and opens it. One story: a failing step fails the rest.
 */
describe('request forms: a photo from the customer’s phone reaches the lead', () => {
  const browsers = useBrowsers();
  let labelPath: string | undefined;
  let customer: Page | undefined;

  it('set-up: a published form with a photo question, and a customer with a label', async () => {
    const api = await StaffApi.signIn(ADMIN);
    const form = await api.request<{ id: string }>('POST', '/api/v1/forms', { name: FORM, draft: definition });
    await api.request('POST', `/api/v1/forms/${form.id}/publish`, {});
    const created = await api.request<{ customer: { id: string } }>('POST', '/api/v1/customers', {
      name: CUSTOMER,
      phones: [PHONE_NUMBER],
    });
    const batch = await api.request<{ id: string }>('POST', '/api/v1/label-batches', {
      name: `Photos ${unique}`,
      size: 1,
    });
    const { labels } = await api.request<{ labels: { id: string; url: string }[] }>(
      'GET',
      `/api/v1/labels?batchId=${batch.id}`,
    );
    const [label] = labels;
    if (!label) expect.fail('the batch has no label');
    await api.request('POST', `/api/v1/labels/${label.id}/assign`, { customerId: created.customer.id });
    labelPath = new URL(label.url).pathname;
  });

  it('the customer scans the label, takes a photo for the form and sends it', async () => {
    if (!labelPath) expect.fail('the label was not attached');
    const phone = await browsers.open('customer phone', PHONE);
    customer = phone;
    await phone.goto(labelPath);
    await phone.getByRole('textbox', { name: g('label.phone_last4') }).fill(LAST4);
    await phone.getByRole('button', { name: g('label.submit') }).click();
    await phone.waitForURL('**/g/nord-heat');

    await phone.getByText(g('customerRequests.make')).click();
    await phone.getByRole('button', { name: new RegExp(FORM) }).click();
    const dialog = phone.getByRole('dialog', { name: FORM });
    await dialog.getByRole('textbox', { name: /Where does it leak/ }).fill('Under the sink');
    // the photo is required: sending without it points at it
    await dialog.getByRole('button', { name: f('send') }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: f('missingSome') })
      .waitFor();

    const input = dialog.locator('input[type=file]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'sink.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    const preview = dialog.getByRole('img', { name: f('photoN', { n: 1 }) });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: f('photoRemove', { n: 1 }) }).waitFor();
    expect(await axeProblems(phone, 'a request form with a photo taken (phone)')).toEqual([]);

    await dialog.getByRole('button', { name: f('send') }).click();
    await dialog.waitFor({ state: 'detached' });
    await phone.getByText(g('customerRequests.sent')).waitFor();
    // the customer sees the photo in their request
    await phone.getByText(g('customerRequests.mine', { n: 1 })).click();
    const own = phone.locator('.g-my-request').getByRole('img', { name: c('attachments.open', { name: 'sink.webp' }) });
    await own.waitFor();
    expect(await axeProblems(phone, 'the customer’s request with its photo (phone)')).toEqual([]);
  });

  it('the admin sees the photo on the lead and opens it full size', async () => {
    if (!customer) expect.fail('the customer did not send the request');
    const desk = await browsers.open('admin');
    await signIn(desk, ADMIN);
    await desk.goto('/app/leads');
    await desk.getByRole('searchbox', { name: s('leads.search') }).fill(CUSTOMER);
    await desk.getByRole('link', { name: CUSTOMER }).click();
    await desk.getByRole('heading', { name: FORM }).waitFor();
    await desk.getByText('Photos of the leak').waitFor();
    const thumbnail = desk.getByRole('img', { name: c('attachments.open', { name: 'sink.webp' }) });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await thumbnail.getAttribute('src')).toMatch(
      /^\/api\/v1\/leads\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}\/thumbnail$/,
    );
    expect(await axeProblems(desk, 'a lead with a photo')).toEqual([]);

    await thumbnail.click();
    const viewer = desk.getByRole('dialog', { name: c('attachments.viewer', { name: 'sink.webp' }) });
    await viewer.waitFor();
    const full = viewer.getByRole('img', { name: 'sink.webp' });
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await axeProblems(desk, 'a lead’s photo opened')).toEqual([]);
  });
});
