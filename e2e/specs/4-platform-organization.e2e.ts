import { describe, expect, it } from 'vitest';
import { accounts } from '../support/api.js';
import { useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { field, staff as s } from '../support/strings.js';

const ORG = 'Hotel Borealis';
const ADMIN = 'Bruno Berg';
const ADMIN_EMAIL = 'bruno@borealis.example';
const ADMIN_PASSWORD = 'northern-lights-42';

/**
 * Issue 5, spec 4: the platform owner creates an organization with its first admin in
 * /app/platform; the admin opens the one-time set-password link shown, chooses a password, and
 * signs in to the new organization.
 */
describe('a new organization', () => {
  const browsers = useBrowsers();

  it('is created by the super admin; its first admin sets a password with the link shown and signs in', async () => {
    const owner = await browsers.open('platform owner');
    await signIn(owner, accounts.owner);
    await owner.waitForURL('**/app/platform');
    await owner.getByRole('heading', { level: 1, name: s('platform.title') }).waitFor();

    await owner.getByRole('button', { name: s('platform.create') }).click();
    const form = owner.getByRole('dialog', { name: s('platform.create') });
    await form.getByRole('textbox', { name: field(s('platform.name')) }).fill(ORG);
    await expect(form.getByRole('textbox', { name: field(s('platform.slug')) }).inputValue()).resolves.toBe(
      'hotel-borealis',
    );
    await form.getByRole('heading', { name: s('platform.firstAdmin') }).waitFor();
    await form.getByRole('textbox', { name: field(s('platform.adminName')) }).fill(ADMIN);
    await form.getByRole('textbox', { name: field(s('admin.staff.email')) }).fill(ADMIN_EMAIL);
    await form.getByRole('button', { name: s('platform.createSubmit') }).click();

    const shown = owner.getByRole('dialog', { name: s('admin.staff.linkTitle', { name: ADMIN }) });
    const link = await shown.getByRole('textbox', { name: s('admin.staff.link') }).inputValue();
    const url = new URL(link);
    expect(url.origin).toBe(new URL(browsers.baseUrl).origin);
    expect(url.pathname).toBe('/app/set-password');
    expect(url.searchParams.get('token')).toBeTruthy();
    await shown.getByRole('button', { name: s('shared.done') }).click();
    await owner.getByRole('row').filter({ hasText: ORG }).getByText('/g/hotel-borealis', { exact: false }).waitFor();

    // the new admin, in a browser of their own
    const admin = await browsers.open('new admin');
    await admin.goto(link);
    await admin.getByRole('heading', { name: s('setPassword.title') }).waitFor();
    await admin.getByLabel(field(s('setPassword.password'))).fill(ADMIN_PASSWORD);
    await admin.getByLabel(field(s('setPassword.repeat'))).fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: s('setPassword.submit') }).click();
    await admin.getByRole('heading', { name: s('setPassword.doneTitle') }).waitFor();
    await admin.getByRole('link', { name: s('setPassword.toLogin') }).click();
    await admin.waitForURL('**/app/login');

    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    // signed in to the new organization, as its admin
    await admin.getByRole('banner').getByText(ORG, { exact: true }).waitFor();
    await nav(admin)
      .getByRole('link', { name: s('nav.admin') })
      .waitFor();
    await admin.getByRole('button', { name: s('userMenu.label', { name: ADMIN }) }).waitFor();

    // the link worked once: opening it again does not set a password
    const again = await browsers.open('link used twice');
    await again.goto(link);
    await again.getByLabel(field(s('setPassword.password'))).fill('someone-else-99');
    await again.getByLabel(field(s('setPassword.repeat'))).fill('someone-else-99');
    await again.getByRole('button', { name: s('setPassword.submit') }).click();
    await again
      .getByRole('alert')
      .filter({ hasText: s('common:errors.invalid_token') })
      .waitFor();
    await expect(again.getByRole('heading', { name: s('setPassword.doneTitle') }).count()).resolves.toBe(0);
  });
});
