import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeSuperadmin, signIn } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('organization settings', () => {
  it('an admin edits name, motto, logo, time zone and language; everyone in the org sees them', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const changes = {
      name: 'Hotel Nord',
      motto: 'Sleep well',
      logoUrl: 'https://cdn.example.test/logo.png',
      timezone: 'Europe/Berlin',
      language: 'de',
      reopenMinutes: 45,
      workReminderMinutes: 60,
    };
    const res = await admin.patch('/api/v1/organization', changes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(changes);
    const field = await signIn(server, await makeStaff(server, org, 'field'));
    expect((await field.get('/api/v1/organization')).body).toMatchObject(changes);
  });

  it('refuses an unknown time zone, an unsupported language and a non-http logo', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    for (const bad of [
      { timezone: 'Mars/Olympus' },
      { language: 'xx' },
      { logoUrl: 'javascript:alert(1)' },
      { name: '' },
      { workReminderMinutes: -1 },
      { workReminderMinutes: 7 * 24 * 60 + 1 },
    ]) {
      const res = await admin.patch('/api/v1/organization', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('agents and field staff cannot change settings', async () => {
    const org = await makeOrg(server);
    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    const res = await agent.patch('/api/v1/organization', { name: 'Hijacked' });
    expect(res.status).toBe(403);
    expect((await agent.get('/api/v1/organization')).body.name).toBe(org.name);
  });
});

describe('platform owner', () => {
  it('creates an organization whose first admin sets a password and signs in', async () => {
    const owner = await signIn(server, await makeSuperadmin(server));
    const slug = `hotel-${uniqueSuffix()}`;
    const email = `gm-${uniqueSuffix()}@example.test`;
    const res = await owner.post('/api/v1/platform/organizations', {
      name: 'Hotel Baltic',
      slug,
      timezone: 'Europe/Warsaw',
      language: 'pl',
      admin: { email, name: 'General Manager' },
    });
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({ slug, plan: 'free', seatLimit: 5, active: true, staffCount: 1 });
    expect(res.body.admin).toMatchObject({ email, role: 'admin', passwordSet: false });

    const token = new URL(res.body.invite.setPasswordUrl).searchParams.get('token');
    const gm = new ApiClient(server.url);
    expect((await gm.post('/api/v1/auth/set-password', { token, password: 'baltic-manager-pw' })).status).toBe(204);
    const login = await gm.login(email, 'baltic-manager-pw');
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'admin', organization: { slug, language: 'pl' } });

    const list = await owner.get('/api/v1/platform/organizations');
    expect(list.body.find((o: { slug: string }) => o.slug === slug)).toMatchObject({
      staffCount: 1,
      activeStaffCount: 1,
    });

    const dup = await owner.post('/api/v1/platform/organizations', {
      name: 'Copy',
      slug,
      admin: { email: `x-${email}`, name: 'X' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('slug_taken');
  });

  it('changes the plan, which raises the seat limit', async () => {
    const org = await makeOrg(server, { seatLimit: 1, plan: 'free' });
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const full = await admin.post('/api/v1/staff', {
      email: `a-${uniqueSuffix()}@example.test`,
      name: 'A',
      role: 'agent',
    });
    expect(full.body.error.code).toBe('seat_limit_reached');

    const owner = await signIn(server, await makeSuperadmin(server));
    const res = await owner.patch(`/api/v1/platform/organizations/${org.id}`, { plan: 'team' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ plan: 'team', seatLimit: 25 });
    const custom = await owner.patch(`/api/v1/platform/organizations/${org.id}`, { seatLimit: 2 });
    expect(custom.body).toMatchObject({ plan: 'team', seatLimit: 2 });
    expect(
      (await admin.post('/api/v1/staff', { email: `b-${uniqueSuffix()}@example.test`, name: 'B', role: 'agent' }))
        .status,
    ).toBe(201);
  });

  it('deactivating an organization signs its staff out and keeps them out', async () => {
    const org = await makeOrg(server);
    const agentUser = await makeStaff(server, org, 'agent');
    const agent = await signIn(server, agentUser);
    const owner = await signIn(server, await makeSuperadmin(server));
    expect((await owner.patch(`/api/v1/platform/organizations/${org.id}`, { active: false })).body.active).toBe(false);
    expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
    const again = await new ApiClient(server.url).login(agentUser.email, agentUser.password);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('organization_inactive');

    await owner.patch(`/api/v1/platform/organizations/${org.id}`, { active: true });
    expect((await new ApiClient(server.url).login(agentUser.email, agentUser.password)).status).toBe(200);
  });
});
