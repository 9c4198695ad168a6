import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import {
  freshInstallation,
  startTestServer,
  type TestServer,
  uniqueSuffix,
  usingPostgres,
} from '../../../test/harness.js';
import { startPushService } from '../../../test/push-service.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { ConfigError, loadConfig } from '../../config.js';
import { pushSubscriptions } from '../../db/schema.js';
import type { GuestActor, StaffActor } from '../../platform/actor.js';
import { noRequest, serviceContext } from '../../platform/service-context.js';
import { subscribePush } from './service.js';
import { vapidKeysOf } from './vapid.js';

let server: TestServer;
let service: Awaited<ReturnType<typeof startPushService>>;
let installation: Awaited<ReturnType<typeof freshInstallation>> | undefined;
const vapid = webpush.generateVAPIDKeys();

// A database of its own: every node pushes every organization's events, so on a shared PostgreSQL
// another file's server (which refuses the push service on 127.0.0.1) would take some of these.
beforeAll(async () => {
  service = await startPushService();
  installation = usingPostgres ? await freshInstallation() : undefined;
  server = await startTestServer(
    {},
    {
      ...installation?.env,
      // the push service is on 127.0.0.1 over http; the refusal is proven with the setting off below
      PUSH_ALLOW_PRIVATE: 'true',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:desk@frontdesk.test',
    },
  );
});
afterAll(async () => {
  await server?.close();
  await installation?.drop();
  await service?.close();
});

const socketFor = socketsClosedAfterEach(() => server.url);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function staffOf(org: TestOrg, role: 'admin' | 'agent', name?: string) {
  const user = await makeStaff(server, org, role, name ? { name } : {});
  return { user, api: await signInWithToken(server, user) };
}

/** A fake browser's device, subscribed through `api` at `path`. */
async function subscribed(api: ApiClient, path = '/api/v1/me/push-subscriptions') {
  const device = service.device();
  const res = await api.post(path, device.subscription);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ endpoint: device.subscription.endpoint });
  return device;
}

/** A hotel whose new requests go to Reception, with Reception's agent and an agent of no team. */
async function hotel() {
  const org = await makeOrg(server);
  const admin = await staffOf(org, 'admin');
  const member = await staffOf(org, 'agent', 'Anna');
  const outsider = await staffOf(org, 'agent', 'Olek');
  const team = (await admin.api.post('/api/v1/teams', { name: 'Reception' })).body.id as string;
  expect((await admin.api.put(`/api/v1/teams/${team}/members/${member.user.id}`, {})).status).toBe(200);
  expect((await admin.api.put('/api/v1/routing-rules/default-team', { teamId: team })).status).toBe(200);
  return { org, admin, member, outsider, team };
}

async function guestWrites(org: TestOrg, text: string) {
  const guest = await makeGuest(server, org, { name: 'Jan Kowalski' });
  const socket = await socketFor({ token: guest.token });
  const sent = await ask(socket, clientEvents.send, { text, clientId: `push-${uniqueSuffix()}` });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  const api = new ApiClient(server.url);
  api.token = guest.token;
  return { guest, socket, api, conversationId: sent.data.conversation.id as string };
}

