import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signIn } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { auditLog, teamMembers } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A new organization with a signed-in admin. */
async function orgWithAdmin() {
  const org = await makeOrg(server);
  const adminUser = await makeStaff(server, org, 'admin');
  return { org, adminUser, admin: await signIn(server, adminUser) };
}

describe('teams', () => {
  it('an admin creates a team, adds colleagues with their capacity, languages and skills, and the desk sees it', async () => {
    const { org, admin } = await orgWithAdmin();
    const anna = await makeStaff(server, org, 'agent', { name: 'Anna Reception' });
    const piotr = await makeStaff(server, org, 'field', { name: 'Piotr Maintenance' });

    const created = await admin.post('/api/v1/teams', {
      name: '  Reception ',
      description: 'Front desk, day and night',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Reception', description: 'Front desk, day and night', members: [] });
    const id = created.body.id as string;

    const added = await admin.put(`/api/v1/teams/${id}/members/${anna.id}`, {
      languages: ['DE', 'en', 'de', 'pt-BR'],
      skills: [' Billing ', 'spa'],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.members).toEqual([
      expect.objectContaining({
        userId: anna.id,
        name: 'Anna Reception',
        role: 'agent',
        active: true,
        capacity: 8,
        languages: ['de', 'en', 'pt-br'],
        skills: ['billing', 'spa'],
      }),
    ]);

    // Field staff can be in a team too; a second PUT changes only what it names.
    await admin.put(`/api/v1/teams/${id}/members/${piotr.id}`, { capacity: 3 });
    const changed = await admin.put(`/api/v1/teams/${id}/members/${anna.id}`, { capacity: 12 });
    expect(changed.body.members.map((m: { name: string; capacity: number; languages: string[] }) => m)).toEqual([
      expect.objectContaining({ name: 'Anna Reception', capacity: 12, languages: ['de', 'en', 'pt-br'] }),
      expect.objectContaining({ name: 'Piotr Maintenance', capacity: 3, languages: [], skills: [] }),
    ]);

    // One person in several teams.
    const spa = await admin.post('/api/v1/teams', { name: 'Concierge' });
    await admin.put(`/api/v1/teams/${spa.body.id}/members/${anna.id}`, {});
    const agent = await signIn(server, anna);
    const list = await agent.get('/api/v1/teams');
    expect(list.status).toBe(200);
    expect(list.body.map((t: { name: string; members: unknown[] }) => [t.name, t.members.length])).toEqual([
      ['Concierge', 1],
      ['Reception', 2],
    ]);
    expect((await agent.get(`/api/v1/teams/${id}`)).body.members).toHaveLength(2);

    const renamed = await admin.patch(`/api/v1/teams/${id}`, { name: 'Front desk' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: 'Front desk', description: 'Front desk, day and night' });

    expect((await admin.delete(`/api/v1/teams/${id}/members/${piotr.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/teams/${id}`)).body.members.map((m: { userId: string }) => m.userId)).toEqual([
      anna.id,
    ]);
    expect((await admin.delete(`/api/v1/teams/${id}/members/${piotr.id}`)).status).toBe(404);

    const actions = await server.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, id)));
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'team.created',
        'team.member_added',
        'team.member_added',
        'team.member_changed',
        'team.updated',
        'team.member_removed',
      ].sort(),
    );
  });

  it('refuses a second team of the same name (in any case), but another organization may use it', async () => {
    const { admin } = await orgWithAdmin();
    const name = `Housekeeping ${uniqueSuffix()}`;
    expect((await admin.post('/api/v1/teams', { name })).status).toBe(201);
    const again = await admin.post('/api/v1/teams', { name: name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('team_name_taken');

    const other = await admin.post('/api/v1/teams', { name: 'Sales' });
    const rename = await admin.patch(`/api/v1/teams/${other.body.id}`, { name });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('team_name_taken');

    const elsewhere = await orgWithAdmin();
    expect((await elsewhere.admin.post('/api/v1/teams', { name })).status).toBe(201);
  });

  it('a removed team leaves the list, ends its memberships and frees its name', async () => {
    const { org, admin } = await orgWithAdmin();
    const agent = await makeStaff(server, org, 'agent');
    const team = await admin.post('/api/v1/teams', { name: 'Spa' });
    await admin.put(`/api/v1/teams/${team.body.id}/members/${agent.id}`, {});
    expect((await admin.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/teams')).body).toEqual([]);
    expect((await admin.get(`/api/v1/teams/${team.body.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(404);
    const left = await server.ctx.db.select().from(teamMembers).where(eq(teamMembers.userId, agent.id));
    expect(left).toEqual([]);
    expect((await admin.post('/api/v1/teams', { name: 'Spa' })).status).toBe(201);
  });

  it('adds a member once when two admins add them at the same time, and never to a team being removed', async () => {
    const { org, admin } = await orgWithAdmin();
    const agent = await makeStaff(server, org, 'agent');
    const team = await admin.post('/api/v1/teams', { name: 'Reception' });
    const path = `/api/v1/teams/${team.body.id}/members/${agent.id}`;
    const both = await Promise.all([admin.put(path, { capacity: 4 }), admin.put(path, { capacity: 4 })]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await admin.get(`/api/v1/teams/${team.body.id}`)).body.members).toHaveLength(1);

    const other = await makeStaff(server, org, 'agent');
    const [removed, joined] = await Promise.all([
      admin.delete(`/api/v1/teams/${team.body.id}`),
      admin.put(`/api/v1/teams/${team.body.id}/members/${other.id}`, {}),
    ]);
    expect(removed.status).toBe(204);
    expect([200, 404]).toContain(joined.status);
    const left = await server.ctx.db.select().from(teamMembers).where(eq(teamMembers.teamId, team.body.id));
    expect(left).toEqual([]);
  });

  it('removing a staff member removes their memberships', async () => {
    const { org, admin } = await orgWithAdmin();
    const agent = await makeStaff(server, org, 'agent');
    const team = await admin.post('/api/v1/teams', { name: 'Reception' });
    await admin.put(`/api/v1/teams/${team.body.id}/members/${agent.id}`, { skills: ['late checkout'] });
    expect((await admin.delete(`/api/v1/staff/${agent.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/teams/${team.body.id}`)).body.members).toEqual([]);
  });

  it("never shows or changes another organization's team, nor takes in its staff", async () => {
    const a = await orgWithAdmin();
    const b = await orgWithAdmin();
    const teamOfA = await a.admin.post('/api/v1/teams', { name: 'Reception' });
    const teamOfB = await b.admin.post('/api/v1/teams', { name: 'Reception' });
    const agentOfA = await makeStaff(server, a.org, 'agent');
    const agentOfB = await makeStaff(server, b.org, 'agent');
    await a.admin.put(`/api/v1/teams/${teamOfA.body.id}/members/${agentOfA.id}`, {});
    const idOfA = teamOfA.body.id as string;

    for (const res of [
      await b.admin.get(`/api/v1/teams/${idOfA}`),
      await b.admin.patch(`/api/v1/teams/${idOfA}`, { name: 'Taken over' }),
      await b.admin.delete(`/api/v1/teams/${idOfA}`),
      await b.admin.put(`/api/v1/teams/${idOfA}/members/${agentOfB.id}`, {}),
      await b.admin.delete(`/api/v1/teams/${idOfA}/members/${agentOfA.id}`),
      // B's own team, A's agent: as if nobody had that id.
      await b.admin.put(`/api/v1/teams/${teamOfB.body.id}/members/${agentOfA.id}`, {}),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await b.admin.get('/api/v1/teams')).body.map((t: { id: string }) => t.id)).toEqual([teamOfB.body.id]);
    expect((await a.admin.get(`/api/v1/teams/${idOfA}`)).body).toMatchObject({
      name: 'Reception',
      members: [expect.objectContaining({ userId: agentOfA.id })],
    });
  });

  it('only admins change teams; field staff do not see them', async () => {
    const { org, admin } = await orgWithAdmin();
    const team = await admin.post('/api/v1/teams', { name: 'Reception' });
    const agentUser = await makeStaff(server, org, 'agent');
    const agent = await signIn(server, agentUser);
    const field = await signIn(server, await makeStaff(server, org, 'field'));

    for (const res of [
      await agent.post('/api/v1/teams', { name: 'Mine' }),
      await agent.patch(`/api/v1/teams/${team.body.id}`, { name: 'Mine' }),
      await agent.put(`/api/v1/teams/${team.body.id}/members/${agentUser.id}`, { capacity: 50 }),
      await agent.delete(`/api/v1/teams/${team.body.id}`),
      await field.get('/api/v1/teams'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await admin.get(`/api/v1/teams/${team.body.id}`)).body).toMatchObject({ name: 'Reception', members: [] });
  });

  it.each([
    ['capacity 0', { capacity: 0 }],
    ['capacity 51', { capacity: 51 }],
    ['a fractional capacity', { capacity: 2.5 }],
    ['a language that is no tag', { languages: ['German'] }],
    ['too many languages', { languages: ['aa', 'ab', 'ae', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay'] }],
    ['an empty skill', { skills: ['  '] }],
    ['a skill of 33 characters', { skills: ['x'.repeat(33)] }],
    ['too many skills', { skills: Array.from({ length: 21 }, (_, i) => `skill${i}`) }],
    ['an unknown field', { priority: 1 }],
  ])('refuses a member with %s', async (_label, body) => {
    const { org, admin } = await orgWithAdmin();
    const agent = await makeStaff(server, org, 'agent');
    const team = await admin.post('/api/v1/teams', { name: 'Reception' });
    const res = await admin.put(`/api/v1/teams/${team.body.id}/members/${agent.id}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await admin.get(`/api/v1/teams/${team.body.id}`)).body.members).toEqual([]);
  });

  it('refuses a blank or overlong team name', async () => {
    const { admin } = await orgWithAdmin();
    for (const name of ['   ', 'x'.repeat(61)]) {
      const res = await admin.post('/api/v1/teams', { name });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});
