/// <reference path="../../apps/server/test/oidc-provider-module.d.ts" />
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../../apps/server/test/oidc-provider.js';
import { accounts, DEMO_ORG, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { staff as s } from '../support/strings.js';

/**
 * Issue 17, item 3 in the browser: the admin's Single sign-on tab (axe), then a receptionist signs
 * in with "Sign in with your organization" through a real OpenID provider's own sign-in and consent
 * pages (oidc-provider, started here), and lands on the desk signed in.
 */
describe('single sign-on', () => {
  const browsers = useBrowsers();
  let idp: TestOidcProvider;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUri: `${inject('baseUrl')}/api/v1/auth/sso/callback` });
    idp.addAccount({ email: accounts.reception2, emailVerified: true, name: 'Reception two' });
    const admin = await StaffApi.signIn(accounts.admin);
    await admin.request('PATCH', '/api/v1/sso-settings', {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      enabled: true,
    });
  });
  afterAll(async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    await admin.request('PATCH', '/api/v1/sso-settings', { enabled: false });
    await idp?.close();
  });

  it('shows the settings to the admin, and signs a receptionist in through the provider', async () => {
    const admin = await browsers.open('admin');
    await signIn(admin, accounts.admin);
    await admin.goto('/app/admin/sso');
    await admin.getByRole('heading', { name: s('sso.title'), level: 2 }).waitFor();
    await admin.getByText(s('sso.clientSecretSet')).waitFor();
    expect(await admin.getByLabel(s('sso.clientId')).inputValue()).toBe(idp.clientId);
    expect(await axeProblems(admin, 'single sign-on settings')).toEqual([]);

    const page = await browsers.open('receptionist');
    await page.goto('/app/login');
    await page.getByRole('button', { name: s('login.sso') }).waitFor();
    expect(await axeProblems(page, 'sign-in page with single sign-on')).toEqual([]);
    await page.getByLabel(s('login.organization')).fill(DEMO_ORG);
    await page.getByRole('button', { name: s('login.sso') }).click();
    // the provider's own development sign-in page, then its consent page
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill(accounts.reception2);
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app') && !url.pathname.startsWith('/app/login'));
    await nav(page).waitFor();
  });
});
