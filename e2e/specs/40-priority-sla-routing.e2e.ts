import type { Priority, RoutingRule, StaffMember, Team } from '@frontdesk/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, pathOf, StaffApi } from '../support/api.js';
import { expectAccessible } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { sentByGuest } from '../support/guest.js';
import { openInLanguage, signIn } from '../support/staff.js';
import { field, guest as g, staff as s, staffIn } from '../support/strings.js';

const STAMP = Date.now() % 100_000;
const TEAM = `Wellness ${STAMP}`;
const RULE = `Massage requests ${STAMP}`;
const FROM = 'Piotr Nowak'; // reception1
const TO = 'Maria Wiśniewska'; // reception2
/** The team's first-response target: long enough that the server escalates nothing during the spec. */
const TARGET_MINUTES = 30;

/** Four guests' requests, oldest first, and the priority the desk gives each. */
const REQUESTS: { guest: string; text: string; priority: Priority }[] = [
  { guest: 'Aino Virtanen', text: 'Could you book a massage for two tomorrow?', priority: 'normal' },
  { guest: 'Bruno Keller', text: 'Is a massage in the room possible tonight?', priority: 'high' },
  { guest: 'Carla Neri', text: 'Please move my massage to noon, my flight is early.', priority: 'urgent' },
  { guest: 'Dara Quinn', text: 'A hot stone massage after dinner, please.', priority: 'normal' },
];
const [OLDEST, HIGH, URGENT, NEWEST] = REQUESTS as [
  (typeof REQUESTS)[number],
  (typeof REQUESTS)[number],
  (typeof REQUESTS)[number],
  (typeof REQUESTS)[number],
];