describe('web push', () => {
  it('gives browsers the VAPID public key the pushes are signed with', async () => {
    const res = await new ApiClient(server.url).get('/api/v1/push/public-key');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: vapid.publicKey });
  });

  it('pushes a new request to the devices of its team’s members only, signed and encrypted', async () => {
    const { org, member, outsider } = await hotel();
    const phone = await subscribed(member.api);
    const laptop = await subscribed(member.api);
    const outsiders = await subscribed(outsider.api);
    const text = `The shower is cold ${uniqueSuffix()}`;
    const { conversationId } = await guestWrites(org, text);

    await eventually(async () => service.at(phone.id).length === 1 && service.at(laptop.id).length === 1);
    const [push] = service.at(phone.id);
    expect(push?.payload).toEqual({
      title: 'New request for Reception',
      body: text,
      url: `/app?conversation=${conversationId}`,
      tag: expect.any(String),
      kind: 'request',
    });
    // signed with the server's key, for this push service, naming the operator
    expect(push?.vapidKey).toBe(vapid.publicKey);
    expect(push?.claims).toMatchObject({ aud: service.origin, sub: 'mailto:desk@frontdesk.test' });
    expect(push?.headers.urgency).toBe('high');
    await pause(300);
    expect(service.at(outsiders.id)).toEqual([]);
    expect(service.refused).toEqual([]);
  });

  it('pushes the staff’s reply to the guest’s device, never a note; the guest’s answer to the assignee; a mention to the named', async () => {
    const { org, member, outsider } = await hotel();
    const { api: guestApi, socket, conversationId } = await guestWrites(org, 'Towels, please');
    const guestPhone = await subscribed(guestApi, '/api/v1/guest/push-subscriptions');
    const memberPhone = await subscribed(member.api);
    const outsiderPhone = await subscribed(outsider.api);

    expect((await member.api.post(`/api/v1/conversations/${conversationId}/take`, {})).status).toBe(200);
    const secret = `Room 12 asked twice already ${uniqueSuffix()}, @Olek`;
    const note = await member.api.post(`/api/v1/conversations/${conversationId}/notes`, {
      clientId: `n-${uniqueSuffix()}`,
      text: secret,
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const reply = `On their way ${uniqueSuffix()}`;
    const sent = await member.api.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: `r-${uniqueSuffix()}`,
      text: reply,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    await eventually(async () => service.at(guestPhone.id).length >= 1);
    expect(service.at(guestPhone.id).map((p) => p.payload)).toEqual([
      { title: org.name, body: reply, url: `/g/${org.slug}`, tag: sent.body.message.id, kind: 'reply' },
    ]);
    await eventually(async () => service.at(outsiderPhone.id).length === 1);
    expect(service.at(outsiderPhone.id)[0]?.payload).toMatchObject({
      title: 'Anna mentioned you',
      body: secret,
      kind: 'mention',
    });

    const answer = await ask(socket, clientEvents.send, {
      conversationId,
      text: 'Thank you!',
      clientId: `push-${uniqueSuffix()}`,
    });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    await eventually(async () =>
      service.at(memberPhone.id).some((p) => (p.payload as { kind: string }).kind === 'message'),
    );
    // the first message was the new request (pushed to the team as such, maybe before the take); the
    // assignee is pushed the messages after it
    expect(service.at(memberPhone.id).filter((p) => (p.payload as { kind: string }).kind === 'message')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ title: 'Message from Jan Kowalski', body: 'Thank you!', kind: 'message' }),
      }),
    ]);
    await pause(300);
    // the note reached nobody's device but the mentioned colleague's; the guest heard the reply alone
    expect(JSON.stringify(service.at(guestPhone.id))).not.toContain('asked twice');
    expect(service.at(guestPhone.id)).toHaveLength(1);
    expect(service.at(outsiderPhone.id)).toHaveLength(1);
  });

  it('pushes an alert to the admins it names, not to an agent', async () => {
    const { org, admin, member } = await hotel();
    const adminPhone = await subscribed(admin.api);
    const memberPhone = await subscribed(member.api);
    const { conversationId } = await guestWrites(org, 'There is a FIRE in the corridor!');
    const alerted = (id: string) => service.at(id).filter((p) => (p.payload as { kind: string }).kind === 'alert');
    await eventually(async () => alerted(adminPhone.id).length >= 1);
    expect(alerted(adminPhone.id)[0]?.payload).toEqual({
      title: 'Alert: an alarming word in a chat',
      body: 'There is a FIRE in the corridor!',
      url: `/app?conversation=${conversationId}`,
      tag: expect.any(String),
      kind: 'alert',
    });
    // the agent hears of the new request for their team, not of the alert
    await eventually(async () => service.at(memberPhone.id).length >= 1);
    await pause(300);
    expect(alerted(memberPhone.id)).toEqual([]);
  });

  it('deletes a subscription the push service says is gone (410), and stops pushing to an unsubscribed one', async () => {
    const { org, member } = await hotel();
    const stale = await subscribed(member.api);
    const kept = await subscribed(member.api);
    const dropped = await subscribed(member.api);
    service.gone(stale.id);
    const left = await member.api.post('/api/v1/me/push-subscriptions/unsubscribe', {
      endpoint: dropped.subscription.endpoint,
    });
    expect(left.status).toBe(204);
    await guestWrites(org, 'Is the spa open?');
    await eventually(async () => service.at(kept.id).length === 1);
    await eventually(async () => {
      const rows = await server.ctx.db
        .select({ endpoint: pushSubscriptions.endpoint })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, member.user.id));
      return rows.length === 1 && rows[0]?.endpoint === kept.subscription.endpoint;
    });
    expect(service.refused).toContainEqual({ device: stale.id, status: 410, reason: 'unsubscribed' });
    expect(service.at(dropped.id)).toEqual([]);
  });

  it('forgets the devices of a stay whose guest access ended and of deactivated staff', async () => {
    const { org, admin, member } = await hotel();
    const memberPhone = await subscribed(member.api);
    const { api: guestApi, guest } = await guestWrites(org, 'Hello');
    const guestPhone = await subscribed(guestApi, '/api/v1/guest/push-subscriptions');
    const devices = async () =>
      (
        await server.ctx.db
          .select({ endpoint: pushSubscriptions.endpoint })
          .from(pushSubscriptions)
          .where(eq(pushSubscriptions.orgId, org.id))
      ).map((r) => r.endpoint);
    expect((await devices()).sort()).toEqual(
      [memberPhone.subscription.endpoint, guestPhone.subscription.endpoint].sort(),
    );
    expect((await admin.api.post(`/api/v1/stays/${guest.stayId}/end-access`, {})).status).toBe(200);
    expect((await admin.api.post(`/api/v1/staff/${member.user.id}/deactivate`, {})).status).toBe(200);
    await eventually(async () => (await devices()).length === 0);
  });

  it('keeps one row per device: subscribing again updates it, for whoever subscribed last', async () => {
    const { admin, member } = await hotel();
    const device = await subscribed(member.api);
    const again = await admin.api.post('/api/v1/me/push-subscriptions', device.subscription);
    expect(again.status).toBe(201);
    const rows = await server.ctx.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, device.subscription.endpoint));
    expect(rows.map((r) => r.userId)).toEqual([admin.user.id]);
  });
});

