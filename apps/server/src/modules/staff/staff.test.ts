import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeSuperadmin, signIn } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const newEmail = () => `staff-${uniqueSuffix()}@example.test`;

describe('adding staff', () => {
  it('adds a receptionist with a one-time set-password link, and they can sign in after using it', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const email = newEmail();
    const res = await admin.post('/api/v1/staff', {
      email: email.toUpperCase(),
      name: 'Ewa Receptionist',
      role: 'agent',
    });
    expect(res.status).toBe(201);
    expect(res.body.staff).toMatchObject({
      email,
      name: 'Ewa Receptionist',
      role: 'agent',
      active: true,
      passwordSet: false,
    });
    expect(res.body.invite.setPasswordUrl).toMatch(/\/app\/set-password\?token=/);

    const list = await admin.get('/api/v1/staff');
    expect(list.body.map((s: { email: string }) => s.email)).toContain(email);

    const token = new URL(res.body.invite.setPasswordUrl).searchParams.get('token');
    const anon = new ApiClient(server.url);
    expect((await anon.post('/api/v1/auth/set-password', { token, password: 'ewa-secret-pass' })).status).toBe(204);
    expect((await anon.login(email, 'ewa-secret-pass')).status).toBe(200);
  });

  it('refuses an email that someone in the same organization already has', async () => {
    const org = await makeOrg(server);
    const existing = await makeStaff(server, org, 'agent');
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const res = await admin.post('/api/v1/staff', { email: existing.email, name: 'Dup', role: 'agent' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
  });

  it('never reveals that an e-mail has an account in another organization', async () => {
    const orgA = await makeOrg(server);
    const orgB = await makeOrg(server);
    const adminA = await signIn(server, await makeStaff(server, orgA, 'admin'));
    const elsewhere = await makeStaff(server, orgB, 'agent');
    const stranger = newEmail();
    const shape = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      keys: Object.keys(res.body).sort(),
      staff: res.body.staff && Object.keys(res.body.staff).sort(),
    });
    const taken = await adminA.post('/api/v1/staff', { email: elsewhere.email, name: 'Same Person', role: 'agent' });
    const fresh = await adminA.post('/api/v1/staff', { email: stranger, name: 'New Person', role: 'agent' });
    // the e-mail of B's agent is answered exactly as a new person's: a new account in A
    expect(shape(taken)).toEqual(shape(fresh));
    expect(taken.body.staff).toMatchObject({ email: elsewhere.email, passwordSet: false, active: true });

    // each account has its own password: B's agent still signs in to B, and the new A account to A
    const token = new URL(taken.body.invite.setPasswordUrl).searchParams.get('token');
    const anon = new ApiClient(server.url);
    expect((await anon.post('/api/v1/auth/set-password', { token, password: 'a-password-for-a' })).status).toBe(204);
    const inA = await new ApiClient(server.url).login(elsewhere.email, 'a-password-for-a');
    expect(inA.body.user).toMatchObject({ organization: { id: orgA.id } });
    const inB = await new ApiClient(server.url).login(elsewhere.email, elsewhere.password);
    expect(inB.body.user).toMatchObject({ organization: { id: orgB.id } });
  });

  it('refuses staff beyond the plan’s seats, and deactivating frees a seat', async () => {
    const org = await makeOrg(server, { seatLimit: 3 });
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signIn(server, adminUser);
    await makeStaff(server, org, 'agent');
    const third = await admin.post('/api/v1/staff', { email: newEmail(), name: 'Third', role: 'field' });
    expect(third.status).toBe(201);

    const fourth = await admin.post('/api/v1/staff', { email: newEmail(), name: 'Fourth', role: 'agent' });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toMatchObject({ code: 'seat_limit_reached', details: { used: 3, limit: 3 } });
    expect((await admin.get('/api/v1/organization')).body.seats).toEqual({ used: 3, limit: 3 });

    expect((await admin.post(`/api/v1/staff/${third.body.staff.id}/deactivate`)).status).toBe(200);
    expect((await admin.post('/api/v1/staff', { email: newEmail(), name: 'Fourth', role: 'agent' })).status).toBe(201);
    // and reactivating the third would now exceed the plan
    const back = await admin.post(`/api/v1/staff/${third.body.staff.id}/activate`);
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('seat_limit_reached');
  });

  it('lets two admins racing for the last seat take it only once', async () => {
    const org = await makeOrg(server, { seatLimit: 3 });
    const a = await signIn(server, await makeStaff(server, org, 'admin'));
    await makeStaff(server, org, 'admin');
    const b = await signIn(server, await makeStaff(server, org, 'agent')); // third seat taken: the org is full
    expect((await b.get('/api/v1/organization')).body.seats.used).toBe(3);

    const roomy = await makeOrg(server, { seatLimit: 3 });
    const x = await signIn(server, await makeStaff(server, roomy, 'admin'));
    const y = await signIn(server, await makeStaff(server, roomy, 'admin'));
    const results = await Promise.all([
      x.post('/api/v1/staff', { email: newEmail(), name: 'X', role: 'agent' }),
      y.post('/api/v1/staff', { email: newEmail(), name: 'Y', role: 'agent' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await x.get('/api/v1/organization')).body.seats).toEqual({ used: 3, limit: 3 });
    expect((await a.post('/api/v1/staff', { email: newEmail(), name: 'Z', role: 'agent' })).status).toBe(409);
  });

  it('only a super admin can add an admin', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const refused = await admin.post('/api/v1/staff', { email: newEmail(), name: 'Boss', role: 'admin' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    const owner = await signIn(server, await makeSuperadmin(server));
    const res = await owner.post(`/api/v1/platform/organizations/${org.id}/staff`, {
      email: newEmail(),
      name: 'Boss',
      role: 'admin',
    });
    expect(res.status).toBe(201);
    expect(res.body.staff.role).toBe('admin');
  });
});

describe('roles', () => {
  it('an admin switches a receptionist to field staff and back', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const agent = await makeStaff(server, org, 'agent');
    const res = await admin.patch(`/api/v1/staff/${agent.id}`, { role: 'field' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('field');
    const agentClient = await signIn(server, agent);
    expect((await agentClient.get('/api/v1/auth/me')).body.role).toBe('field');
    expect((await admin.patch(`/api/v1/staff/${agent.id}`, { role: 'agent' })).body.role).toBe('agent');
  });

  it('says who may be handed requests: active admins and agents, not field staff nor deactivated members', async () => {
    const org = await makeOrg(server);
    const admin = await makeStaff(server, org, 'admin');
    const agent = await makeStaff(server, org, 'agent');
    const field = await makeStaff(server, org, 'field');
    const away = await makeStaff(server, org, 'agent', { active: false });
    const list = await (await signIn(server, agent)).get('/api/v1/staff');
    const handles = (id: string) =>
      list.body.find((s: { id: string; handlesConversations: boolean }) => s.id === id)?.handlesConversations;
    expect([handles(admin.id), handles(agent.id), handles(field.id), handles(away.id)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('tells each viewer whom they may manage: an admin their agents and field staff, never admins or themselves', async () => {
    const org = await makeOrg(server);
    const admin = await makeStaff(server, org, 'admin');
    const otherAdmin = await makeStaff(server, org, 'admin');
    const agent = await makeStaff(server, org, 'agent');
    const field = await makeStaff(server, org, 'field');
    const manageable = async (viewer: typeof admin) => {
      const list = (await (await signIn(server, viewer)).get('/api/v1/staff')).body as {
        id: string;
        manageable: boolean;
      }[];
      return [admin, otherAdmin, agent, field].map((m) => list.find((s) => s.id === m.id)?.manageable);
    };
    expect(await manageable(admin)).toEqual([false, false, true, true]);
    expect(await manageable(agent)).toEqual([false, false, false, false]);
  });

  it('an admin cannot make anyone an admin, nor demote another admin', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const agent = await makeStaff(server, org, 'agent');
    const otherAdmin = await makeStaff(server, org, 'admin');
    expect((await admin.patch(`/api/v1/staff/${agent.id}`, { role: 'admin' })).status).toBe(403);
    expect((await admin.patch(`/api/v1/staff/${otherAdmin.id}`, { role: 'agent' })).status).toBe(403);
  });

  it('a super admin promotes and demotes admins, but never leaves an organization without one', async () => {
    const org = await makeOrg(server);
    const onlyAdmin = await makeStaff(server, org, 'admin');
    const agent = await makeStaff(server, org, 'agent');
    const owner = await signIn(server, await makeSuperadmin(server));

    const last = await owner.patch(`/api/v1/staff/${onlyAdmin.id}`, { role: 'agent' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_admin');

    expect((await owner.patch(`/api/v1/staff/${agent.id}`, { role: 'admin' })).body.role).toBe('admin');
    expect((await owner.patch(`/api/v1/staff/${onlyAdmin.id}`, { role: 'agent' })).body.role).toBe('agent');
    const promoted = await signIn(server, agent);
    expect((await promoted.get('/api/v1/auth/me')).body.role).toBe('admin');
  });

  it('nobody changes their own role or deactivates themselves', async () => {
    const org = await makeOrg(server);
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signIn(server, adminUser);
    const res = await admin.post(`/api/v1/staff/${adminUser.id}/deactivate`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('cannot_modify_self');
  });
});

describe('deactivating and removing', () => {
  it('deactivation ends every session of the member at once', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const agentUser = await makeStaff(server, org, 'agent');
    const laptop = await signIn(server, agentUser);
    const phone = await signIn(server, agentUser);
    expect((await admin.post(`/api/v1/staff/${agentUser.id}/deactivate`)).body.active).toBe(false);
    for (const device of [laptop, phone]) {
      const me = await device.get('/api/v1/auth/me');
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('session_expired');
    }
    expect((await new ApiClient(server.url).login(agentUser.email, agentUser.password)).body.error.code).toBe(
      'account_inactive',
    );
    expect((await admin.post(`/api/v1/staff/${agentUser.id}/activate`)).body.active).toBe(true);
    expect((await new ApiClient(server.url).login(agentUser.email, agentUser.password)).status).toBe(200);
  });

  it('removal deletes the account and its sessions', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const fieldUser = await makeStaff(server, org, 'field');
    const field = await signIn(server, fieldUser);
    expect((await admin.delete(`/api/v1/staff/${fieldUser.id}`)).status).toBe(204);
    expect((await field.get('/api/v1/auth/me')).status).toBe(401);
    expect((await admin.get('/api/v1/staff')).body.map((s: { id: string }) => s.id)).not.toContain(fieldUser.id);
    expect((await admin.delete(`/api/v1/staff/${fieldUser.id}`)).status).toBe(404);
  });

  it('a new set-password link replaces the previous one', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const added = await admin.post('/api/v1/staff', { email: newEmail(), name: 'Late Joiner', role: 'agent' });
    const first = new URL(added.body.invite.setPasswordUrl).searchParams.get('token');
    const again = await admin.post(`/api/v1/staff/${added.body.staff.id}/password-link`);
    expect(again.status).toBe(200);
    const second = new URL(again.body.setPasswordUrl).searchParams.get('token');
    const anon = new ApiClient(server.url);
    expect((await anon.post('/api/v1/auth/set-password', { token: first, password: 'first-link-pass' })).status).toBe(
      410,
    );
    expect((await anon.post('/api/v1/auth/set-password', { token: second, password: 'second-link-pass' })).status).toBe(
      204,
    );
  });
});

describe('own account', () => {
  it('every member edits their name and motto', async () => {
    const org = await makeOrg(server);
    const field = await signIn(server, await makeStaff(server, org, 'field'));
    const res = await field.patch('/api/v1/me', { name: 'Tomasz', motto: 'Fixes anything' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Tomasz', motto: 'Fixes anything' });
  });

  it('changing the password needs the old one and signs out other sessions', async () => {
    const org = await makeOrg(server);
    const user = await makeStaff(server, org, 'agent');
    const desk = await signIn(server, user);
    const phone = await signIn(server, user);
    const wrong = await desk.post('/api/v1/me/password', {
      currentPassword: 'nope-nope',
      newPassword: 'new-password-123',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const ok = await desk.post('/api/v1/me/password', {
      currentPassword: user.password,
      newPassword: 'new-password-123',
    });
    expect(ok.status).toBe(204);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.url).login(user.email, 'new-password-123')).status).toBe(200);
  });
});

describe('audit log', () => {
  it('records who did what to accounts, newest first, for admins only', async () => {
    const org = await makeOrg(server);
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signIn(server, adminUser);
    const added = await admin.post('/api/v1/staff', { email: newEmail(), name: 'Audited', role: 'agent' });
    await admin.patch(`/api/v1/staff/${added.body.staff.id}`, { role: 'field' });
    await admin.post(`/api/v1/staff/${added.body.staff.id}/deactivate`);
    await admin.patch('/api/v1/organization', { motto: 'Audited motto' });

    const log = await admin.get('/api/v1/audit-log?limit=3');
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'organization.updated',
      'staff.deactivated',
      'staff.role_changed',
    ]);
    expect(log.body.entries[1]).toMatchObject({
      actorId: adminUser.id,
      actorEmail: adminUser.email,
      targetId: added.body.staff.id,
    });
    expect(log.body.entries[2].details).toMatchObject({ from: 'agent', to: 'field' });
    const older = await admin.get(`/api/v1/audit-log?limit=3&before=${log.body.nextBefore}`);
    expect(older.body.entries.map((e: { action: string }) => e.action)).toEqual(['staff.added']);
    expect(older.body.nextBefore).toBeNull();

    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    expect((await agent.get('/api/v1/audit-log')).status).toBe(403);
  });
  it('says from where: address, browser and the request id, which the response echoes', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const browser = 'Mozilla/5.0 (Frontdesk test)';
    const given = await admin.request(
      'PATCH',
      '/api/v1/organization',
      { motto: 'Traced' },
      {
        headers: { 'x-request-id': 'proxy-trace-0001', 'user-agent': browser },
      },
    );
    expect(given.headers.get('x-request-id')).toBe('proxy-trace-0001');
    // an id that is not short and plain is replaced, never stored as sent
    const made = await admin.request(
      'PATCH',
      '/api/v1/organization',
      { motto: 'Traced again' },
      {
        headers: { 'x-request-id': 'not plain; <script>', 'user-agent': browser },
      },
    );
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);

    const log = await admin.get('/api/v1/audit-log?limit=2');
    expect(log.body.entries).toMatchObject([
      { action: 'organization.updated', actorKind: 'staff', requestId: madeId, userAgent: browser },
      { action: 'organization.updated', actorKind: 'staff', requestId: 'proxy-trace-0001', userAgent: browser },
    ]);
    expect(log.body.entries[0].ip).toMatch(/127\.0\.0\.1|::1/);
  });
});
