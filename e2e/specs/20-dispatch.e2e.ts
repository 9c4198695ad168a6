import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { staff as s } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const TECH = 'Michał Wójcik';

/** Today on the company's clock (`YYYY-MM-DD`): the visit is planned today, so this week's board shows it. */
const todayIn = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

/**
 * Dispatch: an admin converts a customer's request into a work order for a technician, then moves
 * it on the dispatch board. The steps share one story, so a failing step fails the ones after it.
 */
describe('dispatch: a lead becomes a work order, rescheduled on the board', () => {
  const browsers = useBrowsers();
  let desk: Page | undefined;
  let workItemId: string | undefined;
  let zone = 'UTC';
  let api: StaffApi | undefined;

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };

  it('the admin converts an open lead into a work order for the technician', async () => {
    api = await StaffApi.signIn(ADMIN);
    zone = (await api.request<{ timezone: string }>('GET', '/api/v1/organization')).timezone;
    const open = [
      ...(await api.request<{ leads: { id: string }[] }>('GET', '/api/v1/leads?status=new')).leads,
      ...(await api.request<{ leads: { id: string }[] }>('GET', '/api/v1/leads?status=contacted')).leads,
    ];
    const [lead] = open;
    needs(lead, 'the demo company has an open lead');

    desk = await browsers.open('admin');
    await signIn(desk, ADMIN);
    await desk.goto(`/app/leads/${lead?.id}`);
    await desk.getByRole('button', { name: s('leads.convert') }).click();
    const dialog = desk.getByRole('dialog', { name: s('leads.convertTitle') });
    const day = todayIn(zone);
    await dialog.getByLabel(s('leads.convertStart', { zone })).fill(`${day}T20:00`);
    await dialog.getByLabel(s('leads.convertEnd', { zone })).fill(`${day}T21:00`);
    await dialog.getByLabel(s('leads.convertWho')).click();
    await desk.getByRole('option', { name: TECH }).click();
    expect(await axeProblems(desk, 'convert a lead (dialog)')).toEqual([]);
    await dialog.getByRole('button', { name: s('leads.convertConfirm') }).click();
    await dialog.waitFor({ state: 'detached' });

    await desk.getByRole('link', { name: s('leads.openWorkOrder') }).click();
    await desk.waitForURL('**/app/work/*');
    workItemId = new URL(desk.url()).pathname.split('/').pop();
    await desk.getByText(s('work.kinds.work_order')).waitFor();
    await desk.getByText(TECH).first().waitFor();
    await desk.getByRole('heading', { name: s('work.history') }).waitFor();
    expect(await axeProblems(desk, 'a work order')).toEqual([]);
  });

  it('the admin finds it on the board under the technician and moves it an hour later', async () => {
    needs(desk && workItemId, 'the work order was created');
    const page = desk as Page;
    await nav(page)
      .getByRole('link', { name: s('work.nav') })
      .click();
    await page.waitForURL('**/app/work');
    await page.getByText(s('work.timesIn', { zone })).first().waitFor();
    const card = page.getByTestId('work-card').filter({ has: page.locator(`a[href="/app/work/${workItemId}"]`) });
    await card.getByText('20:00–21:00').waitFor();
    const row = page.getByRole('row').filter({ has: card });
    await row.getByRole('rowheader', { name: TECH }).waitFor();
    expect(await axeProblems(page, 'the dispatch board')).toEqual([]);

    await card.getByRole('button', { name: new RegExp(s('work.plan')) }).click();
    const dialog = page.getByRole('dialog');
    const day = todayIn(zone);
    await dialog.getByLabel(s('work.windowStart', { zone })).fill(`${day}T21:00`);
    await dialog.getByLabel(s('work.windowEnd', { zone })).fill(`${day}T22:30`);
    expect(await axeProblems(page, 'reassign or reschedule (dialog)')).toEqual([]);
    await dialog.getByRole('button', { name: s('work.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByText('21:00–22:30').waitFor();

    // a colleague moves it elsewhere: the open board follows over the socket, without a reload
    const at = (time: string) => {
      const wall = new Date(`${day}T${time}:00Z`).getTime();
      const shown = new Date(
        `${new Date(wall).toLocaleString('en-US', { timeZone: zone, hourCycle: 'h23' })} UTC`,
      ).getTime();
      return new Date(wall - (shown - wall)).toISOString();
    };
    await (api as StaffApi).request('POST', `/api/v1/work-items/${workItemId}/reschedule`, {
      window: { start: at('22:00'), end: at('23:00') },
    });
    await card.getByText('22:00–23:00').waitFor();

    const item = await (api as StaffApi).request<{ window: { start: string }; assignee: { name: string } }>(
      'GET',
      `/api/v1/work-items/${workItemId}`,
    );
    expect(item.assignee.name).toBe(TECH);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
        new Date(item.window.start),
      ),
    ).toBe('22:00');
  });
});
