import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Nora Wilk ${unique}`;
const QUESTION = `Could I borrow an umbrella? (${unique})`;
const COMMENT = `Umbrella in a minute (${unique})`;

interface Report {
  timezone: string;
  totals: { resolvedConversations: number; ratings: number; averageRating: number | null };
  series: { key: string; name: string | null; values: { resolvedConversations: number } }[];
}

const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Clicks `link` and reads the file the browser saved. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/**
 * Issue 16 item 3 ("for agents: my performance with the same definitions"), spec 38: a receptionist
 * answers and resolves a guest's request and the guest rates it 5 stars with a comment; the
 * receptionist opens My performance from the menu and sees their own figures — the server's, for
 * them alone — the rating's comment, the trend chart, and their table by team as a CSV with the
 * right rows; axe passes. They still read no one else's figures.
 */
describe('My performance: a receptionist’s own service figures', () => {
  const browsers = useBrowsers();
  let agent: StaffApi;
  let agentId = '';
  let weekPath = '';
  let week: Report | undefined;
  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('set-up: a guest asks, reception answers and resolves, the guest rates 5 stars with a comment', async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    agent = await StaffApi.signIn(accounts.reception2);
    const staffList = await admin.request<{ id: string; email: string }[]>('GET', '/api/v1/staff');
    agentId = staffList.find((m) => m.email === accounts.reception2)?.id ?? '';
    needs(agentId, 'reception2 is on the staff');
    const stay = await admin.checkIn({ name: GUEST });
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(stay.guests[0]?.url ?? '');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(QUESTION);
    await composer.press('Enter');
    const find = async () =>
      (
        await agent.request<{ conversations: { id: string; preview: string }[] }>(
          'GET',
          '/api/v1/conversations?status=queued&limit=100',
        )
      ).conversations.find((c) => c.preview === QUESTION)?.id ?? '';
    await expect.poll(find).toBeTruthy();
    const conversationId = await find();
    await agent.request('POST', `/api/v1/conversations/${conversationId}/take`);
    await agent.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientId: `mine-${unique}`,
      text: 'At the desk, right away.',
    });
    await agent.request('POST', `/api/v1/conversations/${conversationId}/resolve`);
    const rating = phone.getByRole('form', { name: g('rating.title') });
    await rating.waitFor();
    await rating.getByRole('radio', { name: g('rating.star', { value: 5 }) }).check();
    await rating.getByRole('textbox', { name: g('rating.comment') }).fill(COMMENT);
    await rating.getByRole('button', { name: g('rating.submit') }).click();
    await phone.getByText(g('rating.thanks', { value: 5 })).waitFor();

    // the receptionist's own figures of the last 7 days, as the API gives them to the receptionist
    const zone = (await admin.request<Report>('GET', '/api/v1/reports/metrics?from=2020-01-01&to=2020-01-01')).timezone;
    const to = today(zone);
    weekPath = `/api/v1/reports/metrics?from=${shift(to, -6)}&to=${to}&agentId=${agentId}`;
    await expect
      .poll(async () => (await agent.request<Report>('GET', weekPath)).totals.ratings, { timeout: 20_000 })
      .toBeGreaterThan(0);
    week = await agent.request<Report>('GET', weekPath);
  });

  it('the receptionist opens My performance: their own cards, the comment, the trend and a CSV of their rows', async () => {
    needs(week, 'the rating was counted');
    const page = await browsers.open('receptionist');
    await signIn(page, accounts.reception2);
    // not a duty manager: no Service quality in the menu, and the organization's figures stay closed
    expect(
      await nav(page)
        .getByRole('link', { name: s('metrics.nav') })
        .count(),
    ).toBe(0);
    await nav(page)
      .getByRole('link', { name: s('metrics.myNav') })
      .click();
    await page.getByRole('heading', { level: 1, name: s('metrics.myTitle') }).waitFor();
    // no team or staff member to choose: it is theirs
    expect(await page.getByRole('combobox', { name: s('metrics.agent'), exact: true }).count()).toBe(0);

    // the cards are the server's figures for them (other specs may resolve meanwhile: compare with now)
    const resolved = page.getByTestId('metric-resolvedConversations');
    await resolved.waitFor();
    week = await agent.request<Report>('GET', weekPath);
    await expect.poll(() => resolved.textContent()).toBe(week?.totals.resolvedConversations.toLocaleString('en'));
    await expect
      .poll(() => page.getByTestId('metric-averageRating').textContent())
      .toContain(week?.totals.averageRating?.toLocaleString('en'));
    expect(await page.getByTestId('metric-conversationsOpened').count()).toBe(0);
    // their rated request with its comment, the trend drawn on a canvas
    await page
      .getByRole('table', { name: s('metrics.ratings.listTitle') })
      .getByRole('row')
      .filter({ hasText: COMMENT })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: s('metrics.myTrendTitle') }).waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('table', { name: s('metrics.agentsTitle') }).count()).toBe(0);

    // their table by team as CSV: a row per team they worked in, then their totals
    const link = page.getByRole('link', { name: s('metrics.downloadTable', { table: s('metrics.teamsTitle') }) });
    const file = await downloaded(page, () => link.click());
    expect(file.name).toMatch(/^service-quality-by-team-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
    const byTeam = await agent.request<Report>('GET', `${weekPath}&groupBy=team`);
    const lines = file.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Team,Requests opened,/);
    const resolvedColumn = lines[0]?.split(',').indexOf('Requests resolved') ?? -1;
    expect(resolvedColumn).toBeGreaterThan(0);
    expect(lines).toHaveLength(byTeam.series.length + 2);
    expect(lines.at(-1)?.split(',')[resolvedColumn + 1]).toBe(String(byTeam.totals.resolvedConversations));
    expect(await axeProblems(page, 'my performance')).toEqual([]);

    // someone else's figures, or the organization's, stay closed to them
    const admin = await StaffApi.signIn(accounts.admin);
    const staffList = await admin.request<{ id: string; email: string }[]>('GET', '/api/v1/staff');
    const colleague = staffList.find((m) => m.email === accounts.reception1)?.id;
    const other = await page.request.get(
      `/api/v1/reports/metrics?from=2020-01-01&to=2020-01-07&agentId=${colleague ?? ''}`,
    );
    expect(other.status()).toBe(403);
    expect((await page.request.get('/api/v1/reports/metrics?from=2020-01-01&to=2020-01-07')).status()).toBe(403);
  });
});
