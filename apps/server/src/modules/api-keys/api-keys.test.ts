import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeOrg,
  makeRooms,
  makeStaff,
  makeStay,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { apiKeys, auditLog, messages } from '../../db/schema.js';
import { hashApiKey } from './secret.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { API_KEY_REQUESTS_PER_MINUTE: '1000' });
});
afterAll(() => server?.close());

async function adminOf(org: TestOrg) {
  return signInWithToken(server, await makeStaff(server, org, 'admin'));
}

/** An API client holding a key of `org` with `scopes`, and the key as created. */
async function keyOf(org: TestOrg, scopes: string[], admin?: ApiClient) {
  const desk = admin ?? (await adminOf(org));
  const res = await desk.post('/api/v1/api-keys', { name: 'PMS', scopes });
  expect(res.status).toBe(201);
  const client = new ApiClient(server.url);
  client.token = res.body.key;
  return { client, created: res.body, admin: desk };
}

/** A hotel with a stay and a guest's queued request (seq 1). */
async function hotelWithRequest(org?: TestOrg) {
  const o = org ?? (await makeOrg(server));
  const { stay, guest } = await makeStay(server, o, { guestName: 'Jan' });
  const { conversation } = await makeConversation(server, { id: guest.id, orgId: o.id, stayId: stay.id, name: 'Jan' });
  return { org: o, conversation };
}

