import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { staff as s } from '../support/strings.js';

const ADMIN = 'admin@nordheat.example';
const TECH_EMAIL = 'tech@nordheat.example';
const TECH = 'Michał Wójcik';
const TITLE = `Pressure check ${Date.now().toString(36)}`;

/** The wall-clock time (`HH:MM`) of an instant on the company's clock. */
const clock = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
const todayIn = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

/**
 * The dispatch board's drag and drop: a work order nobody has planned waits in the "Unscheduled"
 * lane; the admin drags it onto the technician at an hour of today, it stays there after a reload,
 * moves again from the keyboard ("Move to…"), and the technician finds it in "My work". The steps
 * share one story, so a failing step fails the ones after it.
 */
describe('dispatch board: an unscheduled work order dragged onto a technician and a time', () => {
  const browsers = useBrowsers();
  let desk: Page | undefined;
  let api: StaffApi | undefined;
  let itemId = '';
  let zone = 'UTC';

  const needs = (ready: unknown, step: string) => {
    if (!ready) expect.fail(`an earlier step did not get this far: ${step}`);
  };
  const slot = (page: Page, lane: string, at: string) => page.locator(`td[data-lane="${lane}"][data-slot="${at}"]`);
  const dayView = async (page: Page) => {
    await page.getByText(s('work.day'), { exact: true }).click();
    await slot(page, TECH, '19:00').waitFor();
  };

  it('the work order with no time waits in the Unscheduled lane', async () => {
    api = await StaffApi.signIn(ADMIN);
    zone = (await api.request<{ timezone: string }>('GET', '/api/v1/organization')).timezone;
    itemId = (await api.request<{ id: string }>('POST', '/api/v1/work-items', { kind: 'work_order', title: TITLE })).id;

    desk = await browsers.open('dispatcher');
    await signIn(desk, ADMIN);
    await nav(desk)
      .getByRole('link', { name: s('work.nav') })
      .click();
    await desk.waitForURL('**/app/work');
    await desk.getByText(s('work.timesIn', { zone })).waitFor();
    const lane = desk.getByTestId('unscheduled-lane');
    await lane.getByRole('link', { name: TITLE }).waitFor();
    expect(await axeProblems(desk, 'the dispatch board with its Unscheduled lane')).toEqual([]);
  });

  it('dragged onto the technician at 19:00 today, it is booked 19:00–21:00 and stays there after a reload', async () => {
    needs(desk && itemId, 'the work order is in the Unscheduled lane');
    const page = desk as Page;
    await dayView(page);
    const card = page.getByTestId('work-card').filter({ has: page.locator(`a[href="/app/work/${itemId}"]`) });
    await card.dragTo(slot(page, TECH, '19:00'));
    const dropped = slot(page, TECH, '19:00').getByTestId('work-card').filter({ hasText: TITLE });
    await dropped.getByText('19:00–21:00').waitFor();
    await page.getByText(s('work.moved', { title: TITLE })).waitFor();
    await expect(page.getByTestId('unscheduled-lane').getByText(TITLE).count()).resolves.toBe(0);
    expect(await axeProblems(page, 'the dispatch board by the hour')).toEqual([]);

    await page.reload();
    await dayView(page);
    await slot(page, TECH, '19:00').getByText(TITLE).waitFor();
    const item = await (api as StaffApi).request<{
      status: string;
      assignee: { name: string };
      window: { start: string; end: string };
      history: { action: string }[];
    }>('GET', `/api/v1/work-items/${itemId}`);
    expect(item.assignee.name).toBe(TECH);
    expect(item.status).toBe('scheduled');
    expect([clock(item.window.start, zone), clock(item.window.end, zone)]).toEqual(['19:00', '21:00']);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(item.window.start))).toBe(
      todayIn(zone),
    );
    expect(item.history.map((h) => h.action)).toEqual(expect.arrayContaining(['rescheduled', 'assigned']));
  });

  it('from the keyboard, "Move to…" moves it an hour earlier', async () => {
    needs(desk && itemId, 'the work order was dropped on the technician');
    const page = desk as Page;
    const card = slot(page, TECH, '19:00').getByTestId('work-card').filter({ hasText: TITLE });
    await card.getByRole('button', { name: `${s('work.moveMenu')}: ${TITLE}` }).press('Enter');
    const dialog = page.getByRole('dialog', { name: s('work.moveTitle', { title: TITLE }) });
    const time = dialog.getByLabel(s('work.moveTime', { zone }));
    await time.fill('18:00');
    expect(await axeProblems(page, 'move to (dialog)')).toEqual([]);
    await time.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await slot(page, TECH, '18:00').getByText('18:00–20:00').waitFor();
  });

  it('the technician finds it in My work on a phone', async () => {
    needs(itemId, 'the work order was planned');
    const phone = await browsers.open('technician phone', PHONE);
    await signIn(phone, TECH_EMAIL);
    // a service company's field user lands on the customers; My work is a tap away
    await phone.waitForURL('**/app/customers');
    await phone.goto('/app/my-work');
    await phone.getByRole('article', { name: new RegExp(TITLE) }).waitFor();
    expect(await axeProblems(phone, 'my work with the dropped work order')).toEqual([]);
  });
});
