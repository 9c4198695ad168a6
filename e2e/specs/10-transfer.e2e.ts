import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { axeProblems, expectAccessible } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, openInLanguage, signIn } from '../support/staff.js';
import { field, guest as g, staff as s, staffIn } from '../support/strings.js';

const GUEST = 'Hanna Ilves';
const REQUEST = 'The shower in my room is only lukewarm.';
const NOTE = 'Guest prefers a visit after 4 pm; the plumber knows the room.';
const FROM = 'Piotr Nowak'; // reception1
const TO = 'Maria Wiśniewska'; // reception2
const ADMIN = 'Anna Kowalska';
const TEAM = 'Maintenance';

/** Text keys the app would show raw if a translation were missing, such as `inbox.transferDialog.note`. */
const RAW_KEY = /\b(inbox|admin|shift|common)\.[a-z]\w*\.?\w*/;

/** The request the hand-overs below moved about, for the dialogs in the other languages. */
let conversationId: string | null = null;

/** The open conversation's pane on a desk. */
const paneOf = (desk: Page) => desk.getByRole('region', { name: s('inbox.conversationWith', { name: GUEST }) });
/** The last hand-over under the pane's header. */
const handoverOf = (desk: Page) => paneOf(desk).getByRole('complementary', { name: s('inbox.handover.label') });

/**
 * Issue 12, item 6: a receptionist hands a guest's request to a colleague with a note for them;
 * the colleague sees it with the note, the guest only that a colleague took over.
 */
