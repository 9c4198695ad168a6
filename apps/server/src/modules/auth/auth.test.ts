import type { Role } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeSuperadmin, signIn, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { sessions, users } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('login, who-am-I and logout', () => {
  it('signs in with a cookie session and tells who is signed in', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = new ApiClient(server.url);
    const res = await browser.login(agent.email.toUpperCase(), agent.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: agent.email, role: 'agent', superadmin: false });
    expect(res.body.user.organization).toMatchObject({ id: org.id, slug: org.slug });
    const setCookie = res.headers.getSetCookie().join(';');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(agent.email);
  });

  it('gives API clients a bearer token from the same login', async () => {
    const org = await makeOrg(server);
    const admin = await makeStaff(server, org, 'admin');
    const api = await signInWithToken(server, admin);
    expect(api.cookie).toBeNull();
    const me = await api.get('/api/v1/auth/me', { origin: null });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
  });

  it('logout ends the session for good', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = await signIn(server, agent);
    const staleCookie = browser.cookie;
    expect((await browser.post('/api/v1/auth/logout')).status).toBe(204);
    expect(browser.cookie).toBeNull();
    browser.cookie = staleCookie; // a copy of the old cookie must not work either
    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('session_expired');
  });

  it('answers anonymous callers with unauthenticated', async () => {
    const res = await new ApiClient(server.url).get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('refuses an expired session', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = await signIn(server, agent);
    await server.ctx.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, agent.id));
    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('session_expired');
  });

  it('gives wrong passwords and unknown emails the same answer', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const client = new ApiClient(server.url);
    const wrong = await client.login(agent.email, 'not-the-password');
    const unknown = await client.login(`nobody-${agent.email}`, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('refuses deactivated accounts with a clear code', async () => {
    const org = await makeOrg(server);
    const field = await makeStaff(server, org, 'field', { active: false });
    const res = await new ApiClient(server.url).login(field.email, field.password);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_inactive');
  });

  it('stores passwords as argon2id hashes', async () => {
    const owner = await makeSuperadmin(server);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, owner.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('abilities of the signed-in user', () => {
  const none = {
    inbox: false,
    assignAnyConversation: false,
    resolveAnyConversation: false,
    stays: false,
    customers: false,
    manageCustomerFields: false,
    leads: false,
    manageForms: false,
    leadReports: false,
    serviceMetrics: false,
    teamMetrics: false,
    myMetrics: false,
    myWork: false,
    manageStaff: false,
    manageAdmins: false,
    manageRooms: false,
    manageTeams: false,
    manageOrganization: false,
    viewAudit: false,
    managePrivacy: false,
    dispatch: false,
    platform: false,
  };
  const expected = {
    admin: {
      ...none,
      inbox: true,
      assignAnyConversation: true,
      resolveAnyConversation: true,
      myWork: true,
      myMetrics: true,
      stays: true,
      manageStaff: true,
      manageRooms: true,
      manageTeams: true,
      manageOrganization: true,
      viewAudit: true,
      managePrivacy: true,
      serviceMetrics: true,
      dispatch: true,
    },
    agent: { ...none, inbox: true, stays: true, dispatch: true, myWork: true, myMetrics: true },
    field: { ...none, myWork: true },
    superadmin: { ...none, platform: true },
    // a service company: customers instead of rooms and stays
    'service admin': {
      ...none,
      inbox: true,
      assignAnyConversation: true,
      resolveAnyConversation: true,
      myWork: true,
      myMetrics: true,
      customers: true,
      manageCustomerFields: true,
      leads: true,
      manageForms: true,
      leadReports: true,
      serviceMetrics: true,
      manageStaff: true,
      manageTeams: true,
      manageOrganization: true,
      viewAudit: true,
      managePrivacy: true,
      dispatch: true,
    },
    'service agent': {
      ...none,
      inbox: true,
      customers: true,
      leads: true,
      dispatch: true,
      myWork: true,
      myMetrics: true,
    },
    'service field': { ...none, customers: true, myWork: true },
  };

  it.each(Object.entries(expected))(
    'tells a %s what they may do, as the server enforces it',
    async (role, abilities) => {
      const service = role.startsWith('service ');
      const org = await makeOrg(server, { kind: service ? 'service' : 'hotel' });
      const user =
        role === 'superadmin'
          ? await makeSuperadmin(server)
          : await makeStaff(server, org, role.replace('service ', '') as Role);
      const client = new ApiClient(server.url);
      const login = await client.login(user.email, user.password);
      expect(login.body.user.abilities).toEqual(abilities);
      const me = await client.get('/api/v1/auth/me');
      expect(me.body.abilities).toEqual(abilities);

      // each ability with a read-only door: the server lets them in exactly when it says they may
      const doors = {
        inbox: '/api/v1/conversations?status=queued',
        stays: '/api/v1/stays',
        customers: '/api/v1/customers',
        leads: '/api/v1/leads',
        viewAudit: '/api/v1/audit-log',
        platform: '/api/v1/platform/organizations',
      } as const;
      for (const [ability, path] of Object.entries(doors)) {
        const res = await client.get(path);
        expect({ ability, allowed: res.status === 200 }).toEqual({
          ability,
          allowed: abilities[ability as keyof typeof doors],
        });
      }
      // "My performance": their own figures
      const own = await client.get(`/api/v1/reports/metrics?from=2026-11-01&to=2026-11-30&agentId=${user.id}`);
      expect({ ability: 'myMetrics', allowed: own.status === 200 }).toEqual({
        ability: 'myMetrics',
        allowed: abilities.myMetrics,
      });
    },
  );
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated change from another origin', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = await signIn(server, agent);
    const res = await browser.patch('/api/v1/me', { name: 'Mallory' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    expect((await browser.get('/api/v1/auth/me')).body.name).not.toBe('Mallory');
  });

  it('refuses a cookie-authenticated change with no Origin or Referer', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = await signIn(server, agent);
    const res = await browser.patch('/api/v1/me', { name: 'Mallory' }, { origin: null });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
  });

  it('accepts a same-origin change, and a bearer-token change with no Origin', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const browser = await signIn(server, agent);
    expect((await browser.patch('/api/v1/me', { name: 'Ola' })).status).toBe(200);
    const api = await signInWithToken(server, agent);
    const res = await api.patch('/api/v1/me', { motto: 'Bearer works' }, { origin: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Ola', motto: 'Bearer works' });
  });

  it('refuses a cross-origin login (login CSRF)', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent');
    const res = await new ApiClient(server.url).post(
      '/api/v1/auth/login',
      { email: agent.email, password: agent.password },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
  });
});

describe('login rate limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      trustProxy: true,
      loginLimits: { perIp: 8, perAccount: 3, perAccountAllAddresses: 6, windowSeconds: 600 },
    });
  });
  afterAll(() => limited?.close());
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
  const login = (email: string, password: string, ip: string) =>
    new ApiClient(limited.url).post('/api/v1/auth/login', { email, password }, from(ip));

  it('a flood of wrong passwords locks out the address it comes from, not the staff member', async () => {
    const org = await makeOrg(limited);
    const agent = await makeStaff(limited, org, 'agent');
    for (let i = 0; i < 3; i++) expect((await login(agent.email, 'wrong-password', '198.51.100.10')).status).toBe(401);
    const locked = await login(agent.email, agent.password, '198.51.100.10');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    // the staff member, at their own desk, signs in as usual
    expect((await login(agent.email, agent.password, '203.0.113.20')).status).toBe(200);
  });

  it('a botnet reaches the per-account ceiling; the staff member still signs in from an address they used before', async () => {
    const org = await makeOrg(limited);
    const agent = await makeStaff(limited, org, 'agent');
    expect((await login(agent.email, agent.password, '203.0.113.30')).status).toBe(200);
    for (let i = 0; i < 6; i++)
      expect((await login(agent.email, 'wrong-password', `198.51.100.${40 + i}`)).status).toBe(401);
    // past the ceiling a new address may not even try…
    expect((await login(agent.email, agent.password, '198.51.100.99')).status).toBe(429);
    // …but the desk the agent signed in from before is not locked out
    expect((await login(agent.email, agent.password, '203.0.113.30')).status).toBe(200);
  });

  it('limits attempts per IP across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await login(`ghost${i}@example.test`, 'whatever-password', '198.51.100.200')).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('set-password links', () => {
  it('work once, then are refused', async () => {
    const org = await makeOrg(server);
    const admin = await makeStaff(server, org, 'admin');
    const browser = await signIn(server, admin);
    const added = await browser.post('/api/v1/staff', {
      email: 'new.agent@example.test'.replace('new', `n${Date.now()}`),
      name: 'New Agent',
      role: 'agent',
    });
    expect(added.status).toBe(201);
    const token = new URL(added.body.invite.setPasswordUrl).searchParams.get('token');
    const anon = new ApiClient(server.url);
    expect((await anon.login(added.body.staff.email, 'a-brand-new-password')).status).toBe(401);
    expect((await anon.post('/api/v1/auth/set-password', { token, password: 'a-brand-new-password' })).status).toBe(
      204,
    );
    expect((await anon.login(added.body.staff.email, 'a-brand-new-password')).status).toBe(200);
    const again = await anon.post('/api/v1/auth/set-password', { token, password: 'another-new-password' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('refuse short passwords with a validation error', async () => {
    const res = await new ApiClient(server.url).post('/api/v1/auth/set-password', {
      token: 'x'.repeat(43),
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
