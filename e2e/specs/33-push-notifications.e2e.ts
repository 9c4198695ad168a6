import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { DESKTOP, PHONE, useBrowsers } from '../support/browser.js';
import { signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const unique = Math.random().toString(36).slice(2, 7);
const GUEST = `Ines Moreau ${unique}`;

interface Shown {
  title: string;
  body: string;
  tag: string;
  data: unknown;
}

/** The notifications the site's service worker shows now (from a page of the site). */
const shown = (page: Page) =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map(
      (n): Shown => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }),
    ),
  );

/**
 * The registration id DevTools gives the site's service worker (for ServiceWorker.deliverPushMessage):
 * what a push service's message reaches, without a push service (headless Chromium has none offline).
 */
async function workerOf(cdp: CDPSession, scope: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      const registration = event.registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

/**
 * Issue 17 item 5 (web push), spec 33: the guest's chat offers "Notify me of replies" (a lazy
 * chunk); the PWA's service worker shows a pushed reply as a notification — with its body, its tag
 * and the page a tap opens — once no window of the site is focused, and shows nothing while the
 * chat itself is in front; staff find "Notifications on this device" on their account page.
 */
describe('web push: the service worker shows what the server pushes; guests and staff are offered it', () => {
  const browsers = useBrowsers();

  it('a guest is offered notifications of replies, and the service worker shows a pushed reply', async () => {
    const reception = await StaffApi.signIn(accounts.reception1);
    const stay = await reception.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    // the offer comes with the chat's extras, after the first paint; the permission is asked only on a tap
    const offer = phone.getByRole('region', { name: g('notify.yes') });
    await offer.getByRole('button', { name: g('notify.yes') }).waitFor();
    await offer.getByRole('button', { name: g('notify.no') }).waitFor();
    expect(await axeProblems(phone, 'guest notify-me offer')).toEqual([]);

    const scope = await phone.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    const origin = new URL(phone.url()).origin;
    await browsers.contextOf(phone).grantPermissions(['notifications'], { origin });
    const cdp = await browsers.contextOf(phone).newCDPSession(phone);
    const registrationId = await workerOf(cdp, scope);
    const chatUrl = pathOf(access.url);
    const push = (tag: string, body: string) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId,
        data: JSON.stringify({ title: 'Aurora Hotel', body, url: chatUrl, tag, kind: 'reply' }),
      });

    // while the chat is in front, it shows the reply itself: the worker adds no notification
    if (await phone.evaluate(() => document.hasFocus())) {
      await push(`in-front-${unique}`, 'Seen in the chat');
      await phone.waitForTimeout(1000);
      expect(await shown(phone)).toEqual([]);
    }

    // the page is closed (no window of the site): the reply becomes a notification
    await phone.goto('about:blank');
    const reply = `Your taxi is booked for 7:30 (${unique})`;
    await push(`reply-${unique}`, reply);
    // twice, as an at-least-once consumer may: one tag, one notification
    await push(`reply-${unique}`, reply);
    await phone.goto(chatUrl);
    await expect
      .poll(() => shown(phone), { timeout: 10_000 })
      .toEqual([
        {
          title: 'Aurora Hotel',
          body: reply,
          tag: `reply-${unique}`,
          data: { url: chatUrl, kind: 'reply' },
        },
      ]);
    // a push that is not one of ours shows nothing
    await phone.goto('about:blank');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: 'not json' });
    await phone.goto(chatUrl);
    await phone.waitForTimeout(500);
    expect((await shown(phone)).map((n) => n.tag)).toEqual([`reply-${unique}`]);
  });

  it('staff find “Notifications on this device” on their account page', async () => {
    const desk = await browsers.open('reception desk', DESKTOP);
    await signIn(desk, accounts.reception2);
    await desk.goto('/app/account');
    await desk.getByRole('heading', { name: s('account.pushTitle') }).waitFor();
    const toggle = desk.getByRole('switch', { name: s('account.pushSwitch') });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await axeProblems(desk, 'account page with the push switch')).toEqual([]);
  });
});
