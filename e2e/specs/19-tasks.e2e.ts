import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, DEMO_PASSWORD, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { field, guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Lena Brandt ${unique}`;
const HOUSEKEEPER = `Hanna Housekeeping ${unique}`;
const HK_EMAIL = `hanna.${unique}@aurora.example`;
const ASK = `Towels ×2 please (${unique})`;
const NOTE = 'Left them on the bed';

interface Item {
  status: string;
  notes: { text: string }[];
  history: { action: string; details: Record<string, unknown> }[];
}

/**
 * Issue 15, spec 19: a receptionist turns a guest's chat into a task for a housekeeper; the
 * housekeeper, on a phone, starts it, loses the network, completes it offline, and when the phone is
 * back the completion is sent once; the guest's chat says "Done". The steps share one story.
 */
describe('a task from a chat, done on a phone that goes offline', () => {
  const browsers = useBrowsers();
  let reception: StaffApi;
  let room = '';
  let phone: Page | undefined;
  let desk: Page | undefined;
  let hkPhone: Page | undefined;
  let taskId = '';

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };
  const item = () => reception.request<Item>('GET', `/api/v1/work-items/${taskId}`);

  it('set-up: a housekeeper with a password, and a guest who asks for towels in their chat', async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    const created = await admin.request<{ invite: { setPasswordUrl: string } }>('POST', '/api/v1/staff', {
      email: HK_EMAIL,
      name: HOUSEKEEPER,
      role: 'field',
    });
    const token = new URL(created.invite.setPasswordUrl).searchParams.get('token');
    const set = await fetch(`${admin.baseUrl}/api/v1/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: DEMO_PASSWORD }),
    });
    expect(set.status).toBeLessThan(300);

    reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: GUEST });
    room = stay.room.number;
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(ASK);
    await composer.press('Enter');
    await phone.locator('.g-msg .g-msg-text', { hasText: ASK }).waitFor();
  });

  it('the receptionist makes a task of the message in two clicks, prefilled, for the housekeeper', async () => {
    needs(phone, 'the guest asked');
    desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: ASK }).first().click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    const dialog = desk.getByRole('dialog', { name: s('tasks.dialogTitle') });
    const title = dialog.getByRole('textbox', { name: field(s('tasks.titleField')) });

    // the header's button says its shortcut, and the shortcut opens the dialog from the guest's latest words
    const headerButton = pane.getByRole('button', { name: s('tasks.action'), exact: true });
    expect(await headerButton.getAttribute('aria-keyshortcuts')).toBe('Alt+K');
    await pane.locator('.fd-msg', { hasText: ASK }).waitFor();
    await desk.keyboard.press('Alt+K');
    expect(await title.inputValue()).toBe(`${ASK} — ${s('tasks.roomSuffix', { room })}`);
    await dialog.getByRole('button', { name: s('shared.cancel') }).click();
    await dialog.waitFor({ state: 'detached' });

    // "Create task from this message": one click for the dialog, one to create
    await pane
      .locator('.fd-msg', { hasText: ASK })
      .getByRole('button', { name: s('tasks.fromMessage') })
      .click();
    expect(await title.inputValue()).toBe(`${ASK} — ${s('tasks.roomSuffix', { room })}`);
    expect(await dialog.getByRole('textbox', { name: s('tasks.description') }).inputValue()).toBe(ASK);
    // the due time is on the hotel's clock, and says so
    await dialog.getByText(s('tasks.dueZone', { zone: 'Europe/Warsaw' })).waitFor();
    await dialog.getByRole('combobox', { name: s('tasks.assignee') }).click();
    await desk.getByRole('option', { name: new RegExp(HOUSEKEEPER) }).click();
    expect(await axeProblems(desk, 'create task dialog')).toEqual([]);
    await dialog.getByRole('button', { name: s('tasks.create') }).click();
    await dialog.waitFor({ state: 'detached' });

    const tasks = pane.getByRole('region', { name: s('tasks.listLabel') });
    await tasks.getByText(`${ASK} — ${s('tasks.roomSuffix', { room })}`).waitFor();
    await tasks.getByText(s('myWork.status.open'), { exact: true }).waitFor();
    expect(await axeProblems(desk, 'conversation with its task')).toEqual([]);
    const list = await reception.request<{ items: { id: string; assignee: { name: string } | null }[] }>(
      'GET',
      `/api/v1/work-items?status=open&limit=200`,
    );
    taskId = list.items.find((i) => i.assignee?.name === HOUSEKEEPER)?.id ?? '';
    expect(taskId).not.toBe('');
  });

  it('the housekeeper starts it on a phone; reception and the guest see it move, live', async () => {
    needs(desk && taskId, 'the task was created');
    hkPhone = await browsers.open('housekeeper phone', PHONE);
    await signIn(hkPhone, HK_EMAIL);
    await hkPhone.waitForURL('**/app/my-work');
    const card = hkPhone.getByRole('article', { name: new RegExp(ASK.replace(/[()×]/g, '.')) });
    await card.getByText(s('myWork.room', { room }), { exact: true }).waitFor();
    expect(await axeProblems(hkPhone, 'my work on a phone')).toEqual([]);
    await card.getByRole('button', { name: s('myWork.start') }).click();
    await card.getByText(s('myWork.status.in_progress'), { exact: true }).waitFor();
    await expect.poll(async () => (await item()).status, { timeout: 15_000 }).toBe('in_progress');
    await phone?.locator('.g-system', { hasText: 'On its way' }).waitFor();
    await desk
      ?.getByRole('region', { name: s('tasks.listLabel') })
      .getByText(s('myWork.status.in_progress'), { exact: true })
      .waitFor();
  });

  it('offline, the completion waits on the phone; back online it is sent once and the guest sees "Done"', async () => {
    needs(hkPhone, 'the housekeeper started it');
    const page = hkPhone as Page;
    const card = page.getByRole('article', { name: new RegExp(ASK.replace(/[()×]/g, '.')) });
    await browsers.contextOf(page).setOffline(true);
    await page.getByText(s('myWork.offlineTitle')).waitFor();
    await card.getByRole('button', { name: s('myWork.complete') }).click();
    await card.getByRole('textbox', { name: s('myWork.noteLabel') }).fill(NOTE);
    await card.getByRole('button', { name: s('myWork.markDone') }).click();
    await card.getByText(s('myWork.waitingToSend')).waitFor();
    await card.getByText(s('myWork.status.done'), { exact: true }).waitFor();
    expect(await axeProblems(page, 'my work, offline with actions waiting')).toEqual([]);
    // nothing reached the server
    await page.waitForTimeout(1500);
    expect((await item()).status).toBe('in_progress');

    await browsers.contextOf(page).setOffline(false);
    await card.getByText(s('myWork.waitingToSend')).waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(async () => (await item()).status, { timeout: 15_000 }).toBe('done');
    await phone?.locator('.g-system', { hasText: /^Done at \d/ }).waitFor();
    await desk
      ?.getByRole('region', { name: s('tasks.listLabel') })
      .getByText(s('myWork.status.done'), { exact: true })
      .waitFor();

    // once: one note, one move to done, one "Done" line in the guest's chat, even after a while
    await page.waitForTimeout(2000);
    const final = await item();
    expect(final.notes.map((n) => n.text)).toEqual([NOTE]);
    expect(final.history.filter((h) => h.action === 'status_changed' && h.details.to === 'done')).toHaveLength(1);
    expect(await phone?.locator('.g-system', { hasText: /^Done at \d/ }).count()).toBe(1);
  });
});