describe('refusals', () => {
  it('lets no one unsubscribe another person’s device, of their organization or another', async () => {
    const { member, outsider } = await hotel();
    const device = await subscribed(member.api);
    const otherOrg = await staffOf(await makeOrg(server), 'admin');
    const guest = await makeGuest(server, await makeOrg(server));
    const guestApi = new ApiClient(server.url);
    guestApi.token = guest.token;
    for (const [api, path] of [
      [outsider.api, '/api/v1/me/push-subscriptions/unsubscribe'],
      [otherOrg.api, '/api/v1/me/push-subscriptions/unsubscribe'],
      [guestApi, '/api/v1/guest/push-subscriptions/unsubscribe'],
    ] as const) {
      const res = await api.post(path, { endpoint: device.subscription.endpoint });
      expect(res.status).toBe(404);
    }
    const rows = await server.ctx.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, device.subscription.endpoint));
    expect(rows.map((r) => r.userId)).toEqual([member.user.id]);
  });

  it('refuses bad subscriptions: not a URL, not https, keys of the wrong size, unknown fields', async () => {
    const { member } = await hotel();
    const { subscription } = service.device();
    for (const body of [
      { ...subscription, endpoint: 'not a url' },
      { ...subscription, endpoint: 'ftp://push.example/x' },
      { ...subscription, endpoint: `https://push.example/${'x'.repeat(2001)}` },
      { ...subscription, keys: { ...subscription.keys, p256dh: 'short' } },
      { ...subscription, keys: { ...subscription.keys, auth: subscription.keys.p256dh } },
      { ...subscription, keys: { p256dh: subscription.keys.p256dh } },
      { ...subscription, extra: true },
      { endpoint: subscription.endpoint },
    ]) {
      const res = await member.api.post('/api/v1/me/push-subscriptions', body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
    }
  });

  it('refuses plain http and private addresses unless PUSH_ALLOW_PRIVATE', async () => {
    const org = await makeOrg(server);
    const { api } = await staffOf(org, 'agent');
    const guest = await makeGuest(server, org);
    const staffActor = (await server.ctx.sessions.staff(server.ctx.db, api.token as string)) as StaffActor;
    const guestActor = (await server.ctx.sessions.guest(server.ctx.db, guest.token)) as GuestActor;
    const strict = loadConfig({ DATA_DIR: server.ctx.config.dataDir, SESSION_SECRET: 'x'.repeat(32) });
    const { keys } = service.device().subscription;
    for (const actor of [staffActor, guestActor]) {
      const ctx = serviceContext({ ...server.ctx, config: strict }, actor, noRequest);
      for (const endpoint of [
        `${service.origin}/push/x`,
        'https://127.0.0.1/push/x',
        'https://10.1.2.3/push/x',
        'https://[::1]/push/x',
        'https://169.254.169.254/latest',
        'https://user:pw@push.example/x',
      ]) {
        await expect(subscribePush(ctx, { endpoint, keys }), endpoint).rejects.toMatchObject({
          code: 'push_endpoint_refused',
        });
      }
    }
    expect(await server.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.orgId, org.id))).toEqual([]);
  });

  it('limits how often one person subscribes', async () => {
    const org = await makeOrg(server);
    const { api } = await staffOf(org, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await api.post('/api/v1/me/push-subscriptions', service.device().subscription)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    // and keeps at most ten devices a person: the oldest went
    const rows = await server.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.orgId, org.id));
    expect(rows).toHaveLength(10);
  });
});

