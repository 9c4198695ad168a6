import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Ines Duarte ${unique}`;
const QUESTION = `Is the sauna open tonight? (${unique})`;
const TEAM = `Quality ${unique}`;

interface Values {
  conversationsOpened: number;
  firstResponses: number;
}
interface Report {
  timezone: string;
  totals: Values;
  series: { key: string; values: Values }[];
}

const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The visually hidden table beside the trend chart, row by row: day, requests, first response. */
const trendRows = (page: Page) =>
  page
    .getByTestId('metrics-trend-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));

/**
 * Issue 16 item 3, spec 25: a guest asks, the desk answers and resolves; the admin opens Service
 * quality, sees the figures as cards and charts (with their text alternative matching the API),
 * and the numbers change with the date range and the team; the filters survive a reload.
 */
describe('service quality: the admin’s dashboard of response and satisfaction', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let page: Page | undefined;
  let zone = 'UTC';
  let week: Report | undefined;
  let teamId = '';
  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('set-up: a guest asks, the admin answers and resolves, and the metrics count it', async () => {
    admin = await StaffApi.signIn(accounts.admin);
    teamId = (await admin.request<{ id: string }>('POST', '/api/v1/teams', { name: TEAM })).id;
    const stay = await admin.checkIn({ name: GUEST });
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(stay.guests[0]?.url ?? '');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(QUESTION);
    await composer.press('Enter');
    const id = await expect
      .poll(
        async () =>
          (
            await admin.request<{ conversations: { id: string; preview: string }[] }>(
              'GET',
              '/api/v1/conversations?status=queued&limit=100',
            )
          ).conversations.find((c) => c.preview === QUESTION)?.id,
      )
      .toBeTruthy()
      .then(async () => {
        const queue = await admin.request<{ conversations: { id: string; preview: string }[] }>(
          'GET',
          '/api/v1/conversations?status=queued&limit=100',
        );
        return queue.conversations.find((c) => c.preview === QUESTION)?.id ?? '';
      });
    await admin.request('POST', `/api/v1/conversations/${id}/take`);
    await admin.request('POST', `/api/v1/conversations/${id}/messages`, {
      clientId: `quality-${unique}`,
      text: 'Yes, until ten.',
    });
    await admin.request('POST', `/api/v1/conversations/${id}/resolve`);

    const first = await admin.request<Report>('GET', '/api/v1/reports/metrics?from=2020-01-01&to=2020-01-01');
    zone = first.timezone;
    const to = today(zone);
    const path = `/api/v1/reports/metrics?from=${shift(to, -6)}&to=${to}`;
    // the metrics consumer counts the events shortly after they happen
    await expect
      .poll(async () => (await admin.request<Report>('GET', path)).series.at(-1)?.values.firstResponses ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    week = await admin.request<Report>('GET', path);
    expect(week.totals.conversationsOpened).toBeGreaterThan(0);
  });

  it('the admin opens Service quality: cards, charts and a text alternative with the same numbers', async () => {
    needs(week, 'the metrics counted the request');
    page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('metrics.nav') })
      .click();
    await page.getByRole('heading', { level: 1, name: s('metrics.title') }).waitFor();
    await page.getByText(s('metrics.daysIn', { zone })).waitFor();
    const volume = page.getByTestId('metric-conversationsOpened');
    await expect.poll(() => volume.textContent()).toBe(week?.totals.conversationsOpened.toLocaleString('en'));
    // one card per figure, each with its definition behind a focusable button
    const help = page.getByRole('button', {
      name: s('metrics.help', { name: s('metrics.name.averageFirstResponseSeconds') }),
    });
    await help.focus();
    await page.keyboard.press('Enter');
    await page.getByText(s('metrics.def.averageFirstResponseSeconds')).waitFor();
    await page.keyboard.press('Escape');
    await page.getByText(s('metrics.def.averageFirstResponseSeconds')).waitFor({ state: 'hidden' });
    await page
      .getByText(s('metrics.target', { value: '30\u00a0s' }), { exact: false })
      .first()
      .waitFor();

    // the charts are drawn on canvases, and say in words what they show
    await page.getByRole('img', { name: s('metrics.trendSummary') }).waitFor();
    await page.getByRole('img', { name: s('metrics.hourSummary') }).waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    const rows = await trendRows(page);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => Number(r[1]))).toEqual(week?.series.map((e) => e.values.conversationsOpened));
    expect(rows.at(-1)?.[2]).not.toBe('—');
    // the hour-of-week heat map's table: 7 weekdays of 24 hours, adding up to the week's requests
    const week7 = await page
      .getByTestId('metrics-hour-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((r) => [...r.querySelectorAll('td')].map((c) => Number(c.textContent))));
    expect(week7.map((r) => r.length)).toEqual([24, 24, 24, 24, 24, 24, 24]);
    expect(week7.flat().reduce((a, b) => a + b, 0)).toBe(week?.totals.conversationsOpened);
    await page.getByRole('table', { name: s('metrics.agentsTitle') }).waitFor();
    await page.getByRole('table', { name: s('metrics.teamsTitle') }).waitFor();
    expect(await axeProblems(page, 'service quality dashboard')).toEqual([]);

    // the third table by entry point: the guest's request came through their room's QR code
    await page.getByText(s('metrics.entryPointsTitle'), { exact: true }).click();
    const entries = page.getByRole('table', { name: s('metrics.entryPointsTitle') });
    await entries.waitFor();
    const roomRow = entries.getByRole('row', { name: new RegExp(`^${s('metrics.entry.room')}`) });
    await roomRow.waitFor();
    expect(Number(await roomRow.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    await page.getByText(s('metrics.entryPointsHelp')).waitFor();
    expect(await axeProblems(page, 'service quality by entry point')).toEqual([]);
  });

  it('another date range changes the numbers, and the address keeps it through a reload', async () => {
    needs(page, 'the dashboard is open');
    if (!page) return;
    // the segments are labels over visually hidden radios, clicked as a person would
    await page.getByText(s('metrics.custom'), { exact: true }).click();
    // both dates change before the page renders again, as on a busy machine: neither may be lost
    const from = await page.getByLabel(s('metrics.from'), { exact: true }).elementHandle();
    const to = await page.getByLabel(s('metrics.to'), { exact: true }).elementHandle();
    await page.evaluate(
      ([fromInput, toInput]) => {
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        for (const [input, value] of [
          [fromInput, '2001-01-01'],
          [toInput, '2001-01-07'],
        ] as const) {
          setValue?.call(input, value);
          input?.dispatchEvent(new Event('input', { bubbles: true }));
        }
      },
      [from, to] as const,
    );
    const volume = page.getByTestId('metric-conversationsOpened');
    await expect.poll(() => volume.textContent()).toBe('0');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2001-01-01');
    expect((await trendRows(page)).map((r) => r[1])).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    await page.reload();
    await expect.poll(() => page?.getByLabel(s('metrics.to'), { exact: true }).inputValue()).toBe('2001-01-07');
    await expect.poll(() => volume.textContent()).toBe('0');
  });

  it('a team’s filter shows only what was counted for that team', async () => {
    needs(page, 'the dashboard is open');
    if (!page) return;
    await page.getByText(s('metrics.last7'), { exact: true }).click();
    const volume = page.getByTestId('metric-conversationsOpened');
    await expect.poll(() => volume.textContent()).toBe(week?.totals.conversationsOpened.toLocaleString('en'));
    await page.getByRole('combobox', { name: s('metrics.team'), exact: true }).click();
    await page.getByRole('option', { name: TEAM }).click();
    await expect.poll(() => volume.textContent()).toBe('0');
    expect(new URL(page.url()).searchParams.get('team')).toBeTruthy();
    await page.getByRole('table', { name: s('metrics.teamsTitle') }).waitFor({ state: 'detached' });
    expect(await axeProblems(page, 'service quality of one team')).toEqual([]);
  });

  it('a team’s duty manager sees their own team’s figures; a colleague who is none sees none', async () => {
    needs(teamId, 'the team was made');
    const staffList = await admin.request<{ id: string; email: string }[]>('GET', '/api/v1/staff');
    const manager = staffList.find((m) => m.email === accounts.reception1);
    needs(manager, 'reception1 is on the staff');
    await admin.request('PUT', `/api/v1/teams/${teamId}/members/${manager?.id}`, {});
    await admin.request('PATCH', `/api/v1/teams/${teamId}`, { dutyManagerId: manager?.id });

    const duty = await browsers.open('duty manager');
    await signIn(duty, accounts.reception1);
    await duty.goto('/app/service-quality');
    await duty.getByRole('heading', { level: 1, name: s('metrics.title') }).waitFor();
    await expect
      .poll(() => duty.getByRole('combobox', { name: s('metrics.team'), exact: true }).inputValue())
      .toBe(TEAM);
    await expect.poll(() => duty.getByTestId('metric-conversationsOpened').textContent()).toBe('0');
    expect(new URL(duty.url()).searchParams.get('team')).toBe(null);
    await duty.getByRole('table', { name: s('metrics.teamsTitle') }).waitFor({ state: 'detached' });

    const other = await browsers.open('receptionist');
    await signIn(other, accounts.reception2);
    await other.goto('/app/service-quality');
    await other.getByText(s('metrics.notAllowed')).waitFor();
    expect(
      await nav(other)
        .getByRole('link', { name: s('metrics.nav') })
        .count(),
    ).toBe(0);
  });
});
