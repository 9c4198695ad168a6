import type { Routing, Team } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { expectAccessible } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { openInLanguage, signIn } from '../support/staff.js';
import { field, staff as s } from '../support/strings.js';

/**
 * Issue 12, item 2: an admin writes a routing rule in the rules editor — a keyword and "only while
 * the team is open" (routing by the time of day) — and reads it back in the list; the editor passes
 * axe in English, Polish and German.
 */
describe('the routing rules editor', () => {
  const browsers = useBrowsers();
  let api: StaffApi;
  let team: Team;
  const RULE = `Spa while open ${Date.now() % 100_000}`;

  beforeAll(async () => {
    api = await StaffApi.signIn(accounts.admin);
    team = await api.request<Team>('POST', '/api/v1/teams', { name: `Spa desk ${Date.now() % 100_000}` });
  });
  afterAll(async () => {
    const routing = await api.request<Routing>('GET', '/api/v1/routing-rules');
    for (const rule of routing.rules.filter((r) => r.name === RULE))
      await api.request('DELETE', `/api/v1/routing-rules/${rule.id}`);
  });

  it('an admin adds a rule for while the team is open, and the list says so', async () => {
    const admin = await browsers.open('routing editor');
    await signIn(admin, accounts.admin);
    await admin.goto('/app/admin/routing');
    await admin.getByRole('tab', { name: s('admin.sections.routing'), selected: true }).waitFor();
    await expectAccessible(admin, 'the routing page');

    await admin.getByRole('button', { name: s('admin.routing.add') }).click();
    const dialog = admin.getByRole('dialog', { name: s('admin.routing.add') });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: field(s('admin.routing.name')) }).fill(RULE);
    const keywords = dialog.getByLabel(field(s('admin.routing.keywords')));
    await keywords.fill('massage');
    await keywords.press('Enter');
    await dialog.getByRole('combobox', { name: field(s('admin.routing.team')) }).click();
    await admin.getByRole('option', { name: team.name }).click();
    const whileOpen = dialog.getByRole('switch', { name: s('admin.routing.openHoursOnly') });
    await whileOpen.check();
    await expect.poll(() => whileOpen.isChecked()).toBe(true);
    await expectAccessible(admin, 'the routing rule dialog');
    await dialog.getByRole('button', { name: s('admin.routing.addSubmit') }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = admin.getByRole('region', { name: RULE });
    await card.getByText(s('admin.routing.whenTeamOpen', { team: team.name }), { exact: false }).waitFor();
    await card.getByText(s('admin.routing.sendsTo', { team: team.name }), { exact: false }).waitFor();
    const saved = (await api.request<Routing>('GET', '/api/v1/routing-rules')).rules.find((r) => r.name === RULE);
    expect(saved).toMatchObject({
      team: { id: team.id },
      conditions: { keywords: ['massage'], openHoursOnly: true },
    });
    await browsers.close(admin);
  });

  it('the routing page and its rule dialog pass axe in Polish and German too', async () => {
    for (const language of ['pl', 'de']) {
      const admin = await browsers.open(`routing editor (${language})`);
      await signIn(admin, accounts.admin);
      await openInLanguage(admin, '/app/admin/routing', language);
      await admin.getByRole('region', { name: RULE }).waitFor();
      await expectAccessible(admin, `the routing page (${language})`);
      await admin.getByRole('region', { name: RULE }).getByRole('button').last().click();
      const edit = admin.getByRole('menuitem').first();
      await edit.click();
      await admin.getByRole('dialog').getByRole('switch', { checked: true }).waitFor();
      await expectAccessible(admin, `the routing rule dialog (${language})`);
      await browsers.close(admin);
    }
  });
});