describe('VAPID keys', () => {
  it('are generated once and kept in DATA_DIR, as the session secret is, unless set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-vapid-'));
    const config = loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(32) });
    const first = vapidKeysOf(config);
    expect(first.publicKey).toMatch(/^[\w-]{87}$/);
    expect(first.subject).toBe('mailto:frontdesk@localhost');
    expect(vapidKeysOf(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(32) }))).toEqual(first);
    expect(JSON.parse(readFileSync(join(dir, 'vapid-keys'), 'utf8'))).toEqual({
      publicKey: first.publicKey,
      privateKey: first.privateKey,
    });
    expect(statSync(join(dir, 'vapid-keys')).mode & 0o077).toBe(0);
    const set = loadConfig({
      DATA_DIR: dir,
      SESSION_SECRET: 'x'.repeat(32),
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      PUBLIC_URL: 'https://desk.hotel.example',
    });
    expect(vapidKeysOf(set)).toEqual({ ...vapid, subject: 'https://desk.hotel.example' });
  });

  it('refuses half a pair, a pair that does not match, and a subject that is no mailto: or https: URL', () => {
    const other = webpush.generateVAPIDKeys();
    for (const env of [
      { VAPID_PUBLIC_KEY: vapid.publicKey },
      { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: other.privateKey },
      { VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: vapid.privateKey },
      { VAPID_SUBJECT: 'http://desk.hotel.example' },
    ])
      expect(() => loadConfig({ SESSION_SECRET: 'x'.repeat(32), ...env }), JSON.stringify(env)).toThrow(ConfigError);
  });
});
