import type { Team } from '@frontdesk/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { openInLanguage, signIn } from '../support/staff.js';
import { guest as g, staff as s, staffIn } from '../support/strings.js';

const ZONE = 'Europe/Warsaw'; // the demo hotel's
const AWAY = 'The spa is closed — we will book your treatment first thing.';

async function expectAccessible(page: Page, what: string): Promise<void> {
  const loading = page.getByRole('status').filter({ hasText: s('common:loading') });
  await expect.poll(() => loading.count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
  const problems = await axeProblems(page, what);
  expect(problems, `serious or critical accessibility problems on ${what}:\n${problems.join('\n')}`).toEqual([]);
}

/** A date on the hotel's calendar, `days` from today, as YYYY-MM-DD. */
function hotelDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    Date.now() + days * 24 * 3600_000,
  );
}

/**
 * Issue 12, item 8: an admin sets a team's business hours from the keyboard (axe passing on the
 * editor); outside the hours a guest reads the away message and when the desk is back, and can
 * still write.
 */
describe('business hours', () => {
  const browsers = useBrowsers();
  let api: StaffApi;
  let team: Team;

  beforeAll(async () => {
    api = await StaffApi.signIn(accounts.admin);
    team = await api.request<Team>('POST', '/api/v1/teams', { name: `Spa ${Date.now() % 100_000}` });
  });
  afterAll(async () => {
    await api.request('PUT', '/api/v1/routing-rules/default-team', { teamId: null });
  });

  it('an admin sets the hours with the keyboard', async () => {
    const admin = await browsers.open('hours editor');
    await signIn(admin, accounts.admin);
    await admin.goto('/app/admin/teams');
    const card = admin.getByRole('region', { name: team.name });
    await card.waitFor();
    await card.getByRole('button', { name: `${s('admin.hours.open')}: ${team.name}` }).focus();
    await admin.keyboard.press('Enter');
    const dialog = admin.getByRole('dialog', { name: s('admin.hours.title', { team: team.name }) });
    await dialog.waitFor();
    // the times are labelled with the organization's clock
    await dialog.getByTestId('hours-clock').filter({ hasText: ZONE }).waitFor();

    // around the clock → opening hours: the radio group answers the arrow keys
    await dialog.getByRole('radio', { name: s('admin.hours.alwaysOpen') }).focus();
    await admin.keyboard.press('ArrowRight');
    await expect.poll(() => dialog.getByRole('radio', { name: s('admin.hours.setHours') }).isChecked()).toBe(true);

    await dialog
      .getByRole('button', { name: s('admin.hours.addHoursOn', { day: s('admin.hours.days.monday') }) })
      .press('Enter');
    const opens = dialog.getByRole('textbox', {
      name: s('admin.hours.opensOn', { day: s('admin.hours.days.monday') }),
    });
    // the new row takes the focus, with a first guess to change
    await expect.poll(() => opens.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => opens.inputValue()).toBe('08:00');
    await opens.fill('09:00');
    await dialog
      .getByRole('textbox', { name: s('admin.hours.closesOn', { day: s('admin.hours.days.monday') }) })
      .fill('00:00');
    await dialog.getByRole('button', { name: s('admin.hours.copyMonday') }).press('Enter');
    await dialog.getByRole('button', { name: s('admin.hours.addHoliday') }).press('Enter');
    const date = dialog.getByRole('textbox', { name: s('admin.hours.holidayDateOf', { n: 1 }) });
    await expect.poll(() => date.evaluate((el) => el === document.activeElement)).toBe(true);
    await date.fill('2026-12-25');
    await dialog.getByRole('textbox', { name: s('admin.hours.holidayNameOf', { n: 1 }) }).fill('Christmas');
    await dialog.getByRole('textbox', { name: s('admin.hours.awayMessage') }).fill(AWAY);
    await expectAccessible(admin, 'the business hours editor');

    await dialog.getByRole('button', { name: s('admin.hours.save') }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // the card sums the week up: Monday's hours copied to every weekday, closing at midnight
    await card.getByText(s('admin.hours.summaryHours', { hours: 'Mon–Fri 09:00–24:00' }), { exact: false }).waitFor();
    await expectAccessible(admin, 'the teams page with business hours');

    const saved = await api.request<Team>('GET', `/api/v1/teams/${team.id}`);
    expect(saved.hours.weekly?.friday).toEqual([{ start: '09:00', end: '24:00' }]);
    expect(saved.hours.weekly?.saturday).toEqual([]);
    expect(saved.hours.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas' }]);
    expect(saved.hours.awayMessage).toBe(AWAY);
    await browsers.close(admin);
  });

  it('the editor passes axe in Polish and German too', async () => {
    for (const language of ['pl', 'de']) {
      const admin = await browsers.open(`hours editor (${language})`);
      await signIn(admin, accounts.admin);
      await openInLanguage(admin, '/app/admin/teams', language);
      const card = admin.getByRole('region', { name: team.name });
      await card.getByRole('button', { name: new RegExp(`: ${team.name}$`) }).press('Enter');
      await admin.getByRole('dialog').waitFor();
      await expectAccessible(admin, `the business hours editor (${language})`);
      await browsers.close(admin);
    }
  });

  it('the team dialog — assignment mode, response targets, duty manager — passes axe', async () => {
    const admin = await browsers.open('team dialog');
    await signIn(admin, accounts.admin);
    await admin.goto('/app/admin/teams');
    const card = admin.getByRole('region', { name: team.name });
    await card.getByRole('button', { name: s('admin.teams.actionsFor', { team: team.name }) }).click();
    await admin.getByRole('menuitem', { name: s('admin.teams.edit') }).click();
    const dialog = admin.getByRole('dialog', { name: s('admin.teams.editTitle', { team: team.name }) });
    await dialog.getByRole('textbox', { name: s('admin.teams.firstResponse') }).fill('10');
    await dialog.getByRole('textbox', { name: s('admin.teams.nextResponse') }).fill('20');
    await expectAccessible(admin, 'the team dialog');
    await dialog.getByRole('button', { name: s('admin.teams.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await api.request<Team>('GET', `/api/v1/teams/${team.id}`);
    expect(saved.sla).toEqual({ firstResponseMinutes: 10, nextResponseMinutes: 20, dutyManagerId: null });
    await browsers.close(admin);
  });

  it('the team dialog passes axe in Polish and German too', async () => {
    for (const language of ['pl', 'de'] as const) {
      const t = (key: string, vars?: Record<string, string | number>) => staffIn(language, key, vars);
      const admin = await browsers.open(`team dialog (${language})`);
      await signIn(admin, accounts.admin);
      await openInLanguage(admin, '/app/admin/teams', language);
      const card = admin.getByRole('region', { name: team.name });
      await card.getByRole('button', { name: t('admin.teams.actionsFor', { team: team.name }) }).click();
      await admin.getByRole('menuitem', { name: t('admin.teams.edit') }).click();
      const dialog = admin.getByRole('dialog', { name: t('admin.teams.editTitle', { team: team.name }) });
      // the targets saved above, in the dialog's fields (with their unit after them)
      await expect
        .poll(() => dialog.getByRole('textbox', { name: t('admin.teams.firstResponse') }).inputValue())
        .toMatch(/^10\b/);
      await expect
        .poll(() => dialog.getByRole('textbox', { name: t('admin.teams.nextResponse') }).inputValue())
        .toMatch(/^20\b/);
      await admin.getByRole('menu').waitFor({ state: 'hidden' });
      expect(await dialog.innerText()).not.toMatch(/\b(admin|common)\.[a-z]\w*\.?\w*/);
      await expectAccessible(admin, `the team dialog (${language})`);
      await browsers.close(admin);
    }
  });

  it('outside the hours a guest reads the away message and when the desk is back, and still writes', async () => {
    // closed today and tomorrow on the hotel's clock, whatever the time of the run
    const allDay = [{ start: '00:00', end: '24:00' }];
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    await api.request('PUT', `/api/v1/teams/${team.id}/hours`, {
      weekly: Object.fromEntries(days.map((d) => [d, allDay])),
      holidays: [{ date: hotelDate(0) }, { date: hotelDate(1) }],
      awayMessage: AWAY,
    });
    await api.request('PUT', '/api/v1/routing-rules/default-team', { teamId: team.id });
    const reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: 'Night Owl' });

    const phone = await browsers.open('guest outside hours', PHONE);
    await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
    const notice = phone.getByRole('status').filter({ hasText: AWAY });
    await notice.waitFor();
    await expect.poll(() => notice.textContent()).toMatch(new RegExp(g('away.backAt', { when: '.+' })));

    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill('Can I book a massage for Saturday?');
    await composer.press('Enter');
    await sentByGuest(phone, 'Can I book a massage for Saturday?').waitFor();
    await expectAccessible(phone, 'the guest chat outside business hours');
    await browsers.close(phone);
  });
});
