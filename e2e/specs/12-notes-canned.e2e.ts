import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { guest as g, staff as s } from '../support/strings.js';

const GUEST = 'Liisa Tamm';
const REQUEST = 'Could we have two more towels, please?';
const AGENT = 'Piotr Nowak'; // reception1
const COLLEAGUE = 'Maria Wiśniewska'; // reception2
const NOTE = 'Second towel request today; check the laundry stock.';

const paneOf = (desk: Page) => desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });

/**
 * Issue 13, items 2 and 3: an agent answers with a canned response found with `/`, writes an
 * internal note mentioning a colleague, who is told at once; the guest never sees the note.
 */
describe('canned responses, internal notes and mentions', () => {
  const browsers = useBrowsers();

  it('inserts a canned response filled in for the guest with /, writes a note with a mention the colleague is told of, and the guest page never shows the note', async () => {
    const shortcut = `towels${Math.random().toString(36).slice(2, 6)}`;
    const admin = await StaffApi.signIn(accounts.admin);
    await admin.request('POST', '/api/v1/canned-responses', {
      scope: 'shared',
      shortcut,
      title: 'Towels on their way',
      text: 'Hello {{guest.name}}, fresh towels are on their way to room {{room}}. {{agent.name}}',
    });
    const api = await StaffApi.signIn(accounts.reception1);
    const stay = await api.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');
    const room = stay.room.number;

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const guestBox = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await guestBox.fill(REQUEST);
    await guestBox.press('Enter');

    // the colleague is at their desk, to be told of the mention
    const colleague = await browsers.open('colleague');
    await signIn(colleague, accounts.reception2);

    const desk = await browsers.open('agent');
    await signIn(desk, accounts.reception1);
    await nav(desk)
      .getByRole('link', { name: s('nav.inbox') })
      .click();
    await desk.getByRole('button').filter({ hasText: REQUEST }).click();
    await paneOf(desk)
      .getByRole('button', { name: s('inbox.take') })
      .click();
    await paneOf(desk)
      .getByText(s('inbox.assignedTo', { name: s('inbox.you') }))
      .waitFor();

    // `/` and part of the shortcut: the canned responses, filled in for this guest
    const reply = paneOf(desk).getByRole('textbox', { name: s('composer.label') });
    await reply.click();
    await reply.pressSequentially('/towel');
    const picker = paneOf(desk).getByRole('listbox', { name: s('canned.searchLabel') });
    const filled = `Hello ${GUEST}, fresh towels are on their way to room ${room}. ${AGENT}`;
    await picker.getByRole('option').filter({ hasText: filled }).waitFor();
    expect(await axeProblems(desk, 'staff composer with canned responses')).toEqual([]);
    // Escape closes it, the text stays; typing on opens it again
    await reply.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await reply.inputValue()).toBe('/towel');
    await reply.pressSequentially('s');
    await picker.getByRole('option').filter({ hasText: filled }).waitFor();
    await expect.poll(() => picker.getByRole('option', { selected: true }).count()).toBe(1);
    await reply.press('ArrowDown');
    await reply.press('ArrowUp');
    const selected = picker.getByRole('option', { selected: true });
    const choice = (await selected.textContent()) ?? '';
    await reply.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const inserted = await reply.inputValue();
    expect(choice).toContain(inserted);
    // inserted for editing, not sent: the agent adds a word and sends it
    await reply.press('End');
    await reply.pressSequentially(' Enjoy!');
    await reply.press('Enter');
    const guestThread = phone.getByRole('list', { name: g('chat.messagesLabel') });
    await guestThread.getByText(`${inserted} Enjoy!`).waitFor();

    // a note: the composer turns yellow and says so; @ suggests colleagues
    await paneOf(desk).getByText(s('notes.note'), { exact: true }).click();
    const noteBox = paneOf(desk).getByRole('textbox', { name: s('notes.label') });
    await noteBox.click();
    await noteBox.pressSequentially(`${NOTE} @Mari`);
    const people = paneOf(desk).getByRole('listbox', { name: s('notes.mentionSuggestions') });
    await people.getByRole('option', { name: new RegExp(COLLEAGUE) }).waitFor();
    expect(await axeProblems(desk, 'staff note with mention suggestions')).toEqual([]);
    await noteBox.press('Enter');
    await people.waitFor({ state: 'detached' });
    expect(await noteBox.inputValue()).toBe(`${NOTE} @${COLLEAGUE} `);
    await noteBox.press('Enter');
    const note = paneOf(desk).getByRole('complementary', { name: s('notes.by', { name: AGENT }) });
    await note.getByText(NOTE, { exact: false }).waitFor();
    await note.getByText(s('notes.told', { names: COLLEAGUE })).waitFor();
    expect(await axeProblems(desk, 'staff thread with a note')).toEqual([]);

    // the colleague is told at once, and finds it among their mentions
    await colleague
      .getByText(s('mentions.newTitle', { name: AGENT }))
      .first()
      .waitFor();
    const bell = colleague.getByRole('button', { name: s('mentions.openUnread', { count: 1 }) });
    await bell.click();
    const mentions = colleague.getByRole('dialog', { name: s('mentions.title') });
    await mentions.getByText(NOTE, { exact: false }).waitFor();
    expect(await axeProblems(colleague, 'staff mentions list')).toEqual([]);
    await mentions.getByRole('button').filter({ hasText: NOTE }).click();
    await paneOf(colleague)
      .getByRole('complementary', { name: s('notes.by', { name: AGENT }) })
      .waitFor();
    await colleague.getByRole('button', { name: s('mentions.open'), exact: true }).waitFor();

    // the guest saw the canned answer and never the note, live or after a reload
    await phone.waitForTimeout(1000);
    expect(await phone.content()).not.toContain('laundry');
    await phone.reload();
    await guestThread.getByText(`${inserted} Enjoy!`).waitFor();
    expect(await phone.content()).not.toContain('laundry');

    // the canned responses page: the shared one for everyone, one's own to add
    await nav(desk)
      .getByRole('link', { name: s('canned.nav') })
      .click();
    await desk.getByRole('cell', { name: `/${shortcut}` }).waitFor();
    expect(await axeProblems(desk, 'canned responses page')).toEqual([]);
    await desk.getByRole('button', { name: s('canned.addPersonal') }).click();
    const dialog = desk.getByRole('dialog', { name: s('canned.addPersonal') });
    await dialog.getByRole('textbox', { name: s('canned.shortcut') }).fill(`mine${shortcut}`);
    await dialog.getByRole('textbox', { name: s('canned.titleField') }).fill('Mine');
    await dialog.getByRole('textbox', { name: s('canned.text'), exact: true }).fill('Back in five, {{guest.name}}.');
    expect(await axeProblems(desk, 'canned response dialog')).toEqual([]);
    await dialog.getByRole('button', { name: s('shared.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await desk.getByRole('cell', { name: `/mine${shortcut}` }).waitFor();
  });
});
