import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
// a name a spreadsheet would run as a formula: the CSV must defuse it
const GUEST = `=Nadia Haddad ${unique}`;
const QUESTION = `Could I have a late check-out? (${unique})`;

/** Clicks `link` and reads the file the browser saved. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/**
 * Issue 16 item 4, spec 28: a guest asks; reception downloads the queue as CSV (the guest's row
 * there, formula defused, times labelled with the zone) and the request's transcript as text; the
 * admin downloads the service-quality table per staff member.
 */
describe('exports: CSV tables and transcripts from the staff app', () => {
  const browsers = useBrowsers();
  let desk: Page | undefined;

  it('reception downloads the queue as CSV with the guest’s request in it', async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    const stay = await admin.checkIn({ name: GUEST });
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(stay.guests[0]?.url ?? '');
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(QUESTION);
    await composer.press('Enter');

    desk = await browsers.open('reception');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: QUESTION }).waitFor();
    const file = await downloaded(
      desk,
      () => desk?.getByRole('link', { name: s('inbox.downloadList') }).click() ?? Promise.resolve(),
    );
    expect(file.name).toBe('requests-queued.csv');
    const lines = file.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Request,Status,Priority,Contact,Guest or visitor,Room,.*,Opened \([A-Za-z_/]+\),/);
    const row = lines.find((l) => l.endsWith(QUESTION));
    expect(row).toBeDefined();
    const cells = row?.split(',') ?? [];
    expect(cells[1]).toBe('queued');
    expect(cells[3]).toBe('guest');
    expect(cells[4]).toBe(`'${GUEST}`);
    expect(cells[5]).toBe(stay.room.number);
    expect(cells[9]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await axeProblems(desk, 'inbox with its download button')).toEqual([]);
  });

  it('reception downloads the request’s transcript as plain text', async () => {
    if (!desk) return expect.fail('the inbox did not open');
    await desk.getByRole('button').filter({ hasText: QUESTION }).click();
    const action = desk.getByRole('button', { name: s('inbox.transcript.action') });
    await action.waitFor();
    expect(await axeProblems(desk, 'conversation with its transcript action')).toEqual([]);
    await action.click();
    await desk.getByRole('link', { name: s('inbox.transcript.text') }).waitFor();
    expect(await action.getAttribute('aria-expanded')).toBe('true');
    // open too: plain download links, nothing for axe to flag
    expect(await axeProblems(desk, 'conversation with its transcript links open')).toEqual([]);
    // Escape (the focus still on the button) puts them away
    await desk.keyboard.press('Escape');
    await desk.getByRole('link', { name: s('inbox.transcript.text') }).waitFor({ state: 'hidden' });
    await action.click();
    const page = desk;
    const file = await downloaded(page, () => page.getByRole('link', { name: s('inbox.transcript.text') }).click());
    expect(file.name).toMatch(/^request-[0-9a-f]{8}-transcript\.txt$/);
    const lines = file.text.split('\n');
    expect(lines[1]).toMatch(/^Times are in [A-Za-z_/]+\. Internal notes of the staff are not included\.$/);
    expect(lines.some((l) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] Guest: /.test(l) && l.endsWith(QUESTION))).toBe(true);

    // the guest's whole stay, as a PDF
    await page.getByRole('button', { name: s('inbox.transcript.action') }).click();
    const pdf = await downloaded(page, () => page.getByRole('link', { name: s('inbox.transcript.stayPdf') }).click());
    expect(pdf.name).toMatch(/^stay-[0-9a-f]{8}-transcript\.pdf$/);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
  });

  it('the admin downloads the service-quality table per staff member', async () => {
    const page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('metrics.nav') })
      .click();
    await page.getByRole('heading', { level: 1, name: s('metrics.title') }).waitFor();
    const link = page.getByRole('link', { name: s('metrics.downloadTable', { table: s('metrics.agentsTitle') }) });
    const file = await downloaded(page, () => link.click());
    expect(file.name).toMatch(/^service-quality-by-agent-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
    const lines = file.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Staff member,Requests opened,First responses,Average first response \(s\),/);
    expect(lines.at(-1)).toMatch(/^"All, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d",\d+,/);
    expect(await axeProblems(page, 'service quality with its download buttons')).toEqual([]);
  });
});
