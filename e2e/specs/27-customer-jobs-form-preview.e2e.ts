import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { signIn } from '../support/staff.js';
import { requestForm as f, staff as s } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const unique = Math.random().toString(36).slice(2, 7);
const CUSTOMER = `Olga Jobs ${unique}`;
const JOB = `Boiler service ${unique}`;
const FORM = `Photo preview ${unique}`;
/** A photo as a phone's camera hands it to the page (a small red JPEG). */
const PHOTO = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCABaAHgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYH/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AlAE608AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB/9k=',
  'base64',
);

/**
 * Issue 14: a customer's page lists their jobs (work orders and tasks) beside their requests and
 * chats; the form designer sets how many photos a photo question takes, and its preview takes
 * photos in the browser only (nothing uploaded).
 */
describe('a customer’s jobs, and photo questions in the designer', () => {
  const browsers = useBrowsers();

  it('the admin sees a customer’s work order on their page and follows it to the item', async () => {
    const api = await StaffApi.signIn(ADMIN);
    const me = await api.request<{ id: string; name: string }>('GET', '/api/v1/auth/me');
    const { customer } = await api.request<{ customer: { id: string } }>('POST', '/api/v1/customers', {
      name: CUSTOMER,
    });
    await api.request('POST', '/api/v1/work-items', {
      kind: 'work_order',
      title: JOB,
      customerId: customer.id,
      assigneeId: me.id,
      window: { start: '2027-02-03T08:00:00.000Z', end: '2027-02-03T11:00:00.000Z' },
    });

    const desk = await browsers.open('admin');
    await signIn(desk, ADMIN);
    await desk.goto(`/app/customers/${customer.id}`);
    await desk.getByRole('heading', { name: CUSTOMER }).waitFor();
    const jobs = desk.getByRole('region', { name: s('customers.history.work') });
    const job = jobs.getByRole('listitem').filter({ hasText: JOB });
    await job.waitFor();
    await job.getByText(s('work.statuses.scheduled')).waitFor();
    await job.getByText(s('customers.history.assignee', { name: me.name })).waitFor();
    // the window on the company's clock (Europe/Warsaw: UTC+1 in February)
    await job.getByText(s('work.kinds.work_order'), { exact: false }).waitFor();
    expect(await job.innerText()).toMatch(/09:00.*12:00/s);
    await desk
      .getByRole('region', { name: s('customers.history.requests') })
      .getByText(s('customers.history.noRequests'))
      .waitFor();
    expect(await axeProblems(desk, 'customer page with jobs')).toEqual([]);

    await jobs.getByRole('link', { name: JOB }).click();
    await desk.waitForURL('**/app/work/**');
    await desk.getByRole('heading', { name: JOB }).waitFor();
  });

  it('the admin lets a photo question take 2 photos and tries it in the preview without uploading', async () => {
    const api = await StaffApi.signIn(ADMIN);
    await api.request('POST', '/api/v1/forms', {
      name: FORM,
      draft: {
        steps: [{ title: '', fields: [{ key: 'pics', type: 'photo', label: 'Photos of the boiler', required: true }] }],
      },
    });
    const desk = await browsers.open('designer');
    const uploads: string[] = [];
    desk.on('request', (req) => {
      if (req.url().includes('/attachments')) uploads.push(req.url());
    });
    await signIn(desk, ADMIN);
    await desk.goto('/app/admin/forms');
    await desk.getByRole('button', { name: new RegExp(FORM) }).click();
    const most = desk.getByRole('textbox', { name: s('formDesigner.maxPhotos', { max: 10 }) });
    // saved without a maximum: the default
    expect(await most.inputValue()).toBe('5');
    await most.fill('2');
    expect(await axeProblems(desk, 'form designer with a photo question')).toEqual([]);

    await desk.getByRole('button', { name: s('formDesigner.preview') }).click();
    const preview = desk.getByRole('dialog', { name: s('formDesigner.previewTitle', { name: FORM }) });
    await preview.getByText(f('photoMax', { max: 2 })).waitFor();
    const input = preview.locator('input[type=file]');
    await input.setInputFiles([
      { name: 'a.jpg', mimeType: 'image/jpeg', buffer: PHOTO },
      { name: 'b.jpg', mimeType: 'image/jpeg', buffer: PHOTO },
      { name: 'c.jpg', mimeType: 'image/jpeg', buffer: PHOTO },
    ]);
    const second = preview.getByRole('img', { name: f('photoN', { n: 2 }) });
    await second.waitFor();
    await expect.poll(() => second.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // two of the three: the most this question takes
    expect(await preview.locator('.rf-photos img').count()).toBe(2);
    await preview.getByText(f('photoLimit', { max: 2 })).waitFor();
    expect(await axeProblems(desk, 'form preview with photos')).toEqual([]);
    await preview.getByRole('button', { name: f('photoRemove', { n: 2 }) }).click();
    await expect.poll(() => preview.locator('.rf-photos img').count()).toBe(1);
    await preview.getByText(f('photoAnother')).waitFor();
    expect(uploads).toEqual([]);
    await desk.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    await desk.getByRole('button', { name: s('formDesigner.save') }).click();
    await expect
      .poll(async () => {
        const forms = await api.request<{
          forms: { name: string; draft: { steps: { fields: { maxPhotos?: number }[] }[] } }[];
        }>('GET', '/api/v1/forms');
        return forms.forms.find((x) => x.name === FORM)?.draft.steps[0]?.fields[0]?.maxPhotos;
      })
      .toBe(2);
  });
});