describe('transferring a request to a colleague', () => {
  const browsers = useBrowsers();

  it('hands the request over with a note the colleague sees and the guest never does; the colleague’s shift end and an admin’s bulk hand-over send it back to the queue, from where it goes to another team', async () => {
    const api = await StaffApi.signIn(accounts.reception1);
    await (await StaffApi.signIn(accounts.admin)).request('POST', '/api/v1/teams', { name: TEAM });
    const stay = await api.checkIn({ name: GUEST });
    const access = stay.guests[0];
    if (!access) expect.fail('the check-in returned no guest');

    const phone = await browsers.open('guest phone', PHONE);
    await phone.goto(pathOf(access.url));
    const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
    await composer.fill(REQUEST);
    await composer.press('Enter');

    // the first receptionist takes the request
    const desk = await browsers.open('first receptionist');
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
    conversationId = new URL(desk.url()).searchParams.get('c');
    if (!conversationId) expect.fail(`no open conversation in ${desk.url()}`);

    // … and transfers it to the second one, with a note: the dialog opens with the picker focused
    await paneOf(desk)
      .getByRole('button', { name: s('inbox.transfer'), exact: true })
      .click();
    const dialog = desk.getByRole('dialog', { name: s('inbox.transferDialog.title') });
    const picker = dialog.getByRole('combobox', { name: field(s('inbox.handTo')) });
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await picker.click();
    await desk.getByRole('option', { name: new RegExp(TO) }).click();
    await dialog.getByRole('textbox', { name: s('inbox.transferDialog.note') }).fill(NOTE);
    await dialog.getByText(s('inbox.transferDialog.noteHint', { length: NOTE.length })).waitFor();
    expect(await axeProblems(desk, 'staff transfer dialog')).toEqual([]);
    await dialog.getByRole('button', { name: s('inbox.transferDialog.submit') }).click();
    await dialog.waitFor({ state: 'detached' });

    // the first desk shows the new holder and the hand-over at once
    await paneOf(desk)
      .getByText(s('inbox.assignedTo', { name: TO }))
      .waitFor();
    await handoverOf(desk)
      .getByText(s('inbox.handover.byTo', { by: FROM, to: TO }))
      .waitFor();

    // the colleague finds it among theirs, with the note
    const colleague = await browsers.open('second receptionist');
    await signIn(colleague, accounts.reception2);
    await colleague.goto(`/app?tab=mine&c=${conversationId}`);
    await paneOf(colleague)
      .getByText(s('inbox.assignedTo', { name: s('inbox.you') }))
      .waitFor();
    const handover = handoverOf(colleague);
    await handover.getByText(s('inbox.handover.byTo', { by: FROM, to: TO })).waitFor();
    await handover.getByText(NOTE).waitFor();

    // the guest is told a colleague took over, and never sees the note
    await phone.getByText(g('chat.system.transferred')).first().waitFor();
    await phone.waitForTimeout(1000);
    expect(await phone.getByText(NOTE).count()).toBe(0);
    expect(await phone.content()).not.toContain('plumber');
    // nor after a reload, from the server's copy of the conversation
    await phone.reload();
    await phone.getByText(g('chat.system.transferred')).first().waitFor();
    expect(await phone.content()).not.toContain('plumber');

    // the colleague ends their shift: away first, then their open request goes back to the queue
    await colleague.getByRole('button', { name: s('userMenu.label', { name: TO }) }).click();
    await colleague.getByRole('menuitem', { name: s('shift.end') }).click();
    const endShift = colleague.getByRole('dialog', { name: s('shift.title') });
    await endShift.getByText(s('shift.body', { n: 1 })).waitFor();
    // the account menu has closed behind the dialog (it fades out)
    await colleague.getByRole('menu').waitFor({ state: 'hidden' });
    expect(await axeProblems(colleague, 'staff end-of-shift dialog')).toEqual([]);
    await endShift.getByRole('button', { name: s('shift.confirm') }).click();
    await colleague.getByText(s('shift.handedOver', { n: 1 })).waitFor();
    expect(await colleague.getByRole('radio', { name: s('presence.away') }).isChecked()).toBe(true);
    await paneOf(colleague).getByText(s('inbox.unassigned')).waitFor();
    await handoverOf(colleague)
      .getByText(s('inbox.handover.by', { by: TO }))
      .waitFor();
    await paneOf(desk).getByText(s('inbox.unassigned')).waitFor();

    // the first receptionist takes it again; an admin hands over all their requests in bulk
    await api.request('POST', `/api/v1/conversations/${conversationId}/take`);
    await paneOf(desk)
      .getByText(s('inbox.assignedTo', { name: s('inbox.you') }))
      .waitFor();
    const admin = await browsers.open('admin');
    await signIn(admin, accounts.admin);
    await admin.goto('/app/admin/staff');
    await admin.getByRole('button', { name: s('admin.staff.actionsFor', { name: FROM }) }).click();
    await admin.getByRole('menuitem', { name: s('admin.staff.handOver') }).click();
    const bulk = admin.getByRole('dialog', { name: s('admin.staff.handOverTitle', { name: FROM }) });
    await admin.getByRole('menu').waitFor({ state: 'hidden' });
    await bulk.getByRole('textbox', { name: s('admin.staff.handOverNote') }).fill('Piotr went home ill.');
    expect(await axeProblems(admin, 'admin hand-over dialog')).toEqual([]);
    await bulk.getByRole('button', { name: s('admin.staff.handOverSubmit') }).click();
    await admin.getByText(s('admin.staff.handedOver', { name: FROM, n: 1 })).waitFor();
    await paneOf(desk).getByText(s('inbox.unassigned')).waitFor();
    await handoverOf(desk).getByText('Piotr went home ill.').waitFor();
    await handoverOf(desk)
      .getByText(s('inbox.handover.by', { by: ADMIN }))
      .waitFor();

    // a request waiting in the queue may be sent to another team's queue by anyone at the desk
    await paneOf(desk)
      .getByRole('button', { name: s('inbox.transfer'), exact: true })
      .click();
    await dialog.getByRole('combobox', { name: field(s('inbox.handTo')) }).click();
    await desk.getByRole('option', { name: s('inbox.transferDialog.teamQueue', { team: TEAM }) }).click();
    await dialog.getByRole('button', { name: s('inbox.transferDialog.submit') }).click();
    await dialog.waitFor({ state: 'detached' });
    await paneOf(desk)
      .getByText(s('inbox.team', { team: TEAM }))
      .waitFor();
    await handoverOf(desk)
      .getByText(s('inbox.handover.byTo', { by: FROM, to: TEAM }))
      .waitFor();
  });

  it('the transfer, end-of-shift and hand-over dialogs read in Polish and German, with axe passing', async () => {
    if (!conversationId) expect.fail('the hand-overs above left no request');
    for (const language of ['pl', 'de'] as const) {
      const t = (key: string, vars?: Record<string, string | number>) => staffIn(language, key, vars);
      const desk = await browsers.open(`desk (${language})`);
      await signIn(desk, accounts.reception1);
      await openInLanguage(desk, `/app?tab=queued&c=${conversationId}`, language);

      // the transfer dialog, a colleague picked and a note written (then cancelled)
      const pane = desk.getByRole('region', { name: t('inbox.conversationWith', { name: GUEST }) });
      await pane.getByRole('button', { name: t('inbox.transfer'), exact: true }).click();
      const dialog = desk.getByRole('dialog', { name: t('inbox.transferDialog.title') });
      await dialog.getByRole('combobox', { name: field(t('inbox.handTo')) }).click();
      await desk.getByRole('option', { name: new RegExp(TO) }).click();
      await dialog.getByRole('textbox', { name: t('inbox.transferDialog.note') }).fill(NOTE);
      await dialog.getByText(t('inbox.transferDialog.noteHint', { length: NOTE.length })).waitFor();
      expect(await dialog.innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(desk, `staff transfer dialog (${language})`);
      await desk.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // the end-of-shift dialog (cancelled: the shift goes on)
      await desk.getByRole('button', { name: t('userMenu.label', { name: FROM }) }).click();
      await desk.getByRole('menuitem', { name: t('shift.end') }).click();
      const endShift = desk.getByRole('dialog', { name: t('shift.title') });
      await endShift.getByRole('button', { name: t('shift.confirm') }).waitFor();
      await desk.getByRole('menu').waitFor({ state: 'hidden' });
      expect(await endShift.innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(desk, `staff end-of-shift dialog (${language})`);
      await desk.keyboard.press('Escape');
      await endShift.waitFor({ state: 'detached' });
      await browsers.close(desk);

      // the admin's hand-over dialog, with a note (not sent)
      const admin = await browsers.open(`admin (${language})`);
      await signIn(admin, accounts.admin);
      await openInLanguage(admin, '/app/admin/staff', language);
      await admin.getByRole('button', { name: t('admin.staff.actionsFor', { name: FROM }) }).click();
      await admin.getByRole('menuitem', { name: t('admin.staff.handOver') }).click();
      const bulk = admin.getByRole('dialog', { name: t('admin.staff.handOverTitle', { name: FROM }) });
      await admin.getByRole('menu').waitFor({ state: 'hidden' });
      await bulk.getByRole('textbox', { name: t('admin.staff.handOverNote') }).fill('Piotr went home ill.');
      expect(await bulk.innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(admin, `admin hand-over dialog (${language})`);
      await browsers.close(admin);
    }
  });
});
