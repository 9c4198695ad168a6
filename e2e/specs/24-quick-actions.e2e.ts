import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { signIn } from '../support/staff.js';
import { field, guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const TITLE = `Extra pillows ${unique}`;
const GUEST = `Mia Lund ${unique}`;
const REQUEST = `${TITLE} — how many: 3`;

interface Team {
  id: string;
  name: string;
}
interface WorkList {
  items: {
    id: string;
    title: string;
    status: string;
    team: { id: string; name: string } | null;
    conversationId: string | null;
  }[];
}

/**
 * Issue 15 item 3, spec 24: an admin adds a quick action that creates a task for Housekeeping; a
 * guest on a phone taps it with a count; the desk sees the request and the task; the guest follows
 * the task's status in their chat. The steps share one story.
 */
describe('quick actions: from an admin’s catalogue to a guest’s tap and a task', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let housekeeping: Team | undefined;
  let phone: Page | undefined;
  let conversationId = '';
  let taskId = '';
  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('the admin adds "Extra pillows" with a count and a task for Housekeeping', async () => {
    admin = await StaffApi.signIn(accounts.admin);
    const teams = await admin.request<Team[]>('GET', '/api/v1/teams');
    housekeeping =
      teams.find((t) => t.name === 'Housekeeping') ??
      (await admin.request<Team>('POST', '/api/v1/teams', { name: 'Housekeeping' }));
    const page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await page.goto('/app/admin/quickActions');
    await page.getByRole('tab', { name: s('admin.sections.quickActions') }).waitFor();
    expect(await axeProblems(page, 'quick actions admin')).toEqual([]);

    await page.getByRole('button', { name: s('quickActions.add') }).click();
    const dialog = page.getByRole('dialog', { name: s('quickActions.add') });
    await dialog.getByRole('textbox', { name: s('quickActions.titleIn', { language: 'English' }) }).fill(TITLE);
    await dialog.getByRole('textbox', { name: field(s('quickActions.icon')) }).fill('🛏️');
    await dialog.getByRole('checkbox', { name: s('quickActions.askCount') }).check();
    await dialog.getByRole('textbox', { name: s('quickActions.countMax') }).fill('4');
    await dialog.getByRole('combobox', { name: s('quickActions.taskFor') }).click();
    await page.getByRole('option', { name: 'Housekeeping', exact: true }).click();
    expect(await axeProblems(page, 'add quick action dialog')).toEqual([]);
    await dialog.getByRole('button', { name: s('shared.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.getByText('Housekeeping').waitFor();
    expect(await axeProblems(page, 'quick actions with the new one')).toEqual([]);
  });

  it('a guest on a phone is greeted by name and room, and taps it with a count', async () => {
    needs(housekeeping, 'the quick action was added');
    const reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    await phone.getByText(g('quick.helloRoom', { name: GUEST, room: stay.room.number })).waitFor();
    const quick = phone.getByRole('region', { name: g('quick.title') });
    // folded behind one button above the thread
    await quick.getByRole('button', { name: g('quick.title'), expanded: false }).click();
    await quick.getByRole('button', { name: new RegExp(TITLE) }).click();
    const form = quick.getByRole('form', { name: TITLE });
    await form.getByRole('spinbutton', { name: g('quick.count') }).fill('3');
    expect(await axeProblems(phone, 'guest quick request form')).toEqual([]);
    await form.getByRole('button', { name: g('quick.send') }).click();
    await quick.getByText(g('quick.sent')).waitFor();
    await phone.locator('.g-msg .g-msg-text', { hasText: REQUEST }).waitFor();
    await phone.locator('.g-system', { hasText: 'Request received: we are on it' }).waitFor();
    expect(await axeProblems(phone, 'guest page with quick requests')).toEqual([]);
  });

  it('the desk sees the request and the task for Housekeeping; the guest sees it move', async () => {
    needs(phone, 'the guest tapped');
    const list = await admin.request<WorkList>('GET', `/api/v1/work-items?teamId=${housekeeping?.id}&limit=200`);
    const task = list.items.find((i) => i.title.startsWith(`${TITLE} ×3`));
    expect(task).toMatchObject({ status: 'open', team: { name: 'Housekeeping' } });
    taskId = task?.id ?? '';
    conversationId = task?.conversationId ?? '';
    expect(conversationId).not.toBe('');

    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await desk.getByRole('button').filter({ hasText: REQUEST }).first().click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.locator('.fd-msg', { hasText: REQUEST }).waitFor();
    await pane
      .getByRole('region', { name: s('tasks.listLabel') })
      .getByText(new RegExp(`${TITLE} ×3`))
      .waitFor();

    await admin.request('POST', `/api/v1/work-items/${taskId}/status`, { status: 'in_progress' });
    await phone?.locator('.g-system', { hasText: 'On its way' }).waitFor();
    await admin.request('POST', `/api/v1/work-items/${taskId}/status`, { status: 'done' });
    await phone?.locator('.g-system', { hasText: /^Done at \d/ }).waitFor();
  });
});
