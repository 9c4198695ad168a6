import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, makeSuperadmin, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const refusedForPlan = (res: { status: number; body: { error?: { code: string; details?: unknown } } }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error).toMatchObject({ code: 'plan_feature_unavailable', details: { feature: 'tasks' } });
};

describe('plans', () => {
  it('keeps tasks off the free plan until the platform owner switches the organization to a plan with them', async () => {
    const org = await makeOrg(server, { plan: 'free' });
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    const owner = await signInWithToken(server, await makeSuperadmin(server));

    // what the app is told: no My work, no board, a plan that includes nothing beyond chat
    const me = await admin.get('/api/v1/auth/me');
    expect(me.body.abilities).toMatchObject({ myWork: false, dispatch: false, inbox: true });
    expect(me.body.organization).toMatchObject({ plan: 'free', features: [] });
    expect((await field.get('/api/v1/auth/me')).body.abilities.myWork).toBe(false);

    // what the server refuses, with the code the app explains
    refusedForPlan(await admin.get('/api/v1/work-items'));
    refusedForPlan(await admin.post('/api/v1/work-items', { kind: 'task', title: 'Towels ×2' }));
    refusedForPlan(await field.get('/api/v1/me/work'));

    const upgraded = await owner.patch(`/api/v1/platform/organizations/${org.id}`, { plan: 'team' });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect(upgraded.body).toMatchObject({ plan: 'team', features: ['tasks'], seatLimit: 25 });
    const again = await admin.get('/api/v1/auth/me');
    expect(again.body.abilities).toMatchObject({ myWork: true, dispatch: true });
    expect(again.body.organization.features).toEqual(['tasks']);
    const made = await admin.post('/api/v1/work-items', { kind: 'task', title: 'Towels ×2' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await field.get('/api/v1/me/work')).status).toBe(200);

    // back on the free plan: its 5 seats, and the items are kept but out of reach until an upgrade
    const down = await owner.patch(`/api/v1/platform/organizations/${org.id}`, { plan: 'free' });
    expect(down.body).toMatchObject({ plan: 'free', features: [], seatLimit: 5 });
    refusedForPlan(await admin.get(`/api/v1/work-items/${made.body.id}`));
  });

  it('limits staff to the plan’s seats', async () => {
    const org = await makeOrg(server, { plan: 'free', seatLimit: 5 });
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    for (let i = 0; i < 4; i++) {
      const added = await admin.post('/api/v1/staff', {
        email: `seat-${i}-${org.slug}@example.test`,
        name: `Seat ${i}`,
        role: 'agent',
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const sixth = await admin.post('/api/v1/staff', {
      email: `seat-6-${org.slug}@example.test`,
      name: 'Six',
      role: 'agent',
    });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error).toMatchObject({ code: 'seat_limit_reached', details: { used: 5, limit: 5 } });
  });
});
