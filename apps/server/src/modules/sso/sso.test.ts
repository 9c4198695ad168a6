import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeSuperadmin, signIn, type TestOrg, type TestUser } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.js';
import { loadConfig } from '../../config.js';
import { auditLog, ssoSettings, ssoSignIns, users } from '../../db/schema.js';
import { ssoCallbackUrl } from './index.js';
import { DiscoveryCache } from './provider.js';

let server: TestServer;
let idp: TestOidcProvider;
/** A provider that answers like Microsoft Entra ID: no `email_verified`, `xms_edov` instead. */
let entraIdp: TestOidcProvider;

beforeAll(async () => {
  // the test providers are on 127.0.0.1; the refusal is proven on a server of its own below
  server = await startTestServer({}, { SSO_ALLOW_PRIVATE_ISSUER: 'true' });
  const redirectUri = ssoCallbackUrl(server.ctx.config.publicUrl);
  idp = await startOidcProvider({ redirectUri });
  entraIdp = await startOidcProvider({ redirectUri, like: 'entra' });
});
afterAll(async () => {
  await idp?.close();
  await entraIdp?.close();
  await server?.close();
});

interface SsoOrg {
  org: TestOrg;
  admin: ApiClient;
}

/** An organization whose admin set single sign-on up through the test provider. */
async function ssoOrg(
  settings: Record<string, unknown> = {},
  opts: { seatLimit?: number; provider?: TestOidcProvider } = {},
): Promise<SsoOrg> {
  const { provider = idp, ...orgOpts } = opts;
  const org = await makeOrg(server, orgOpts);
  const admin = await signIn(server, await makeStaff(server, org, 'admin'));
  const res = await admin.patch('/api/v1/sso-settings', {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    enabled: true,
    ...settings,
  });
  expect(res.status).toBe(200);
  return { org, admin };
}

/** A person the provider knows, with a verified e-mail unless told otherwise. */
function providerPerson(email = `sso-${uniqueSuffix()}@example.test`, emailVerified = true) {
  idp.addAccount({ email, emailVerified, name: 'Ola Nowak' });
  return email;
}