/** A regular expression for a text with one `{{time}}` in it, any time. */
function withAnyTime(text: (vars: { time: string }) => string): RegExp {
  const escaped = text({ time: '\u0000' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace('\u0000', '.+')}$`);
}

/** An inbox card: the button showing the request's text. */
const cardOf = (desk: Page, text: string) => desk.locator('.fd-card').filter({ hasText: text });
/** The open conversation's pane. */
const paneOf = (desk: Page, guest: string) =>
  desk.getByRole('region', { name: s('inbox.conversationWith', { name: guest }) });

/** Text keys the app would show raw if a translation were missing, such as `inbox.priorities.high`. */
const RAW_KEY = /\b(inbox|admin|status|common)\.[a-z]\w*\.?\w*/;

/**
 * Issue 12, items 1–4 and 7 as the staff see them: the queue puts urgent requests first and
 * equal ones by waiting time, with priority badges and the team's reply deadline on each card
 * (then overdue); the conversation says which team and rule it was routed by and how it came to
 * its holder; an admin adds a team member with a capacity, languages and skills. Axe passes on
 * each view, in English, Polish and German.
 */
describe('priority, reply deadlines, routing reasons and team members', () => {
  const browsers = useBrowsers();
  let admin: StaffApi;
  let reception: StaffApi;
  let team: Team;
  let rule: RoutingRule;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    admin = await StaffApi.signIn(accounts.admin);
    reception = await StaffApi.signIn(accounts.reception1);
    team = await admin.request<Team>('POST', '/api/v1/teams', { name: TEAM });
    await admin.request('PATCH', `/api/v1/teams/${team.id}`, { firstResponseMinutes: TARGET_MINUTES });
    rule = await admin.request<RoutingRule>('POST', '/api/v1/routing-rules', {
      name: RULE,
      conditions: { keywords: ['massage'] },
      teamId: team.id,
    });
    // the guests check in one by one (each takes a free room) and open the chat on their phones;
    // then they write one after the other, so the first has waited longest
    const stays = [];
    for (const request of REQUESTS) stays.push(await reception.checkIn({ name: request.guest }));
    const phones = await Promise.all(
      stays.map(async (stay, i) => {
        const phone = await browsers.open(`${REQUESTS[i]?.guest}'s phone`, PHONE);
        await phone.goto(pathOf(stay.guests[0]?.url ?? ''));
        return phone;
      }),
    );
    for (const [i, request] of REQUESTS.entries()) {
      const phone = phones[i] as Page;
      const composer = phone.getByRole('textbox', { name: g('chat.composerLabel') });
      await composer.fill(request.text);
      await composer.press('Enter');
      await sentByGuest(phone, request.text).waitFor();
    }
    await Promise.all(phones.map((phone) => browsers.close(phone)));
    const queue = await reception.request<{ conversations: { id: string; preview: string }[] }>(
      'GET',
      '/api/v1/conversations?status=queued&limit=100',
    );
    for (const request of REQUESTS) {
      const id = queue.conversations.find((c) => c.preview === request.text)?.id;
      if (!id) expect.fail(`“${request.text}” is not in the queue`);
      ids.set(request.text, id);
      if (request.priority !== 'normal')
        await reception.request('PUT', `/api/v1/conversations/${id}/priority`, { priority: request.priority });
    }
  });

  afterAll(async () => {
    // later specs' requests go where they did before, and the queue is as it was
    if (rule) await admin.request('DELETE', `/api/v1/routing-rules/${rule.id}`);
    for (const id of ids.values()) await admin.request('POST', `/api/v1/conversations/${id}/resolve`).catch(() => {});
  });

  it('the queue puts urgent first, then high, then the longest waiting; cards show priority and the reply deadline, then that it is overdue; the conversation says where it was routed and who handed it over', async () => {
    const desk = await browsers.open('desk');
    // the desk's own clock, so the deadline can pass without waiting for it
    await desk.clock.install();
    await signIn(desk, accounts.reception1);
    await desk.goto('/app?tab=queued');
    for (const request of REQUESTS) await cardOf(desk, request.text).waitFor();

    // ordered by priority, then by waiting time
    const shown = await desk.locator('.fd-card').allTextContents();
    const placeOf = (text: string) => shown.findIndex((card) => card.includes(text));
    expect([URGENT, HIGH, OLDEST, NEWEST].map((r) => placeOf(r.text))).toEqual(
      [URGENT, HIGH, OLDEST, NEWEST].map((r) => placeOf(r.text)).sort((a, b) => a - b),
    );

    // urgent and high stand out; normal shows no badge
    await cardOf(desk, URGENT.text).getByText(s('inbox.priorities.urgent'), { exact: true }).waitFor();
    await cardOf(desk, HIGH.text).getByText(s('inbox.priorities.high'), { exact: true }).waitFor();
    expect(await cardOf(desk, OLDEST.text).getByText(s('inbox.priorities.normal'), { exact: true }).count()).toBe(0);

    // the team's first-response target: a reply is due
    const dueIn = withAnyTime((v) => s('inbox.replyDueIn', v));
    for (const request of REQUESTS) await cardOf(desk, request.text).getByText(dueIn).waitFor();
    await expectAccessible(desk, 'the queue with priorities and reply deadlines');

    // the conversation says where it went and why, and its priority
    await cardOf(desk, HIGH.text).click();
    const pane = paneOf(desk, HIGH.guest);
    await pane.getByText(`${s('inbox.team', { team: TEAM })} · ${s('inbox.routedByRule', { rule: RULE })}`).waitFor();
    await pane
      .getByRole('button', { name: s('inbox.setPriority') })
      .filter({ hasText: s('inbox.priorityOf', { priority: s('inbox.priorities.high') }) })
      .waitFor();

    // handed to a colleague, the request says by whom
    const staff = await admin.request<StaffMember[]>('GET', '/api/v1/staff');
    const maria = staff.find((m) => m.name === TO);
    if (!maria) expect.fail(`no ${TO} among the staff`);
    const urgent = ids.get(URGENT.text) ?? '';
    await reception.request('POST', `/api/v1/conversations/${urgent}/transfer`, { userId: maria.id });
    await desk.goto(`/app?tab=open&c=${urgent}`);
    const handed = paneOf(desk, URGENT.guest);
    await handed.getByText(s('inbox.assignedTo', { name: TO }), { exact: false }).waitFor();
    await handed.getByText(s('inbox.assignedHow.handed_over', { by: FROM }), { exact: true }).waitFor();
    await handed.getByText(`${s('inbox.team', { team: TEAM })} · ${s('inbox.routedByRule', { rule: RULE })}`).waitFor();
    await expectAccessible(desk, 'a routed conversation, handed to a colleague');

    // the deadline passes on the desk's clock: every waiting card says the reply is overdue
    await desk.goto('/app?tab=queued');
    await desk.clock.fastForward((TARGET_MINUTES + 2) * 60_000);
    const overdue = withAnyTime((v) => s('inbox.replyOverdue', v));
    for (const request of [HIGH, OLDEST, NEWEST]) await cardOf(desk, request.text).getByText(overdue).waitFor();
    await expectAccessible(desk, 'the queue with overdue replies');
    await browsers.close(desk);
  });

  it('the queue and the conversation read in Polish and German, with axe passing', async () => {
    for (const language of ['pl', 'de'] as const) {
      const t = (key: string, vars?: Record<string, string | number>) => staffIn(language, key, vars);
      const desk = await browsers.open(`desk (${language})`);
      await signIn(desk, accounts.reception1);
      await openInLanguage(desk, `/app?tab=queued&c=${ids.get(HIGH.text)}`, language);
      // priority badges and the reply deadlines on the cards, the routing reason in the conversation
      await cardOf(desk, HIGH.text).getByText(t('inbox.priorities.high'), { exact: true }).waitFor();
      await cardOf(desk, OLDEST.text)
        .getByText(withAnyTime((v) => t('inbox.replyDueIn', v)))
        .waitFor();
      const pane = desk.getByRole('region', { name: t('inbox.conversationWith', { name: HIGH.guest }) });
      await pane.getByText(`${t('inbox.team', { team: TEAM })} · ${t('inbox.routedByRule', { rule: RULE })}`).waitFor();
      await pane.getByText(t('inbox.priorityOf', { priority: t('inbox.priorities.high') })).waitFor();
      expect(await desk.locator('body').innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(desk, `the queue and a routed conversation (${language})`);

      await desk.goto(`/app?tab=open&c=${ids.get(URGENT.text)}`);
      const handed = desk.getByRole('region', { name: t('inbox.conversationWith', { name: URGENT.guest }) });
      await handed.getByText(t('inbox.assignedHow.handed_over', { by: FROM }), { exact: true }).waitFor();
      expect(await desk.locator('body').innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(desk, `a conversation handed to a colleague (${language})`);
      await browsers.close(desk);
    }
  });

  it('an admin adds a member with a capacity, languages and skills; the dialog passes axe in English, German and Polish', async () => {
    const page = await browsers.open('teams admin');
    await signIn(page, accounts.admin);
    await page.goto('/app/admin/teams');
    const card = page.getByRole('region', { name: TEAM });
    await card.getByRole('button', { name: s('admin.teams.addMember') }).click();
    const dialog = page.getByRole('dialog', { name: s('admin.teams.addMemberTitle', { team: TEAM }) });
    await dialog.getByRole('combobox', { name: field(s('admin.teams.member')) }).click();
    await page.getByRole('option', { name: new RegExp(`^${TO}`) }).click();
    await dialog.getByRole('textbox', { name: field(s('admin.teams.capacity')) }).fill('3');
    const languages = dialog.getByLabel(field(s('admin.teams.languages')));
    for (const tag of ['de', 'pl']) {
      await languages.fill(tag);
      await languages.press('Enter');
    }
    const skills = dialog.getByLabel(field(s('admin.teams.skills')));
    await skills.fill('spa');
    await skills.press('Enter');
    await expectAccessible(page, 'the team member dialog');
    await dialog.getByRole('button', { name: s('admin.teams.addMemberSubmit') }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = card.getByRole('table', { name: s('admin.teams.members', { team: TEAM }) }).getByRole('row', {
      name: new RegExp(TO),
    });
    for (const text of ['3', 'de', 'pl', 'spa']) await row.getByText(text, { exact: true }).waitFor();
    await expectAccessible(page, 'the teams page with a member');
    const saved = (await admin.request<Team>('GET', `/api/v1/teams/${team.id}`)).members.find((m) => m.name === TO);
    expect(saved).toMatchObject({ capacity: 3, languages: ['de', 'pl'], skills: ['spa'] });

    // the same dialog in German and in Polish, to change the member
    for (const language of ['de', 'pl'] as const) {
      const t = (key: string, vars?: Record<string, string | number>) => staffIn(language, key, vars);
      await openInLanguage(page, '/app/admin/teams', language);
      await card.getByRole('button', { name: t('admin.staff.actionsFor', { name: TO }) }).click();
      await page.getByRole('menuitem', { name: t('admin.teams.editMemberOf', { name: TO, team: TEAM }) }).click();
      const edit = page.getByRole('dialog', { name: t('admin.teams.editMemberOf', { name: TO, team: TEAM }) });
      await expect
        .poll(() => edit.getByRole('textbox', { name: field(t('admin.teams.capacity')) }).inputValue())
        .toBe('3');
      await edit.getByText(t('admin.teams.skillsHelp')).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await expectAccessible(page, `the team member dialog (${language})`);
    }
    await browsers.close(page);
  });
});
