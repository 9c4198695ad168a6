import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Lena Brandt ${unique}`;
const QUESTION = `Could we have a late check-out? (${unique})`;
const COMMENT = `Quick and kind (${unique})`;
const TEAM = `Ratings ${unique}`;

interface Report {
  timezone: string;
  totals: { ratings: number; averageRating: number | null; ratingDistribution: number[] };
}

const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 16 (the ratings page becomes part of Service quality), spec 30: a guest rates a resolved
 * request 4 stars with a comment; the admin's Service quality shows the server's rating figures, the
 * distribution as a chart (and a table with the same numbers as the API), and the rated request with
 * its comment, linked to the request; a team's duty manager finds their team's page in the menu.
 */
describe('ratings on Service quality: the server’s numbers, the distribution, the rated requests', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let week: Report | undefined;
  /** The week's report, from the day the rating was given. */
  let weekPath = '';
  let conversationId = '';
  let teamId = '';
  let page: Page | undefined;
  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('set-up: a guest asks, the admin answers and resolves, the guest rates 4 stars with a comment', async () => {
    admin = await StaffApi.signIn(accounts.admin);
    teamId = (await admin.request<{ id: string }>('POST', '/api/v1/teams', { name: TEAM })).id;
    const stay = await admin.checkIn({ name: GUEST });
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(stay.guests[0]?.url ?? '');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(QUESTION);
    await composer.press('Enter');
    const find = async () =>
      (
        await admin.request<{ conversations: { id: string; preview: string }[] }>(
          'GET',
          '/api/v1/conversations?status=queued&limit=100',
        )
      ).conversations.find((c) => c.preview === QUESTION)?.id ?? '';
    await expect.poll(find).toBeTruthy();
    conversationId = await find();
    await admin.request('POST', `/api/v1/conversations/${conversationId}/take`);
    await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientId: `ratings-${unique}`,
      text: 'Until one o’clock, with pleasure.',
    });
    await admin.request('POST', `/api/v1/conversations/${conversationId}/resolve`);
    const rating = phone.getByRole('form', { name: g('rating.title') });
    await rating.waitFor();
    await rating.getByRole('radio', { name: g('rating.star', { value: 4 }) }).check();
    await rating.getByRole('textbox', { name: g('rating.comment') }).fill(COMMENT);
    await rating.getByRole('button', { name: g('rating.submit') }).click();
    await phone.getByText(g('rating.thanks', { value: 4 })).waitFor();

    const zone = (await admin.request<Report>('GET', '/api/v1/reports/metrics?from=2020-01-01&to=2020-01-01')).timezone;
    const to = today(zone);
    const path = `/api/v1/reports/metrics?from=${shift(to, -6)}&to=${to}`;
    weekPath = path;
    // the metrics consumer counts the rating shortly after it is given
    await expect
      .poll(async () => (await admin.request<Report>('GET', path)).totals.ratingDistribution[3] ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    week = await admin.request<Report>('GET', path);
  });

  it('the admin sees the rating figures, the distribution chart with its numbers, and the rated request', async () => {
    needs(week, 'the rating was counted');
    page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('metrics.nav') })
      .click();
    await page.getByRole('heading', { level: 2, name: s('metrics.ratings.title') }).waitFor();
    // the cards are the server's: the average of the week's ratings, as the API gives it
    const average = page.getByTestId('metric-averageRating');
    await expect.poll(() => average.textContent()).toContain(week?.totals.averageRating?.toLocaleString('en'));
    // the distribution: a chart.js bar chart on a canvas, and its numbers as a table
    await page.getByRole('img', { name: s('metrics.ratings.distributionSummary') }).waitFor();
    // other specs' ratings may be counted meanwhile: the table against the server's figures as they are now
    const counts = await page
      .getByTestId('metrics-rating-distribution')
      .locator('tbody td')
      .evaluateAll((cells) => cells.map((c) => Number(c.textContent)));
    week = await admin.request<Report>('GET', weekPath);
    expect(counts).toEqual(week?.totals.ratingDistribution);
    // the rated request with its comment, linked to the request
    const row = page
      .getByRole('table', { name: s('metrics.ratings.listTitle') })
      .getByRole('row')
      .filter({ hasText: COMMENT });
    await row.waitFor();
    await row.getByLabel(s('ratings.stars', { count: 4 })).waitFor();
    const link = row.getByRole('link', { name: new RegExp(GUEST) });
    expect(await link.getAttribute('href')).toBe(`/app?c=${conversationId}`);
    expect(await axeProblems(page, 'ratings on service quality')).toEqual([]);
  });

  it('a team’s duty manager finds their team’s Service quality in the menu', async () => {
    needs(teamId, 'the team was made');
    const staffList = await admin.request<{ id: string; email: string }[]>('GET', '/api/v1/staff');
    const manager = staffList.find((m) => m.email === accounts.reception2);
    needs(manager, 'reception2 is on the staff');
    await admin.request('PUT', `/api/v1/teams/${teamId}/members/${manager?.id}`, {});
    await admin.request('PATCH', `/api/v1/teams/${teamId}`, { dutyManagerId: manager?.id });

    const duty = await browsers.open('duty manager');
    await signIn(duty, accounts.reception2);
    await nav(duty)
      .getByRole('link', { name: s('metrics.nav') })
      .click();
    await duty.getByRole('heading', { level: 2, name: s('metrics.ratings.title') }).waitFor();
    await expect
      .poll(() => duty.getByRole('combobox', { name: s('metrics.team'), exact: true }).inputValue())
      .toBe(TEAM);
    // nothing was rated for the new team: an empty list, and a distribution of zeros
    await duty.getByText(s('metrics.ratings.empty')).waitFor();
    expect(
      await duty
        .getByTestId('metrics-rating-distribution')
        .locator('tbody td')
        .evaluateAll((cells) => cells.map((c) => Number(c.textContent))),
    ).toEqual([0, 0, 0, 0, 0]);
    // the admin takes the duty away: the link goes with it at the next sign-in
    await admin.request('PATCH', `/api/v1/teams/${teamId}`, { dutyManagerId: null });
    await duty.reload();
    await expect
      .poll(() =>
        nav(duty)
          .getByRole('link', { name: s('metrics.nav') })
          .count(),
      )
      .toBe(0);
  });
});