/** Opens "Sign in with your organization" in a fresh browser: where it is sent, and the browser. */
async function start(slug: string, browser = new ApiClient(server.url)) {
  const res = await browser.get(`/api/v1/auth/sso/${slug}/start`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return { browser, location: res.headers.get('location') ?? '' };
}

/** The browser comes back from the provider to our callback with this query string. */
async function comeBack(browser: ApiClient, search: string) {
  const res = await browser.get(`/api/v1/auth/sso/callback${search}`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('location');
}

/** The whole round: start, sign in at the provider as `login`, come back. Returns where the browser lands. */
async function signInThroughProvider(slug: string, login: string) {
  const { browser, location } = await start(slug);
  const back = await signInAtProvider(location, login);
  return { browser, landing: await comeBack(browser, back.search) };
}

describe('single sign-on (OpenID Connect) against a real provider', () => {
  it('signs a staff member in by their verified e-mail: a working session, logged in the audit log', async () => {
    const { org, admin } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    providerPerson(agent.email);

    const { browser, location } = await start(org.slug);
    const authorize = new URL(location);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.ctx.config.publicUrl}/api/v1/auth/sso/callback`);
    const back = await signInAtProvider(location, agent.email);
    expect(back.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    expect(await comeBack(browser, back.search)).toBe('/app');

    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: agent.id, email: agent.email, role: 'agent' });
    expect((await browser.get('/api/v1/staff')).status).toBe(200);

    const [entry] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'staff.signed_in')));
    expect(entry).toMatchObject({ actorId: agent.id, details: { via: 'single_sign_on', issuer: idp.issuer } });

    // the state was used up: the same answer again opens nothing
    const again = await comeBack(browser, back.search);
    expect(again).toBe('/app/login?reason=sso_failed');
    void admin;
  });

  it('refuses a wrong state, and a state another browser started', async () => {
    const { org } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    providerPerson(agent.email);

    const { browser, location } = await start(org.slug);
    const back = await signInAtProvider(location, agent.email);
    const forged = new URLSearchParams(back.search);
    forged.set('state', 'not-the-state-we-sent');
    expect(await comeBack(browser, `?${forged}`)).toBe('/app/login?reason=sso_failed');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);

    // an attacker's own sign-in answer, slipped into the victim's browser (login CSRF): refused
    const attacker = await start(org.slug);
    const attackersAnswer = await signInAtProvider(attacker.location, agent.email);
    const victim = await start(org.slug);
    expect(await comeBack(victim.browser, attackersAnswer.search)).toBe('/app/login?reason=sso_failed');
    expect((await victim.browser.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses an ID token whose nonce is not the one the sign-in was started with', async () => {
    const { org } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    providerPerson(agent.email);

    const { browser, location } = await start(org.slug);
    const state = new URL(location).searchParams.get('state') ?? '';
    await server.ctx.db.update(ssoSignIns).set({ nonce: 'another-sign-ins-nonce' }).where(eq(ssoSignIns.state, state));
    const back = await signInAtProvider(location, agent.email);
    expect(await comeBack(browser, back.search)).toBe('/app/login?reason=sso_failed');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const { org } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    providerPerson(agent.email, false);
    const { browser, landing } = await signInThroughProvider(org.slug, agent.email);
    expect(landing).toBe('/app/login?reason=sso_email_unverified');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);
    const refusals = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'staff.sign_in_refused')));
    expect(refusals.map((r) => r.details)).toEqual([expect.objectContaining({ reason: 'sso_email_unverified' })]);
  });

  it('refuses someone without an account, and makes one with the default role once the admin allows it', async () => {
    const { org, admin } = await ssoOrg();
    const email = providerPerson();
    expect((await signInThroughProvider(org.slug, email)).landing).toBe('/app/login?reason=sso_no_account');
    expect(await server.ctx.db.select().from(users).where(eq(users.email, email))).toEqual([]);

    const allowed = await admin.patch('/api/v1/sso-settings', { allowSignUp: true, signUpRole: 'field' });
    expect(allowed.body).toMatchObject({ allowSignUp: true, signUpRole: 'field' });
    const { browser, landing } = await signInThroughProvider(org.slug, email);
    expect(landing).toBe('/app');
    expect((await browser.get('/api/v1/auth/me')).body).toMatchObject({ email, name: 'Ola Nowak', role: 'field' });
    const staff = (await admin.get('/api/v1/staff')).body;
    expect(JSON.stringify(staff)).toContain(email);
    expect((await admin.get('/api/v1/organization')).body.seats.used).toBe(2);
  });

  it('makes no account past the plan’s seats', async () => {
    const { org, admin } = await ssoOrg({ allowSignUp: true }, { seatLimit: 1 });
    const email = providerPerson();
    expect((await signInThroughProvider(org.slug, email)).landing).toBe('/app/login?reason=seat_limit_reached');
    expect(await server.ctx.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect((await admin.get('/api/v1/organization')).body.seats).toEqual({ used: 1, limit: 1 });
  });

  it('switches password sign-in off for the organization’s staff only; the super admin still signs in', async () => {
    const { org, admin } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    const other = await makeOrg(server);
    const otherAgent = await makeStaff(server, other, 'agent');
    const off = await admin.patch('/api/v1/sso-settings', { passwordSignInDisabled: true });
    expect(off.body.passwordSignInDisabled).toBe(true);

    const refused = await new ApiClient(server.url).login(agent.email, agent.password);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_sign_in_disabled');
    expect((await new ApiClient(server.url).login(otherAgent.email, otherAgent.password)).status).toBe(200);
    // the provider is the way in now
    providerPerson(agent.email);
    expect((await signInThroughProvider(org.slug, agent.email)).landing).toBe('/app');
    // password sign-in needs single sign-on on: it cannot be switched off alone
    expect((await admin.patch('/api/v1/sso-settings', { enabled: false })).status).toBe(409);

    // break-glass: the provider is down; the super admin signs in with a password and opens passwords again
    const owner: TestUser = await makeSuperadmin(server);
    const platform = await signIn(server, owner);
    const other2 = await signIn(server, await makeStaff(server, other, 'admin'));
    expect(
      (await other2.patch(`/api/v1/platform/organizations/${org.id}/sso-settings`, { passwordSignInDisabled: false }))
        .status,
    ).toBe(403);
    const opened = await platform.patch(`/api/v1/platform/organizations/${org.id}/sso-settings`, {
      passwordSignInDisabled: false,
    });
    expect(opened.body).toMatchObject({ enabled: true, passwordSignInDisabled: false });
    expect((await new ApiClient(server.url).login(agent.email, agent.password)).status).toBe(200);
  });

  it('signs nobody into another organization: accounts are matched within the organization that started', async () => {
    const { org } = await ssoOrg();
    const other = await makeOrg(server);
    const stranger = await makeStaff(server, other, 'agent');
    providerPerson(stranger.email);
    expect((await signInThroughProvider(org.slug, stranger.email)).landing).toBe('/app/login?reason=sso_no_account');
    // an organization without single sign-on cannot be started at all
    const { location } = await start(other.slug);
    expect(location).toBe('/app/login?reason=sso_not_configured');
    expect((await start('no-such-org')).location).toBe('/app/login?reason=sso_not_configured');
  });
});

describe('single sign-on settings', () => {
  it('never shows the client secret, only that it is set, and are the admin’s alone', async () => {
    const { org, admin } = await ssoOrg();
    const read = await admin.get('/api/v1/sso-settings');
    expect(read.body).toMatchObject({
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretSet: true,
      allowSignUp: false,
      signUpRole: 'agent',
      passwordSignInDisabled: false,
      redirectUri: `${server.ctx.config.publicUrl}/api/v1/auth/sso/callback`,
    });
    expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
    const [entry] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'sso_settings.updated')));
    expect(JSON.stringify(entry?.details)).not.toContain(idp.clientSecret);

    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    expect((await agent.get('/api/v1/sso-settings')).status).toBe(403);
    expect((await agent.patch('/api/v1/sso-settings', { allowSignUp: true })).status).toBe(403);
  });

  it('refuses a plain-http issuer on another machine, an admin role for new accounts, and a half set-up', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const http = await admin.patch('/api/v1/sso-settings', { issuer: 'http://idp.example.com/realms/hotel' });
    expect(http.status).toBe(400);
    expect((await admin.patch('/api/v1/sso-settings', { signUpRole: 'admin' })).status).toBe(400);
    const half = await admin.patch('/api/v1/sso-settings', {
      issuer: 'https://93.184.216.34/realms/hotel',
      enabled: true,
    });
    expect(half.status).toBe(409);
    expect((await admin.patch('/api/v1/sso-settings', { passwordSignInDisabled: true })).status).toBe(409);
  });

  it('derives the redirect URI from PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://desk.hotel.example/', SESSION_SECRET: 'x'.repeat(64) });
    expect(ssoCallbackUrl(config.publicUrl)).toBe('https://desk.hotel.example/api/v1/auth/sso/callback');
  });
});

describe('Microsoft Entra ID: no email_verified, the optional xms_edov claim instead', () => {
  it('signs in a person whose e-mail domain the tenant verified (xms_edov: true)', async () => {
    const { org } = await ssoOrg({}, { provider: entraIdp });
    const agent = await makeStaff(server, org, 'agent');
    entraIdp.addAccount({ email: agent.email, emailVerified: false, xmsEdov: true });
    const { browser, landing } = await signInThroughProvider(org.slug, agent.email);
    expect(landing).toBe('/app');
    expect((await browser.get('/api/v1/auth/me')).body).toMatchObject({ id: agent.id });
  });

  it('refuses xms_edov: false, and a provider that says nothing about the e-mail (the default stays: refused)', async () => {
    const { org } = await ssoOrg({}, { provider: entraIdp });
    const unverified = await makeStaff(server, org, 'agent');
    entraIdp.addAccount({ email: unverified.email, emailVerified: true, xmsEdov: false });
    expect((await signInThroughProvider(org.slug, unverified.email)).landing).toBe(
      '/app/login?reason=sso_email_unverified',
    );
    // neither email_verified nor xms_edov (the optional claim not set up in the app registration)
    const silent = await makeStaff(server, org, 'agent');
    entraIdp.addAccount({ email: silent.email, emailVerified: true });
    const { browser, landing } = await signInThroughProvider(org.slug, silent.email);
    expect(landing).toBe('/app/login?reason=sso_email_unverified');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);
    const refusals = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'staff.sign_in_refused')));
    expect(refusals).toHaveLength(2);
  });
});

describe('the provider’s discovery document, kept for a while', () => {
  it('is fetched once for many sign-ins, and again once the organization’s settings change (here or on another node)', async () => {
    const { org, admin } = await ssoOrg();
    const agent = await makeStaff(server, org, 'agent');
    providerPerson(agent.email);
    const before = idp.discoveryRequests();
    expect((await signInThroughProvider(org.slug, agent.email)).landing).toBe('/app');
    expect((await signInThroughProvider(org.slug, agent.email)).landing).toBe('/app');
    expect(idp.discoveryRequests() - before).toBe(1);

    // the admin changes the settings: the next sign-in discovers the provider again
    expect((await admin.patch('/api/v1/sso-settings', { clientSecret: idp.clientSecret })).status).toBe(200);
    expect((await signInThroughProvider(org.slug, agent.email)).landing).toBe('/app');
    expect(idp.discoveryRequests() - before).toBe(2);
    await start(org.slug);
    expect(idp.discoveryRequests() - before).toBe(2);

    // a change another node made (this node's memory knows nothing of it) is seen too
    await server.ctx.db.update(ssoSettings).set({ updatedAt: new Date() }).where(eq(ssoSettings.orgId, org.id));
    await start(org.slug);
    expect(idp.discoveryRequests() - before).toBe(3);
  });

  it('is kept apart per organization', async () => {
    const a = await ssoOrg();
    const b = await ssoOrg();
    const before = idp.discoveryRequests();
    await start(a.org.slug);
    await start(b.org.slug);
    await start(a.org.slug);
    await start(b.org.slug);
    expect(idp.discoveryRequests() - before).toBe(2);
  });

  it('expires after its time, shares one discovery between concurrent sign-ins and keeps no failure', async () => {
    let now = 0;
    const cache = new DiscoveryCache<string>(600_000, () => now);
    let discoveries = 0;
    const discover = async () => `config ${++discoveries}`;
    expect(await Promise.all([cache.get('org', 'v1', discover), cache.get('org', 'v1', discover)])).toEqual([
      'config 1',
      'config 1',
    ]);
    now = 599_999;
    expect(await cache.get('org', 'v1', discover)).toBe('config 1');
    now = 600_000;
    expect(await cache.get('org', 'v1', discover)).toBe('config 2');
    expect(await cache.get('org', 'v2', discover)).toBe('config 3');
    cache.forget('org');
    expect(await cache.get('org', 'v2', discover)).toBe('config 4');

    await expect(cache.get('down', 'v1', () => Promise.reject(new Error('unreachable')))).rejects.toThrow();
    expect(await cache.get('down', 'v1', discover)).toBe('config 5');
    // nothing kept when the time is 0
    const none = new DiscoveryCache<string>(0, () => now);
    await none.get('org', 'v1', discover);
    expect(await none.get('org', 'v1', discover)).toBe('config 7');
    expect(none.size).toBe(0);
  });
});

describe('an issuer on the installation’s own network (SSRF)', () => {
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer();
  });
  afterAll(async () => {
    await guarded?.close();
  });

  it('is refused when saved, unless the operator allows it with SSO_ALLOW_PRIVATE_ISSUER', async () => {
    const org = await makeOrg(guarded);
    const admin = await signIn(guarded, await makeStaff(guarded, org, 'admin'));
    const port = new URL(idp.issuer).port;
    for (const issuer of [
      idp.issuer,
      `http://localhost:${port}`,
      `http://[::1]:${port}`,
      'https://169.254.169.254/latest',
      'https://10.0.0.8/realms/hotel',
      'https://[fd12:3456::1]/realms/hotel',
      'https://[::ffff:127.0.0.1]/realms/hotel',
    ]) {
      const res = await admin.patch('/api/v1/sso-settings', { issuer });
      expect(res.status, issuer).toBe(422);
      expect(res.body.error.code).toBe('sso_issuer_refused');
      expect(res.body.error.message).toMatch(/SSO_ALLOW_PRIVATE_ISSUER/);
    }
    expect((await admin.get('/api/v1/sso-settings')).body.issuer).toBeNull();
    expect((await admin.patch('/api/v1/sso-settings', { issuer: 'https://93.184.216.34/realms/hotel' })).status).toBe(
      200,
    );
    // the same address is fine where the operator allows it (this file's other server)
    const allowed = await ssoOrg();
    expect((await allowed.admin.get('/api/v1/sso-settings')).body.issuer).toBe(idp.issuer);
  });

  it('is refused again at sign-in, after DNS: no request reaches it', async () => {
    const org = await makeOrg(guarded);
    // saved while it resolved to a public address; now it resolves to 127.0.0.1 (DNS rebinding)
    await guarded.ctx.db.insert(ssoSettings).values({
      orgId: org.id,
      enabled: true,
      issuer: `http://localhost:${new URL(idp.issuer).port}`,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    const before = idp.discoveryRequests();
    const res = await new ApiClient(guarded.url).get(`/api/v1/auth/sso/${org.slug}/start`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?reason=sso_failed');
    expect(idp.discoveryRequests()).toBe(before);
  });
});
