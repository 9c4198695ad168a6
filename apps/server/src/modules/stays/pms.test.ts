import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursFromNow, makeApiKeyClient, makeOrg, makeStaff, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditLog, customers, rooms, stays } from '../../db/schema.js';

/** What a PMS and a CRM do over REST with their keys (README "PMS integration"). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { API_KEY_REQUESTS_PER_MINUTE: '1000' });
});
afterAll(() => server?.close());

async function pmsOf(org: TestOrg, scopes = ['stays:manage']) {
  const admin = await signIn(server, await makeStaff(server, org, 'admin'));
  return { admin, pms: await makeApiKeyClient(server, admin, scopes) };
}

const staysOf = (orgId: string, externalId: string) =>
  server.ctx.db
    .select()
    .from(stays)
    .where(and(eq(stays.orgId, orgId), eq(stays.externalId, externalId)));

describe('a PMS pushing rooms and stays by its own ids', () => {
  it('creates a room once, brings it in line on the next push and adopts a typed room of that number', async () => {
    const org = await makeOrg(server);
    const { admin, pms } = await pmsOf(org);
    const first = await pms.put('/api/v1/rooms/by-external-id/R-101', { number: '101', label: 'Sea view' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: '101', label: 'Sea view', externalId: 'R-101', occupied: false });
    const again = await pms.put('/api/v1/rooms/by-external-id/R-101', { number: '101', label: 'Sea view' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const renamed = await pms.put('/api/v1/rooms/by-external-id/R-101', { number: '101A' });
    expect(renamed.body).toMatchObject({ id: first.body.id, number: '101A', label: 'Sea view' });
    const typed = await admin.post('/api/v1/rooms', { number: '202' });
    const adopted = await pms.put('/api/v1/rooms/by-external-id/R-202', { number: '202' });
    expect(adopted.status).toBe(200);
    expect(adopted.body.id).toBe(typed.body.id);
    // another room of the PMS cannot take a number that is already another PMS room's
    const clash = await pms.put('/api/v1/rooms/by-external-id/R-999', { number: '202' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('room_number_taken');
    expect((await admin.get('/api/v1/rooms')).body.map((r: { number: string }) => r.number)).toEqual(['202', '101A']);
  });

  it('checks a guest in once when the same check-in is pushed twice, also at the same moment', async () => {
    const org = await makeOrg(server);
    const { pms } = await pmsOf(org);
    await pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    const checkIn = {
      roomExternalId: 'R-1',
      checkOutAt: hoursFromNow(48),
      guest: { name: 'Anna Nowak', email: 'anna@example.test', externalId: 'G-77' },
    };
    const [a, b] = await Promise.all([
      pms.put('/api/v1/stays/by-external-id/RES-1', checkIn),
      pms.put('/api/v1/stays/by-external-id/RES-1', checkIn),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const third = await pms.put('/api/v1/stays/by-external-id/RES-1', checkIn);
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ id: a.body.id, externalId: 'RES-1', status: 'current' });
    expect(third.body.guests).toEqual([expect.objectContaining({ name: 'Anna Nowak', externalId: 'G-77' })]);
    expect(await staysOf(org.id, 'RES-1')).toHaveLength(1);
    const audited = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'stay.checked_in')));
    expect(audited).toHaveLength(1);
    expect((await pms.get('/api/v1/stays/by-external-id/RES-1')).body.id).toBe(a.body.id);
  });

  it('moves the stay to another room, extends it and checks it out by the reservation id', async () => {
    const org = await makeOrg(server);
    const { admin, pms } = await pmsOf(org);
    await pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    await pms.put('/api/v1/rooms/by-external-id/R-2', { number: '2' });
    const checkOutAt = hoursFromNow(24);
    const stay = await pms.put('/api/v1/stays/by-external-id/RES-9', { roomExternalId: 'R-1', checkOutAt });
    const code = stay.body.guests[0].code;
    const moved = await pms.put('/api/v1/stays/by-external-id/RES-9', { roomExternalId: 'R-2', checkOutAt });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: stay.body.id, room: { number: '2' } });
    expect(moved.body.guests[0].code).toBe(code);
    const later = hoursFromNow(72);
    const extended = await pms.put('/api/v1/stays/by-external-id/RES-9', { roomExternalId: 'R-2', checkOutAt: later });
    expect(new Date(extended.body.checkOutAt).getTime()).toBe(new Date(later).getTime());
    const rooms1 = (await admin.get('/api/v1/rooms')).body;
    expect(rooms1.map((r: { number: string; occupied: boolean }) => [r.number, r.occupied])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const actions = (
      await server.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, org.id))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['stay.room_moved', 'stay.check_out_changed']));
    const out = await pms.post('/api/v1/stays/by-external-id/RES-9/check-out');
    expect(out.status).toBe(200);
    expect(out.body.status).toBe('ended');
    expect((await pms.post('/api/v1/stays/by-external-id/RES-9/check-out')).body.status).toBe('ended');
    // a late retry of an old push returns the ended stay and checks nobody in again
    const late = await pms.put('/api/v1/stays/by-external-id/RES-9', { roomExternalId: 'R-2', checkOutAt: later });
    expect(late.body).toMatchObject({ id: stay.body.id, status: 'ended' });
    expect(await staysOf(org.id, 'RES-9')).toHaveLength(1);
  });

  it('refuses a move into an occupied room and unknown ids', async () => {
    const org = await makeOrg(server);
    const { pms } = await pmsOf(org);
    await pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    await pms.put('/api/v1/rooms/by-external-id/R-2', { number: '2' });
    const checkOutAt = hoursFromNow(24);
    await pms.put('/api/v1/stays/by-external-id/A', { roomExternalId: 'R-1', checkOutAt });
    await pms.put('/api/v1/stays/by-external-id/B', { roomExternalId: 'R-2', checkOutAt });
    const occupied = await pms.put('/api/v1/stays/by-external-id/A', { roomExternalId: 'R-2', checkOutAt });
    expect(occupied.status).toBe(409);
    expect(occupied.body.error.code).toBe('room_occupied');
    const noRoom = await pms.put('/api/v1/stays/by-external-id/C', { roomExternalId: 'R-404', checkOutAt });
    expect(noRoom.status).toBe(404);
    expect((await pms.post('/api/v1/stays/by-external-id/NOPE/check-out')).status).toBe(404);
    const both = await pms.put('/api/v1/stays/by-external-id/D', { roomExternalId: 'R-1', roomId: org.id, checkOutAt });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('validation_failed');
  });

  it('keeps the same external ids of two organizations apart', async () => {
    const orgA = await makeOrg(server);
    const orgB = await makeOrg(server);
    const a = await pmsOf(orgA);
    const b = await pmsOf(orgB);
    const roomA = await a.pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    const roomB = await b.pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    expect(roomB.status).toBe(201);
    expect(roomB.body.id).not.toBe(roomA.body.id);
    const checkOutAt = hoursFromNow(24);
    const stayA = await a.pms.put('/api/v1/stays/by-external-id/RES-1', { roomExternalId: 'R-1', checkOutAt });
    const stayB = await b.pms.put('/api/v1/stays/by-external-id/RES-1', { roomExternalId: 'R-1', checkOutAt });
    expect([stayA.status, stayB.status]).toEqual([201, 201]);
    // B's key neither sees nor checks out A's stay by A's room id
    await b.pms.post('/api/v1/stays/by-external-id/RES-1/check-out');
    expect((await a.pms.get('/api/v1/stays/by-external-id/RES-1')).body.status).toBe('current');
    const intoA = await b.pms.put('/api/v1/stays/by-external-id/RES-2', { roomId: roomA.body.id, checkOutAt });
    expect(intoA.status).toBe(404);
  });

  it('needs the stays:manage scope and a hotel', async () => {
    const org = await makeOrg(server);
    const { pms } = await pmsOf(org, ['customers:manage', 'conversations:read']);
    const refused = await pms.put('/api/v1/rooms/by-external-id/R-1', { number: '1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('api_key_scope_missing');
    const stay = await pms.put('/api/v1/stays/by-external-id/X', {
      roomExternalId: 'R-1',
      checkOutAt: hoursFromNow(2),
    });
    expect(stay.body.error.code).toBe('api_key_scope_missing');
    expect(await server.ctx.db.select().from(rooms).where(eq(rooms.orgId, org.id))).toEqual([]);
    const service = await makeOrg(server, { kind: 'service' });
    const serviceKey = (await pmsOf(service, ['stays:manage'])).pms;
    expect((await serviceKey.put('/api/v1/rooms/by-external-id/R-1', { number: '1' })).status).toBe(403);
  });
});

describe('a CRM pushing customers by its own id', () => {
  it('creates a customer once, updates what differs, keeps organizations apart and needs customers:manage', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const { admin, pms: crm } = await pmsOf(org, ['customers:manage']);
    const body = { name: 'Jan Kowalski', phones: ['601 234 567'], emails: ['jan@example.test'] };
    const first = await crm.put('/api/v1/customers/by-external-id/C-1', body);
    expect(first.status).toBe(201);
    expect(first.body.customer).toMatchObject({ name: 'Jan Kowalski', externalId: 'C-1' });
    const again = await crm.put('/api/v1/customers/by-external-id/C-1', body);
    expect(again.status).toBe(200);
    expect(again.body.customer.id).toBe(first.body.customer.id);
    const changed = await crm.put('/api/v1/customers/by-external-id/C-1', { ...body, companyName: 'Kowalski sp.' });
    expect(changed.body.customer).toMatchObject({ id: first.body.customer.id, companyName: 'Kowalski sp.' });
    const updates = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'customer.updated')));
    expect(updates).toHaveLength(1);
    const rows = await server.ctx.db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, org.id), eq(customers.externalId, 'C-1')));
    expect(rows).toHaveLength(1);

    const other = await makeOrg(server, { kind: 'service' });
    const otherCrm = (await pmsOf(other, ['customers:manage'])).pms;
    const theirs = await otherCrm.put('/api/v1/customers/by-external-id/C-1', { name: 'Someone else' });
    expect(theirs.status).toBe(201);
    expect((await crm.get(`/api/v1/customers/${first.body.customer.id}`)).body.customer.name).toBe('Jan Kowalski');

    // a removed customer is not brought back by a push
    await admin.delete(`/api/v1/customers/${first.body.customer.id}`);
    const removed = await crm.put('/api/v1/customers/by-external-id/C-1', body);
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('conflict');

    const noScope = await makeApiKeyClient(server, admin, ['stays:manage']);
    const refused = await noScope.put('/api/v1/customers/by-external-id/C-2', body);
    expect(refused.body.error.code).toBe('api_key_scope_missing');
  });
});
