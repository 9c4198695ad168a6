import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTranslationServer } from '../../apps/server/test/translation-server.js';
import { accounts, DEMO_PASSWORD } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { type RunningFrontdesk, startFrontdesk } from '../support/server.js';
import { SHOTS_DIR } from '../support/shots.js';
import { nav } from '../support/staff.js';
import { field, staff as s } from '../support/strings.js';

// the guest page speaks the guest's language: Polish here, read from the app's own strings
const polish = (
  (await import(/* @vite-ignore */ new URL('../../apps/web/src/guest/strings.ts', import.meta.url).href)) as {
    guestStrings: { pl: { chat: { composerLabel: string; original: string; translated: string } } };
  }
).guestStrings.pl.chat;

const GUEST = `Jan Kowalski ${Math.random().toString(36).slice(2, 6)}`;
const REQUEST = 'Dzień dobry, nie ma ręczników';
const REQUEST_EN = 'Good morning, there are no towels';
const REPLY = 'Two towels are on their way';
const REPLY_PL = 'Dwa ręczniki są w drodze';

/**
 * Issue 17, item 6: a Polish guest writes to an English desk through a Frontdesk server of the
 * spec's own that translates through LibreTranslate (a local server speaking its API). The
 * receptionist reads the request in English with the Polish original one click away, and the
 * guest reads the reply in Polish with the English original one tap away.
 */
describe('translation between a Polish guest and an English desk', () => {
  const browsers = useBrowsers();
  let fake: Awaited<ReturnType<typeof startTranslationServer>>;
  let frontdesk: RunningFrontdesk;

  beforeAll(async () => {
    fake = await startTranslationServer();
    frontdesk = await startFrontdesk({
      logFile: join(SHOTS_DIR, 'server-32.log'),
      env: { TRANSLATION_PROVIDER: 'libretranslate', TRANSLATION_URL: fake.url },
    });
  });
  afterAll(async () => {
    await frontdesk?.stop();
    await fake?.close();
  });

  async function checkInPolishGuest(): Promise<string> {
    const login = await fetch(`${frontdesk.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: accounts.reception1, password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${frontdesk.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const rooms = await call<{ id: string; number: string; occupied: boolean }[]>('GET', '/api/v1/rooms');
    const room = rooms.find((r) => !r.occupied && !['112', '113', '114'].includes(r.number));
    if (!room) throw new Error('no free room');
    const stay = await call<{ guests: { url: string }[] }>('POST', '/api/v1/stays', {
      roomId: room.id,
      checkOutAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      guest: { name: GUEST, language: 'pl' },
    });
    const url = stay.guests[0]?.url;
    if (!url) throw new Error('the check-in returned no guest');
    return url;
  }

  async function signInHere(page: Page) {
    await page.goto(`${frontdesk.url}/app/login`);
    await page.getByRole('textbox', { name: s('login.email') }).fill(accounts.reception1);
    await page.getByLabel(field(s('login.password'))).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: s('login.submit'), exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
  }

  it('each side reads the other in their own language, with the original one click away; axe passes', async () => {
    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(await checkInPolishGuest());
    const composer = phone.getByRole('textbox', { name: polish.composerLabel });
    await composer.fill(REQUEST);
    await composer.press('Enter');

    const desk = await browsers.open('receptionist');
    await signInHere(desk);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: REQUEST }).click();
    const pane = desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
    // the request in English, the Polish one click away, and back
    await pane.getByText(REQUEST_EN).waitFor();
    await pane.getByText(s('translation.translated')).waitFor();
    await pane.getByRole('button', { name: s('translation.showOriginal') }).click();
    await pane.getByText(REQUEST).waitFor();
    await pane.getByRole('button', { name: s('translation.showTranslation') }).click();
    await pane.getByText(REQUEST_EN).waitFor();

    const reply = pane.getByRole('textbox', { name: s('composer.label') });
    await reply.fill(REPLY);
    await reply.press('Enter');
    // the desk can see what the guest reads
    await pane.getByRole('button', { name: s('translation.showGuestReads') }).click();
    await pane.getByText(REPLY_PL).waitFor();
    expect(await axeProblems(desk, 'a translated thread (desk)')).toEqual([]);

    // the guest reads the reply in Polish, the English one tap away
    const bubble = phone.getByRole('listitem').filter({ hasText: REPLY_PL });
    await bubble.waitFor();
    await bubble.getByRole('button', { name: polish.original }).click();
    await phone.getByRole('listitem').filter({ hasText: REPLY }).waitFor();
    await phone.getByRole('button', { name: polish.translated }).waitFor();
    expect(await axeProblems(phone, 'a translated reply (guest phone)')).toEqual([]);
    // the provider was asked for both, in the LibreTranslate shape
    expect(fake.requests.filter((r) => r.path === '/translate').map((r) => r.body.target)).toEqual(['en', 'pl']);
  });
});
