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

/** A small real PDF (one empty page), built with its cross-reference table's true offsets. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
const PDF = onePagePdf();
const PDF_NAME = 'boiler-manual.pdf';
/** The PDF's size as the thread writes it in English (under 1000 bytes: "612 byte"). */
const PDF_SIZE = new Intl.NumberFormat('en', { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(PDF.length);

const paneOf = (desk: Page) => desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });

/** A half-second WebM clip as a phone would record it, made by the browser itself (a canvas, recorded). */
async function shortClip(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => {
      recorder.onstop = resolve;
    });
    recorder.start();
    for (let frame = 0; frame < 5; frame++) {
      if (context) context.fillStyle = `hsl(${frame * 60} 80% 50%)`;
      context?.fillRect(0, 0, 64, 48);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    recorder.stop();
    await stopped;
    return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
  });
  return Buffer.from(bytes);
}

/** Clicks `button` and hands back the file chooser the page opens (as a phone would show its own). */
async function chooserOf(page: Page, button: ReturnType<Page['getByRole']>) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  return chooser;
}

/**
 * Issue 13, item 1: a guest photographs the problem with the camera button and picks a PDF and a
 * short video with the file chooser, and sends them; each side sees the thumbnail, the PDF with its
 * size and the video player, and opens the photo full size. A file more than the server takes in a
 * message is named before any upload.
 */
describe('attachments', () => {
  const browsers = useBrowsers();

  it('a guest takes a photo and picks a PDF and a video, and sends them; both sides see each and open the photo full size', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const attach = phone.getByRole('button', { name: c('attachments.attach') });
    const takePhoto = phone.getByRole('button', { name: g('chat.takePhoto') });
    const box = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    // on a 360 px phone the message box, the chooser, the camera, emoji and send share one row
    await box.waitFor();
    const boxAt = await box.boundingBox();
    const sendAt = await phone.getByRole('button', { name: g('chat.send') }).boundingBox();
    if (!boxAt || !sendAt) expect.fail('the composer is not shown');
    expect(boxAt.x).toBeLessThan(20);
    expect(sendAt.y + sendAt.height).toBeCloseTo(boxAt.y + boxAt.height, 0);
    // the camera button's input opens the phone's camera (capture); the chooser's takes any accepted file
    const camera = await chooserOf(phone, takePhoto);
    expect(await camera.element().getAttribute('capture')).toBe('environment');
    await camera.setFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    const chooser = await chooserOf(phone, attach);
    expect(await chooser.element().getAttribute('capture'), 'the chooser is not the camera only').toBeNull();
    expect(await chooser.element().getAttribute('accept')).toContain('application/pdf');
    await chooser.setFiles([
      { name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF },
      { name: 'drip.webm', mimeType: 'video/webm', buffer: await shortClip(phone) },
    ]);
    const chosen = phone.getByRole('list', { name: c('attachments.chosen') });
    await chosen.getByText('leak.jpg').waitFor();
    await chosen.getByText(PDF_NAME).waitFor();
    await chosen.getByText('drip.webm').waitFor();
    expect(await axeProblems(phone, 'guest composer with a chosen photo, PDF and video')).toEqual([]);
    await box.fill('The bathroom tap is leaking');
    await box.press('Enter');
    // the sent photo and PDF show in the guest's own thread, from the server
    const own = phone.getByRole('img', { name: c('attachments.open', { name: 'leak.webp' }) });
    await own.waitFor();
    await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const ownPdf = phone.getByRole('link').filter({ hasText: PDF_NAME });
    await ownPdf.getByText(PDF_SIZE, { exact: true }).waitFor();
    expect(await ownPdf.getAttribute('href')).toMatch(/^\/api\/v1\/guest\/attachments\/[0-9a-f-]{36}$/);
    const ownVideo = phone.getByLabel(c('attachments.video', { name: 'drip.webm' }));
    await expect.poll(() => ownVideo.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBe(64);
    expect(await axeProblems(phone, 'guest thread with a photo, a PDF and a video')).toEqual([]);
    await own.click();
    const ownViewer = phone.getByRole('dialog', { name: c('attachments.viewer', { name: 'leak.webp' }) });
    await ownViewer.waitFor();
    expect(await axeProblems(phone, 'guest photo viewer')).toEqual([]);
    await ownViewer.getByRole('button', { name: c('close') }).click();
    await ownViewer.waitFor({ state: 'hidden' });

    // the server takes 5 files in one message (its default, sent with the session): a sixth chosen
    // is named at once, before anything is uploaded, rather than refused at the send. The three
    // files above went with the first message, so the composer starts this one empty.
    expect(await chosen.count()).toBe(0);
    const pages = Array.from({ length: 6 }, (_, i) => ({
      name: `page${i + 1}.pdf`,
      mimeType: 'application/pdf',
      buffer: PDF,
    }));
    await (await chooserOf(phone, attach)).setFiles(pages);
    await phone.getByText(c('attachments.leftOutTooMany', { name: 'page6.pdf', max: 5 })).waitFor();
    expect(await chosen.getByRole('listitem').count()).toBe(5);
    // the camera's photos go into the same message: it is full for both buttons
    expect(await attach.isDisabled()).toBe(true);
    expect(await takePhoto.isDisabled()).toBe(true);
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
    const pdf = paneOf(desk).getByRole('link').filter({ hasText: PDF_NAME });
    await pdf.getByText(PDF_SIZE, { exact: true }).waitFor();
    expect(await pdf.getAttribute('href')).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);
    // the PDF is served as a download, as sent
    const served = await desk.evaluate(
      async (href) => {
        const response = await fetch(href ?? '');
        return {
          disposition: response.headers.get('content-disposition'),
          start: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)),
        };
      },
      await pdf.getAttribute('href'),
    );
    expect(served.disposition).toMatch(/^attachment/);
    expect(served.start).toBe('%PDF-');
    const video = paneOf(desk).getByLabel(c('attachments.video', { name: 'drip.webm' }));
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(64);
    expect(await axeProblems(desk, 'staff thread with a photo, a PDF and a video')).toEqual([]);

    await thumbnail.click();
    const viewer = desk.getByRole('dialog', { name: c('attachments.viewer', { name: 'leak.webp' }) });
    await viewer.waitFor();
    expect(await axeProblems(desk, 'photo viewer')).toEqual([]);
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });
});
