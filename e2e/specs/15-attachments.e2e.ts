import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { common as c, guest as g, staff as s } from '../support/strings.js';

const GUEST = 'Aino Virtanen';
/** A photo as a phone's camera hands it to the page (a small red JPEG). */
const PHOTO = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCABaAHgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYH/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AlAE608AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB/9k=',
  'base64',
);

/** The smallest file that is a PDF by its bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const paneOf = (desk: Page) => desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });

/**
 * Issue 13, item 1: a guest photographs the problem and sends it; the agent sees the thumbnail and
 * opens it. A file more than the server takes in a message is named before any upload.
 */
describe('attachments', () => {
  const browsers = useBrowsers();

  it('a guest picks a photo with the file input and sends it; the agent sees the thumbnail and opens it full size', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const attach = phone.getByRole('button', { name: c('attachments.attach') });
    await attach.waitFor();
    await phone.locator('input[type=file]').setInputFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await phone
      .getByRole('list', { name: c('attachments.chosen') })
      .getByText('leak.jpg')
      .waitFor();
    expect(await axeProblems(phone, 'guest composer with a chosen photo')).toEqual([]);
    const box = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await box.fill('The bathroom tap is leaking');
    await box.press('Enter');
    // the sent photo shows in the guest's own thread, from the server
    const own = phone.getByRole('img', { name: c('attachments.open', { name: 'leak.webp' }) });
    await own.waitFor();
    await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // the server takes 5 files in one message (its default, sent with the session): a sixth chosen
    // is named at once, before anything is uploaded, rather than refused at the send
    const pages = Array.from({ length: 6 }, (_, i) => ({
      name: `page${i + 1}.pdf`,
      mimeType: 'application/pdf',
      buffer: PDF,
    }));
    await phone.locator('input[type=file]').setInputFiles(pages);
    await phone.getByText(c('attachments.leftOutTooMany', { name: 'page6.pdf', max: 5 })).waitFor();
    const chosen = phone.getByRole('list', { name: c('attachments.chosen') });
    expect(await chosen.getByRole('listitem').count()).toBe(5);
    expect(await attach.isDisabled()).toBe(true);
    expect(await axeProblems(phone, 'guest composer with a file left out')).toEqual([]);

    const desk = await browsers.open('agent');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: 'The bathroom tap is leaking' }).click();
    const thumbnail = paneOf(desk).getByRole('img', { name: c('attachments.open', { name: 'leak.webp' }) });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    expect(await thumbnail.getAttribute('src')).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}\/thumbnail$/);
    expect(await axeProblems(desk, 'staff thread with a photo')).toEqual([]);

    await thumbnail.click();
    const viewer = desk.getByRole('dialog', { name: c('attachments.viewer', { name: 'leak.webp' }) });
    await viewer.waitFor();
    expect(await axeProblems(desk, 'photo viewer')).toEqual([]);
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });
});
