import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const GUEST = 'Ingrid Solberg';
const REQUEST = 'Is breakfast included in my stay?';
const REPLY = 'Yes — breakfast is served from 7 to 10 on the first floor.';
const LATER = 'Your taxi to the airport will wait at the entrance.';
const LATER_EDITED = 'Your taxi to the airport will wait at the side door.';
const SOON = 'Good morning! Your room is ready for you.';
const COLLEAGUE = 'Maria Wiśniewska'; // reception2

const paneOf = (desk: Page) => desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });

/** Tomorrow at 14:30 as a datetime-local value (the form reads it on the hotel's clock). */
function tomorrowAt1430(): string {
  const d = new Date(Date.now() + 24 * 3_600_000);
  return `${d.toISOString().slice(0, 10)}T14:30`;
}

/**
 * Issue 13, items 6 and 10: a guest reacts to the receptionist's reply and the desk sees it live;
 * the emoji picker opens (lazily) in the guest's composer and in the desk's; a colleague opening the same request is
 * shown as viewing; the receptionist schedules a reply for later, sees it listed on the hotel's
 * clock and cancels it, and one scheduled a moment ahead reaches the guest's phone.
 */
describe('reactions, emoji and sending later', () => {
  const browsers = useBrowsers();

  it('the guest reacts to a reply and the desk sees it; the desk schedules a reply; axe passes', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(REQUEST);
    await composer.press('Enter');

    const desk = await browsers.open('receptionist');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: REQUEST }).click();
    const reply = paneOf(desk).getByRole('textbox', { name: s('composer.label') });
    await reply.fill(REPLY);
    await reply.press('Enter');
    const conversationId = new URL(desk.url()).searchParams.get('c');
    if (!conversationId) expect.fail(`no open conversation in ${desk.url()}`);

    // the guest reacts with a thumbs-up from the quick choices under the reply
    const bubble = phone.getByRole('listitem').filter({ hasText: REPLY });
    await bubble.waitFor();
    await bubble.getByRole('button', { name: s('common:emoji.react') }).click();
    await bubble.getByRole('button', { name: s('common:emoji.reactWith', { emoji: '👍' }) }).click();
    await bubble.getByRole('button', { name: s('common:emoji.reactionMine', { emoji: '👍', count: 1 }) }).waitFor();

    // … and the desk sees it live under its reply, as someone else's
    await paneOf(desk)
      .getByRole('button', { name: s('common:emoji.reaction', { emoji: '👍', count: 1 }) })
      .waitFor();

    // the guest's emoji picker loads on demand and puts the emoji into the message
    await phone.getByRole('button', { name: s('common:emoji.open') }).click();
    const picker = phone.getByRole('dialog', { name: s('common:emoji.picker') });
    await picker.getByRole('searchbox', { name: s('common:emoji.search') }).fill('grinning');
    expect(await axeProblems(phone, 'guest emoji picker')).toEqual([]);
    await picker.getByRole('gridcell').first().click();
    await expect.poll(() => composer.inputValue()).toMatch(/\p{Extended_Pictographic}/u);
    expect(await axeProblems(phone, 'guest chat with reactions')).toEqual([]);

    // the desk's composer has the same picker, loaded on demand too
    await paneOf(desk)
      .locator('form', { has: desk.getByRole('textbox', { name: s('composer.label') }) })
      .getByRole('button', { name: s('common:emoji.open') })
      .click();
    const deskPicker = desk.getByRole('dialog', { name: s('common:emoji.picker') });
    await deskPicker.getByRole('searchbox', { name: s('common:emoji.search') }).fill('smile');
    expect(await axeProblems(desk, 'staff emoji picker')).toEqual([]);
    await deskPicker.getByRole('gridcell').first().click();
    await expect.poll(() => reply.inputValue()).toMatch(/\p{Extended_Pictographic}/u);
    await reply.fill('');

    // a colleague opens the same request: the first receptionist sees who is looking
    const colleague = await browsers.open('second receptionist');
    await signIn(colleague, accounts.reception2);
    await colleague.goto(desk.url());
    await paneOf(colleague).waitFor();
    await paneOf(desk)
      .getByText(s('collision.viewing', { names: COLLEAGUE }))
      .waitFor();
    expect(await phone.getByText(COLLEAGUE).count(), 'the guest is never told who looks').toBe(0);

    // the receptionist schedules a reply for tomorrow at 14:30, hotel time
    await reply.fill(LATER);
    await paneOf(desk)
      .getByRole('button', { name: s('later.button') })
      .click();
    const dialog = desk.getByRole('dialog', { name: s('later.title') });
    const when = s('later.when', { zone: 'ZONE' }).split('ZONE')[0] ?? '';
    await dialog.getByLabel(when).fill(tomorrowAt1430());
    expect(await axeProblems(desk, 'send later dialog')).toEqual([]);
    await dialog.getByRole('button', { name: s('later.schedule') }).click();
    await dialog.waitFor({ state: 'hidden' });
    const scheduled = paneOf(desk).getByRole('region', { name: s('later.listLabel') });
    await scheduled.getByText(LATER).waitFor();
    // on the hotel's clock, as the reader's language writes it ("2:30 PM" in English)
    await scheduled.getByText(/(14:30|2:30\sPM)/).waitFor();
    expect(await scheduled.getByText(/\(hotel time\)/).count()).toBeGreaterThan(0);
    expect(await reply.inputValue(), 'the composer is emptied once scheduled').toBe('');
    expect(await axeProblems(desk, 'staff pane with reactions, viewing and a scheduled reply')).toEqual([]);

    // edited: the dialog holds its text; saved, the list shows the new one
    await scheduled.getByRole('button', { name: s('later.edit') }).click();
    const editing = desk.getByRole('dialog', { name: s('later.editTitle') });
    const editText = editing.getByRole('textbox', { name: s('later.text') });
    expect(await editText.inputValue()).toBe(LATER);
    expect(await axeProblems(desk, 'scheduled reply edit dialog')).toEqual([]);
    await editText.fill(LATER_EDITED);
    await editing.getByRole('button', { name: s('later.save') }).click();
    await editing.waitFor({ state: 'hidden' });
    await scheduled.getByText(LATER_EDITED).waitFor();

    // cancelled, it is gone from the list and never reaches the guest
    await scheduled.getByRole('button', { name: s('later.cancel') }).click();
    const confirming = desk.getByRole('dialog', { name: s('later.cancel') });
    await confirming.getByText(LATER_EDITED).waitFor();
    expect(await axeProblems(desk, 'scheduled reply cancel confirmation')).toEqual([]);
    await confirming.getByRole('button', { name: s('later.cancel') }).click();
    await scheduled.waitFor({ state: 'detached' });

    // one scheduled a moment ahead goes out by itself, as the receptionist
    await api.request('POST', `/api/v1/conversations/${conversationId}/scheduled-messages`, {
      body: SOON,
      sendAt: new Date(Date.now() + 2_000).toISOString(),
    });
    await phone.getByRole('listitem').filter({ hasText: SOON }).waitFor({ timeout: 30_000 });
    await paneOf(desk).getByText(SOON).waitFor();
    expect(await phone.getByText(LATER).count(), 'neither sent at once nor after being cancelled').toBe(0);
    expect(await phone.getByText(LATER_EDITED).count(), 'nor its edited text').toBe(0);
  }, 120_000);
});