describe('API keys, as admins manage them', () => {
  it('shows the key once, stores only its hash, lists it without secret and revokes it at once', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const created = await admin.post('/api/v1/api-keys', {
      name: ' Opera PMS ',
      scopes: ['stays:manage', 'conversations:read', 'conversations:read'],
    });
    expect(created.status).toBe(201);
    const { key, prefix, id } = created.body;
    expect(key).toMatch(new RegExp(`^fdk_${prefix}_[A-Za-z0-9_-]{43}$`));
    expect(created.body).toMatchObject({ name: 'Opera PMS', scopes: ['stays:manage', 'conversations:read'] });

    const [row] = await server.ctx.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.secretHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(prefix.length + 5));

    const list = await admin.get('/api/v1/api-keys');
    expect(list.status).toBe(200);
    expect(list.body.keys).toHaveLength(1);
    expect(list.body.keys[0]).toMatchObject({ id, prefix, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(key.slice(prefix.length + 5));
    expect(list.body.keys[0]).not.toHaveProperty('key');

    const client = new ApiClient(server.url);
    client.token = key;
    expect((await client.get('/api/v1/conversations?status=queued')).status).toBe(200);
    const used = (await admin.get('/api/v1/api-keys')).body.keys[0];
    expect(used.lastUsedAt).not.toBeNull();

    const revoked = await admin.post(`/api/v1/api-keys/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await client.get('/api/v1/conversations?status=queued');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('api_key_invalid');

    const audit = await server.ctx.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('writes the last use at most once a minute', async () => {
    const org = await makeOrg(server);
    const { client, created } = await keyOf(org, ['conversations:read']);
    await client.get('/api/v1/conversations?status=queued');
    const first = (await server.ctx.db.select().from(apiKeys).where(eq(apiKeys.id, created.id)))[0]?.lastUsedAt;
    await client.get('/api/v1/conversations?status=queued');
    const second = (await server.ctx.db.select().from(apiKeys).where(eq(apiKeys.id, created.id)))[0]?.lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(second?.getTime()).toBe(first?.getTime());
  });

  it('is for admins of the organization only: agents are refused, another organization’s key is not found', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    expect((await agent.get('/api/v1/api-keys')).status).toBe(403);
    expect((await agent.post('/api/v1/api-keys', { name: 'x', scopes: ['reports:read'] })).status).toBe(403);
    const { created } = await keyOf(org, ['conversations:read']);
    const otherAdmin = await adminOf(other);
    expect((await otherAdmin.post(`/api/v1/api-keys/${created.id}/revoke`)).status).toBe(404);
    expect((await otherAdmin.get('/api/v1/api-keys')).body.keys).toEqual([]);
  });

  it('refuses a key without scopes, an unknown scope and a nameless key', async () => {
    const admin = await adminOf(await makeOrg(server));
    for (const body of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['everything'] },
      { name: '  ', scopes: ['reports:read'] },
      { name: 'x'.repeat(101), scopes: ['reports:read'] },
    ]) {
      const res = await admin.post('/api/v1/api-keys', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});

describe('requests with a key', () => {
  it('read conversations and messages since a sequence number, only of its organization', async () => {
    const { org, conversation } = await hotelWithRequest();
    const elsewhere = await hotelWithRequest();
    const { client } = await keyOf(org, ['conversations:read']);

    const list = await client.get('/api/v1/conversations?status=queued');
    expect(list.status).toBe(200);
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    expect(list.body.counts.mine).toBe(0);
    expect((await client.get('/api/v1/conversations?status=open&mine=true')).body.conversations).toEqual([]);

    expect((await client.get(`/api/v1/conversations/${conversation.id}`)).body.id).toBe(conversation.id);
    const history = await client.get(`/api/v1/conversations/${conversation.id}/messages?after=0`);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1]);
    expect((await client.get(`/api/v1/conversations/${conversation.id}/messages?after=1`)).body.messages).toEqual([]);

    // organization B's conversation does not exist for A's key
    const theirs = elsewhere.conversation.id;
    expect((await client.get(`/api/v1/conversations/${theirs}`)).status).toBe(404);
    expect((await client.get(`/api/v1/conversations/${theirs}/messages?after=0`)).status).toBe(404);
  });

  it('send a message as the organization once per client id, and catch up on it by sequence number', async () => {
    const { org, conversation } = await hotelWithRequest();
    const { client } = await keyOf(org, ['conversations:read', 'messages:send']);
    const body = { clientId: 'pms-msg-0001', text: 'Your room is ready' };
    const first = await client.post(`/api/v1/conversations/${conversation.id}/messages`, body);
    expect(first.status).toBe(201);
    expect(first.body.duplicate).toBe(false);
    expect(first.body.message).toMatchObject({ seq: 2, text: 'Your room is ready' });
    expect(first.body.message.sender).toMatchObject({ type: 'staff', name: org.name });
    // still queued: a key holds no request
    expect(first.body.conversation.status).toBe('queued');

    const retry = await client.post(`/api/v1/conversations/${conversation.id}/messages`, body);
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBe(true);
    expect(retry.body.message.id).toBe(first.body.message.id);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored).toHaveLength(2);

    const since = await client.get(`/api/v1/conversations/${conversation.id}/messages?after=1`);
    expect(since.body.messages.map((m: { text: string }) => m.text)).toEqual(['Your room is ready']);

    const elsewhere = await hotelWithRequest();
    const refused = await client.post(`/api/v1/conversations/${elsewhere.conversation.id}/messages`, {
      clientId: 'pms-msg-0002',
      text: 'Hello',
    });
    expect(refused.status).toBe(404);
  });

  it('are refused without the route’s scope (403), with an unknown key (401), and on routes not open to keys', async () => {
    const { org, conversation } = await hotelWithRequest();
    const { client } = await keyOf(org, ['stays:manage']);
    const read = await client.get('/api/v1/conversations?status=queued');
    expect(read.status).toBe(403);
    expect(read.body.error).toMatchObject({ code: 'api_key_scope_missing', details: { scope: 'conversations:read' } });
    const send = await client.post(`/api/v1/conversations/${conversation.id}/messages`, {
      clientId: 'pms-msg-0003',
      text: 'Hi',
    });
    expect(send.status).toBe(403);
    expect(send.body.error.code).toBe('api_key_scope_missing');

    // a key does not manage keys, staff or webhooks
    for (const path of ['/api/v1/api-keys', '/api/v1/webhooks', '/api/v1/staff']) {
      const res = await client.get(path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }

    const unknown = new ApiClient(server.url);
    unknown.token = `fdk_000000000000_${'a'.repeat(43)}`;
    expect((await unknown.get('/api/v1/conversations?status=queued')).body.error.code).toBe('api_key_invalid');
    // a forged secret behind a real prefix is as unknown
    const forged = new ApiClient(server.url);
    forged.token = `${client.token?.slice(0, 17)}${'b'.repeat(43)}`;
    const res = await forged.get('/api/v1/conversations?status=queued');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('api_key_invalid');
  });

  it('check a guest in and out as the API client, audited as such, in a hotel of its own only', async () => {
    const org = await makeOrg(server);
    const [room] = await makeRooms(server, org, ['301']);
    const { client, created } = await keyOf(org, ['stays:manage']);
    const checkOutAt = new Date(Date.now() + 48 * 3600_000).toISOString();
    const checkedIn = await client.post('/api/v1/stays', {
      roomId: room?.id,
      checkOutAt,
      guest: { name: 'Ola Nowak' },
    });
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body.guests[0]).toMatchObject({ name: 'Ola Nowak', code: expect.any(String) });
    const stayId = checkedIn.body.id as string;
    expect((await client.get(`/api/v1/stays/${stayId}`)).body.id).toBe(stayId);
    const out = await client.post(`/api/v1/stays/${stayId}/check-out`);
    expect(out.status).toBe(200);
    expect(out.body.status).toBe('ended');

    const audit = await server.ctx.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, stayId)));
    expect(audit.map((a) => a.action).sort()).toEqual(['stay.checked_in', 'stay.checked_out']);
    for (const entry of audit) expect(entry).toMatchObject({ actorKind: 'api_client', actorId: created.id });

    // another hotel's stay is not found; a key of a service company has no stays
    const elsewhere = await makeOrg(server);
    const theirs = await makeStay(server, elsewhere);
    expect((await client.get(`/api/v1/stays/${theirs.stay.id}`)).status).toBe(404);
    expect((await client.post(`/api/v1/stays/${theirs.stay.id}/check-out`)).status).toBe(404);
    const company = await keyOf(await makeOrg(server, { kind: 'service' }), ['stays:manage']);
    expect((await company.client.get(`/api/v1/stays/${theirs.stay.id}`)).status).toBe(403);
    // without the scope
    const reader = await keyOf(org, ['conversations:read']);
    expect((await reader.client.get(`/api/v1/stays/${stayId}`)).body.error.code).toBe('api_key_scope_missing');
  });

  it('are rate-limited per key', async () => {
    const limited = await startTestServer({}, { API_KEY_REQUESTS_PER_MINUTE: '3' });
    try {
      const org = await makeOrg(limited);
      const admin = await signInWithToken(limited, await makeStaff(limited, org, 'admin'));
      const keys = await Promise.all(
        [1, 2].map(
          async () => (await admin.post('/api/v1/api-keys', { name: 'k', scopes: ['conversations:read'] })).body.key,
        ),
      );
      const [one, two] = keys.map((key) => {
        const c = new ApiClient(limited.url);
        c.token = key;
        return c;
      });
      if (!one || !two) throw new Error('no keys');
      for (let i = 0; i < 3; i++) expect((await one.get('/api/v1/conversations?status=queued')).status).toBe(200);
      const over = await one.get('/api/v1/conversations?status=queued');
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('rate_limited');
      expect(over.headers.get('retry-after')).toBeTruthy();
      // another key of the same organization has its own budget
      expect((await two.get('/api/v1/conversations?status=queued')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
