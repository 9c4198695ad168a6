import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Ada Brenner ${unique}`;
const EMAIL = `ada.${unique}@example.com`;
const ASK = `Is the spa open tonight? ${unique}`;
const REPLY = `Yes, until 22:00 — ${unique}`;

/** The guest's answer from GET /api/v1/guest/stay-summary, asked with the phone's own session. */
async function summaryOf(phone: Page): Promise<{ email: string | null }> {
  const res = await phone.request.get('/api/v1/guest/stay-summary');
  expect(res.status()).toBe(200);
  return (await res.json()) as { email: string | null };
}

/**
 * Whether `message` is on screen as the guest's read receipts count it (use-read-receipts.ts: 60% of
 * it inside the window), and inside the chat's scrolled thread rather than scrolled away.
 */
function inView(message: Locator): Promise<boolean> {
  return message.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const thread = element.closest('.g-timeline')?.getBoundingClientRect();
    if (!thread || box.height === 0) return false;
    const shown = Math.min(box.bottom, thread.bottom, window.innerHeight) - Math.max(box.top, thread.top, 0);
    return shown / box.height >= 0.6;
  });
}

/**
 * Issue 16 item 6, spec 36: a checked-in guest opens "Stay summary" from the chat header, gives an
 * e-mail address in its dialog and later takes it back; the server has what they chose each time.
 * The dialog never hides the thread: the newest message stays in view, and a receptionist's reply
 * still gets the guest's read receipt. The steps share one story.
 */
describe('stay summary e-mail: a guest opts in and out from the chat header', () => {
  const browsers = useBrowsers();
  let reception: StaffApi;
  let phone: Page | undefined;
  let stayId = '';
  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };
  const optedIn = async () => {
    const stay = await reception.request<{ guests: { summaryOptIn: boolean }[] }>('GET', `/api/v1/stays/${stayId}`);
    return stay.guests[0]?.summaryOptIn;
  };
  const entry = (page: Page) => page.getByRole('button', { name: g('staySummary.entry'), exact: true });
  const dialogOf = (page: Page) => page.getByRole('dialog', { name: g('staySummary.open') });

  it('the guest writes, opens "Stay summary" from the header and asks for the e-mail', async () => {
    reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: GUEST });
    stayId = stay.id;
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(ASK);
    await composer.press('Enter');
    const asked = sentByGuest(phone, ASK);
    await asked.waitFor();

    await entry(phone).click();
    const dialog = dialogOf(phone);
    await dialog.waitFor();
    await dialog.getByText(g('staySummary.notSet')).waitFor();
    expect(await axeProblems(phone, 'guest stay summary dialog')).toEqual([]);
    await dialog.getByRole('textbox', { name: g('staySummary.field') }).fill(EMAIL);
    await dialog.getByRole('button', { name: g('staySummary.save') }).click();
    await dialog.getByText(g('staySummary.set', { email: EMAIL })).waitFor();
    expect(await axeProblems(phone, 'guest stay summary dialog, opted in')).toEqual([]);

    expect(await summaryOf(phone)).toEqual({ email: EMAIL });
    expect(await optedIn()).toBe(true);

    // Escape closes it, focus goes back to the header's button, and the newest message is in view
    await phone.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => entry(phone as Page).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await inView(asked)).toBe(true);
  });

  it("a receptionist's reply shows as the newest message and gets the guest's read receipt", async () => {
    needs(phone, 'the guest opted in');
    const page = phone as Page;
    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await desk.getByRole('button').filter({ hasText: ASK }).first().click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.waitFor();
    await pane.getByRole('button', { name: s('inbox.take') }).click();
    const reply = pane.getByRole('textbox', { name: s('composer.label') });
    await reply.fill(REPLY);
    await reply.press('Enter');

    const answer = page.getByRole('listitem').filter({ hasText: REPLY });
    await answer.waitFor();
    await expect.poll(() => inView(answer)).toBe(true);
    const thread = pane.getByRole('log', { name: s('inbox.messages') });
    await thread.getByText(s('inbox.receipt.read'), { exact: true }).waitFor();
  });

  it('the guest takes it back: no address kept, the desk sees no opt-in', async () => {
    needs(phone, 'the guest opted in');
    const page = phone as Page;
    await entry(page).click();
    const dialog = dialogOf(page);
    await dialog.getByText(g('staySummary.set', { email: EMAIL })).waitFor();
    await dialog.getByRole('button', { name: g('staySummary.cancel') }).click();
    await dialog.getByText(g('staySummary.notSet')).waitFor();
    expect(await summaryOf(page)).toEqual({ email: null });
    expect(await optedIn()).toBe(false);

    await dialog.getByRole('button', { name: g('staySummary.close') }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await inView(page.getByRole('listitem').filter({ hasText: REPLY }))).toBe(true);
  });
});
