import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/client.js';
import {
  hoursFromNow,
  makeOrg,
  makeRooms,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
  type TestOrg,
} from '../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../test/harness.js';
import { idempotencyKeys, stays } from '../db/schema.js';
import { forgetOldIdempotencyKeys, IDEMPOTENCY_KEEP_MS } from './idempotency.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { API_KEY_REQUESTS_PER_MINUTE: '1000' });
});
afterAll(() => server?.close());

/** An integration (a PMS) holding a key of `org` that may check guests in. */
async function pmsOf(org: TestOrg) {
  const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
  const res = await admin.post('/api/v1/api-keys', { name: 'PMS', scopes: ['stays:manage'] });
  expect(res.status).toBe(201);
  const pms = new ApiClient(server.url);
  pms.token = res.body.key;
  return pms;
}

async function roomOf(org: TestOrg) {
  const [room] = await makeRooms(server, org, [`R${uniqueSuffix().slice(0, 6)}`]);
  if (!room) throw new Error('no room');
  return room;
}

const staysIn = async (roomId: string) =>
  (await server.ctx.db.select({ id: stays.id }).from(stays).where(eq(stays.roomId, roomId))).length;

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

describe('Idempotency-Key on POST', () => {
  it('answers a retried check-in with the first answer and creates one stay', async () => {
    const org = await makeOrg(server);
    const pms = await pmsOf(org);
    const room = await roomOf(org);
    const body = { roomId: room.id, checkOutAt: hoursFromNow(48), guest: { name: 'Ada Lovelace' } };
    const key = `checkin-${uniqueSuffix()}`;

    const first = await pms.post('/api/v1/stays', body, withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await pms.post('/api/v1/stays', body, withKey(key));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await staysIn(room.id)).toBe(1);

    // without the key, the same body is a new request (refused: the room is taken now)
    expect((await pms.post('/api/v1/stays', body)).body.error.code).toBe('room_occupied');
  });

  it('refuses the same key with another request, and keeps each caller’s keys apart', async () => {
    const org = await makeOrg(server);
    const pms = await pmsOf(org);
    const otherPms = await pmsOf(org);
    const [roomA, roomB] = [await roomOf(org), await roomOf(org)];
    const key = `shared-${uniqueSuffix()}`;
    const checkIn = (roomId: string) => ({ roomId, checkOutAt: hoursFromNow(24), guest: { name: 'Guest' } });

    expect((await pms.post('/api/v1/stays', checkIn(roomA.id), withKey(key))).status).toBe(201);
    const reused = await pms.post('/api/v1/stays', checkIn(roomB.id), withKey(key));
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await staysIn(roomB.id)).toBe(0);

    // another key holder's same key is theirs alone
    const theirs = await otherPms.post('/api/v1/stays', checkIn(roomB.id), withKey(key));
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(await staysIn(roomB.id)).toBe(1);
  });

  it('keeps refusals too, but not rate limits or server errors, and works for staff sessions', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const { stay } = await makeStay(server, org);
    const key = `occupied-${uniqueSuffix()}`;
    const body = { roomId: stay.roomId, checkOutAt: hoursFromNow(24), guest: { name: 'Late' } };
    const first = await admin.post('/api/v1/stays', body, withKey(key));
    expect(first.body.error.code).toBe('room_occupied');
    const again = await admin.post('/api/v1/stays', body, withKey(key));
    expect(again.status).toBe(first.status);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const [kept] = await server.ctx.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.orgId, org.id)));
    expect(kept).toMatchObject({ status: 409, owner: expect.stringMatching(/^staff:/) });
  });

  it('lets only one of two simultaneous tries run', async () => {
    const org = await makeOrg(server);
    const pms = await pmsOf(org);
    const room = await roomOf(org);
    const body = { roomId: room.id, checkOutAt: hoursFromNow(24), guest: { name: 'Twice' } };
    const key = `race-${uniqueSuffix()}`;
    const answers = await Promise.all([1, 2, 3].map(() => pms.post('/api/v1/stays', body, withKey(key))));
    expect(await staysIn(room.id)).toBe(1);
    for (const answer of answers) {
      if (answer.status === 201) continue;
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('idempotency_key_in_flight');
    }
    expect(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  });

  it('takes over a key whose first request died with its node, and forgets keys after a day', async () => {
    const org = await makeOrg(server);
    const pms = await pmsOf(org);
    const room = await roomOf(org);
    const body = { roomId: room.id, checkOutAt: hoursFromNow(24), guest: { name: 'Again' } };
    const key = `abandoned-${uniqueSuffix()}`;
    expect((await pms.post('/api/v1/stays', body, withKey(key))).status).toBe(201);
    // as if the node had died before answering, two minutes ago: the claim has no answer
    await server.ctx.db
      .update(idempotencyKeys)
      .set({ status: null, body: null, createdAt: sql`now() - interval '2 minutes'` })
      .where(eq(idempotencyKeys.key, key));
    const retried = await pms.post('/api/v1/stays', body, withKey(key));
    expect(retried.body.error.code).toBe('room_occupied');
    expect(retried.headers.get('idempotent-replayed')).toBeNull();

    const later = new Date(Date.now() + IDEMPOTENCY_KEEP_MS + 60_000);
    expect(await forgetOldIdempotencyKeys(server.ctx.db, later)).toBeGreaterThanOrEqual(1);
    expect(await server.ctx.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
  });

  it('refuses a malformed key and ignores keys of callers not signed in', async () => {
    const org = await makeOrg(server);
    const pms = await pmsOf(org);
    const room = await roomOf(org);
    const body = { roomId: room.id, checkOutAt: hoursFromNow(24), guest: { name: 'Never' } };
    for (const bad of ['', 'x'.repeat(256), 'with space']) {
      const res = await pms.post('/api/v1/stays', body, withKey(bad));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    expect(await staysIn(room.id)).toBe(0);
    const anonymous = new ApiClient(server.url);
    const key = `anonymous-${uniqueSuffix()}`;
    for (let i = 0; i < 2; i++) {
      const res = await anonymous.post(
        '/api/v1/auth/login',
        { email: 'nobody@example.com', password: 'wrong-password' },
        withKey(key),
      );
      expect(res.status).toBe(401);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
    }
  });
});
