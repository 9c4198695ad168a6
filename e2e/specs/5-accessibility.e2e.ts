import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, DEMO_ORG, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const ROOM = '114';
const GUEST = 'Ines Ruiz';

/** Waits until no "Loading…" is left on the page and animations have settled. */
async function settled(page: Page): Promise<void> {
  const loading = page.getByRole('status').filter({ hasText: s('common:loading') });
  await expect.poll(() => loading.count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await settled(page);
  const problems = await axeProblems(page, what);
  expect(problems, `serious or critical accessibility problems on ${what}:\n${problems.join('\n')}`).toEqual([]);
}

/**
 * Issue 5, spec 5: axe finds no serious or critical violation on the guest's code entry and chat,
 * the staff inbox with a conversation open, every admin page, and the platform page with its
 * create-organization dialog (the others are printed).
 */
describe('accessibility (axe)', () => {
  const browsers = useBrowsers();
  let guestUrl = '';

  beforeAll(async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST }, ROOM);
    guestUrl = pathOf(stay.guests[0]?.url ?? '');
  });

  it('the guest code entry', async () => {
    const page = await browsers.open('guest code entry', PHONE);
    await page.goto(`/g/${DEMO_ORG}`);
    await page.getByRole('heading', { name: g('entry.welcome') }).waitFor();
    await expectAccessible(page, 'the guest code entry');
    await browsers.close(page);
  });

  it('the guest chat', async () => {
    const phone = await browsers.open('guest chat', PHONE);
    await phone.goto(guestUrl);
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill('Is the spa open tonight?');
    await composer.press('Enter');
    await sentByGuest(phone, 'Is the spa open tonight?').waitFor();
    await composer.fill('And until when?');
    await expectAccessible(phone, 'the guest chat');
    await browsers.close(phone);
  });

  it('the staff inbox, with a conversation open', async () => {
    const desk = await browsers.open('staff inbox');
    await signIn(desk, accounts.reception2);
    await desk.waitForURL((url) => url.pathname === '/app');
    await desk.getByRole('button').filter({ hasText: 'Is the spa open tonight?' }).click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    await pane.getByRole('button', { name: s('inbox.take') }).click();
    await pane.getByRole('textbox', { name: s('composer.label') }).fill('Until 22:00.');
    await pane.getByRole('textbox', { name: s('composer.label') }).press('Enter');
    const thread = pane.getByRole('log', { name: s('inbox.messages') });
    await thread.getByText('Until 22:00.', { exact: true }).first().waitFor();
    await thread.getByText(s('inbox.sending')).waitFor({ state: 'detached' });
    await expectAccessible(desk, 'the staff inbox');
    await browsers.close(desk);
  });

  const sections = ['staff', 'organization', 'rooms', 'audit'] as const;
  for (const section of sections) {
    it(`the admin page "${section}"`, async () => {
      const admin = await browsers.open(`admin ${section}`);
      await signIn(admin, accounts.admin);
      await admin.goto(`/app/admin/${section}`);
      await admin.getByRole('heading', { level: 1, name: s('admin.title') }).waitFor();
      await admin.getByRole('tab', { name: s(`admin.sections.${section}`), selected: true }).waitFor();
      await expectAccessible(admin, `the admin page "${section}"`);
      await browsers.close(admin);
    });
  }

  it('the platform page (super admin) and its create-organization dialog', async () => {
    const owner = await browsers.open('platform owner');
    await signIn(owner, accounts.owner);
    await owner.getByRole('heading', { level: 1, name: s('platform.title') }).waitFor();
    await expectAccessible(owner, 'the platform page');
    await owner.getByRole('button', { name: s('platform.create') }).click();
    const dialog = owner.getByRole('dialog', { name: s('platform.create') });
    await dialog.waitFor();
    await expectAccessible(owner, 'the create-organization dialog');
    await dialog.getByRole('button', { name: s('common:close') }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
