import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import {
  freshInstallation,
  startTestServer,
  type TestServer,
  uniqueSuffix,
  usingPostgres,
} from '../../../test/harness.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { startWebhookReceiver } from '../../../test/webhook-receiver.js';
import { domainEvents, jobs, webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { isPrivateAddress, mappedIpv4 } from '../../platform/address-guard.js';

type Verify = (secret: string, header: string, body: string, toleranceSeconds?: number) => boolean;

/** The verification snippet of the README, exactly as printed there, loaded as a module. */
async function readmeSnippet(): Promise<Verify> {
  const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
  const code = readme.match(/<!-- webhook-verify -->\n```js\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error('README has no webhook verification snippet');
  const file = join(mkdtempSync(join(tmpdir(), 'webhook-snippet-')), 'verify.mjs');
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)).verifyFrontdeskSignature as Verify;
}

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let verify: Verify;
let installation: Awaited<ReturnType<typeof freshInstallation>> | undefined;
/** On PostgreSQL a database of its own (PGlite servers have theirs anyway). */
const ownDatabase = async () => (usingPostgres ? await freshInstallation() : undefined);

// Each server of this file has a database of its own: every node sends every organization's
// deliveries, so on a shared PostgreSQL another file's server (with other webhook settings) would
// take some of these.
beforeAll(async () => {
  verify = await readmeSnippet();
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
  installation = await ownDatabase();
  server = await startTestServer(
    {},
    {
      ...installation?.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Frontdesk <desk@frontdesk.test>',
      // the receiver is on 127.0.0.1; the refusal is proven on a server of its own below
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_SECONDS: '0.02',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_DISABLE_AFTER_GIVE_UPS: '2',
    },
  );
});
afterAll(async () => {
  await server?.close();
  await installation?.drop();
  await smtp?.close();
  await receiver?.close();
});

const socketFor = socketsClosedAfterEach(() => server.url);

async function adminOf(org: TestOrg) {
  const user = await makeStaff(server, org, 'admin');
  return { user, client: await signInWithToken(server, user) };
}

async function subscribe(admin: ApiClient, path: string, eventTypes: string[]) {
  const res = await admin.post('/api/v1/webhooks', { url: receiver.url(path), eventTypes, description: 'PMS' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.secret).toMatch(/^whsec_/);
  return res.body as { id: string; secret: string };
}

const eventOf = (r: { body: string }) => JSON.parse(r.body) as { id: string; type: string; data: any; stream: string };

describe('webhooks', () => {
  it('delivers signed, in order per conversation, retrying a failing receiver; admins see and replay deliveries', async () => {
    const org = await makeOrg(server);
    const { client: admin } = await adminOf(org);
    const path = `/hooks/${uniqueSuffix()}`;
    receiver.failFirst(path, 2);
    const endpoint = await subscribe(admin, path, ['message.created']);
    // the list never shows the secret again
    const listed = await admin.get('/api/v1/webhooks');
    expect(listed.body.endpoints).toEqual([expect.objectContaining({ id: endpoint.id, enabled: true })]);
    expect(JSON.stringify(listed.body)).not.toContain(endpoint.secret);

    const guest = await makeGuest(server, org, { name: 'Jan Kowalski' });
    const socket = await socketFor({ token: guest.token });
    for (const text of ['one', 'two', 'three']) {
      const sent = await ask(socket, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
    }
    await eventually(async () => receiver.at(path).filter((r) => r.status === 200).length >= 3);
    const all = receiver.at(path);
    // two refusals of the first message, then each in turn: nothing later overtook an earlier one
    expect(all.map((r) => [eventOf(r).data.text, r.status])).toEqual([
      ['one', 500],
      ['one', 500],
      ['one', 200],
      ['two', 200],
      ['three', 200],
    ]);
    for (const r of all) {
      expect(verify(endpoint.secret, String(r.headers['frontdesk-signature']), r.body)).toBe(true);
      expect(verify('whsec_wrong', String(r.headers['frontdesk-signature']), r.body)).toBe(false);
      expect(verify(endpoint.secret, String(r.headers['frontdesk-signature']), `${r.body} `)).toBe(false);
      expect(r.headers['frontdesk-event-id']).toBe(eventOf(r).id);
      expect(r.headers['frontdesk-event-type']).toBe('message.created');
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(new Set(all.map((r) => eventOf(r).stream)).size).toBe(1);

    // the receiver has the last one before the sender writes down its answer
    await eventually(async () =>
      (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body.deliveries.every(
        (d: { status: string }) => d.status === 'delivered',
      ),
    );
    const deliveries = await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.deliveries.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual(
      [
        ['delivered', 1],
        ['delivered', 1],
        ['delivered', 3],
      ],
    );
    const first = deliveries.body.deliveries[2];
    const detail = await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries/${first.id}`);
    expect(detail.body).toMatchObject({ responseStatus: 200, responseBody: 'thanks', status: 'delivered' });
    expect(detail.body.requestHeaders['frontdesk-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(detail.body.requestBody).data.text).toBe('one');
    expect(detail.body.durationMs).toBeGreaterThanOrEqual(0);

    // a replay: a new delivery of the same event, same id, sent at once
    const replay = await admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${first.id}/replay`, {});
    expect(replay.status, JSON.stringify(replay.body)).toBe(201);
    expect(replay.body).toMatchObject({ replayOf: first.id, eventId: first.eventId });
    await eventually(async () => receiver.at(path).length === 6);
    const replayed = receiver.at(path)[5];
    expect(replayed && eventOf(replayed).data.text).toBe('one');
    expect(replayed?.headers['frontdesk-event-id']).toBe(first.eventId);
    expect(verify(endpoint.secret, String(replayed?.headers['frontdesk-signature']), replayed?.body ?? '')).toBe(true);
    await eventually(
      async () =>
        (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries/${replay.body.id}`)).body.status === 'delivered',
    );
  });

  it('signs with both the new and the old secret for a day after a rotation', async () => {
    const org = await makeOrg(server);
    const { client: admin } = await adminOf(org);
    const path = `/hooks/${uniqueSuffix()}`;
    const endpoint = await subscribe(admin, path, ['organization.updated']);
    const rotated = await admin.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.previousSecretExpiresAt).toBeTruthy();
    expect((await admin.patch('/api/v1/organization', { motto: 'Rotated' })).status).toBe(200);
    await eventually(async () => receiver.at(path).length === 1);
    const [got] = receiver.at(path);
    const header = String(got?.headers['frontdesk-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(endpoint.secret, header, got?.body ?? '')).toBe(true);
    expect(verify(rotated.body.secret, header, got?.body ?? '')).toBe(true);
    expect(eventOf(got ?? { body: '{}' }).type).toBe('organization.updated');
  });

  it('gives up after its retries, switches an endpoint that keeps failing off and e-mails its admins', async () => {
    const org = await makeOrg(server);
    const { user, client: admin } = await adminOf(org);
    const path = `/hooks/${uniqueSuffix()}`;
    receiver.down(path);
    const endpoint = await subscribe(admin, path, ['organization.updated']);
    // two events of one stream: the second waits for the first to be given up, then fails too
    expect((await admin.patch('/api/v1/organization', { motto: 'First' })).status).toBe(200);
    expect((await admin.patch('/api/v1/organization', { motto: 'Second' })).status).toBe(200);
    await eventually(async () => smtp.to(user.email).some((m) => /switched off/.test(m.parsed.subject ?? '')));
    const mail = smtp.to(user.email).find((m) => /switched off/.test(m.parsed.subject ?? ''));
    expect(mail?.parsed.text).toContain(receiver.url(path));
    expect(receiver.at(path)).toHaveLength(6);

    const now = (await admin.get(`/api/v1/webhooks/${endpoint.id}`)).body;
    expect(now).toMatchObject({ enabled: false, failuresInARow: 2 });
    expect(now.disabledReason).toMatch(/2 deliveries in a row/);
    const deliveries = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body.deliveries;
    expect(deliveries.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([
      ['given_up', 3],
      ['given_up', 3],
    ]);
    const detail = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries/${deliveries[0].id}`)).body;
    expect(detail).toMatchObject({ responseStatus: 500, nextAttemptAt: null });
    expect(detail.responseBody).toHaveLength(4096);
    const recorded = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, org.id), eq(domainEvents.type, 'webhook.disabled')));
    expect(recorded).toEqual([{ data: expect.objectContaining({ endpointId: endpoint.id, failures: 2 }) }]);

    // switched off: no new deliveries, replay refused; switched on again: the count starts over
    const replay = await admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${deliveries[0].id}/replay`, {});
    expect(replay.status).toBe(409);
    const on = await admin.patch(`/api/v1/webhooks/${endpoint.id}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, failuresInARow: 0, disabledReason: null });
  });

  it('keeps finished deliveries WEBHOOK_KEEP_DAYS (30) days: the cleanup job deletes older ones', async () => {
    const org = await makeOrg(server);
    const { client: admin } = await adminOf(org);
    const endpoint = await subscribe(admin, `/hooks/${uniqueSuffix()}`, ['lead.created']);
    const day = 86_400_000;
    const delivery = (status: 'delivered' | 'given_up', age: number) => ({
      orgId: org.id,
      endpointId: endpoint.id,
      eventId: crypto.randomUUID(),
      eventType: 'lead.created',
      stream: 'lead:x',
      body: '{}',
      status,
      createdAt: new Date(Date.now() - age),
    });
    await server.ctx.db
      .insert(webhookDeliveries)
      .values([delivery('delivered', 31 * day), delivery('given_up', 31 * day), delivery('delivered', 29 * day)]);
    await server.ctx.db
      .update(jobs)
      .set({ nextRunAt: new Date(0) })
      .where(eq(jobs.name, 'webhook-cleanup'));
    // this node's job runner takes it on its next tick (or this call does, whichever comes first)
    await server.background.jobs.runDue();
    const list = async () => (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body.deliveries;
    await eventually(async () => (await list()).length === 1);
    const left = await list();
    expect(left).toHaveLength(1);
    expect(Date.now() - Date.parse(left[0].createdAt)).toBeLessThan(30 * day);
  });

  it('admins edit, switch off and remove endpoints; bad input is refused', async () => {
    const org = await makeOrg(server);
    const { client: admin } = await adminOf(org);
    const endpoint = await subscribe(admin, `/hooks/${uniqueSuffix()}`, ['lead.created']);
    const edited = await admin.patch(`/api/v1/webhooks/${endpoint.id}`, {
      eventTypes: ['lead.created', 'lead.status_changed', 'lead.created'],
      description: 'CRM',
      enabled: false,
    });
    expect(edited.body).toMatchObject({
      eventTypes: ['lead.created', 'lead.status_changed'],
      description: 'CRM',
      enabled: false,
    });
    for (const bad of [
      { url: 'ftp://example.com/hook', eventTypes: ['lead.created'] },
      { url: 'not a url', eventTypes: ['lead.created'] },
      { url: receiver.url('/x'), eventTypes: [] },
      { url: receiver.url('/x'), eventTypes: ['lead.exploded'] },
      { url: receiver.url('/x'), eventTypes: ['lead.created'], secret: 'mine' },
    ]) {
      const res = await admin.post('/api/v1/webhooks', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const withPassword = await admin.post('/api/v1/webhooks', {
      url: `http://user:pw@127.0.0.1:${receiver.port}/x`,
      eventTypes: ['lead.created'],
    });
    expect(withPassword.status).toBe(422);
    expect(withPassword.body.error.code).toBe('webhook_url_refused');
    const unknownHost = await admin.post('/api/v1/webhooks', {
      url: 'https://nowhere.invalid/x',
      eventTypes: ['lead.created'],
    });
    expect(unknownHost.body.error.code).toBe('webhook_url_refused');
    expect((await admin.delete(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(404);
  });

  it('another organization neither sees nor replays them; agents and field staff are refused', async () => {
    const org = await makeOrg(server);
    const { client: admin } = await adminOf(org);
    const path = `/hooks/${uniqueSuffix()}`;
    const endpoint = await subscribe(admin, path, ['organization.updated']);
    await admin.patch('/api/v1/organization', { motto: 'Ours' });
    await eventually(async () => receiver.at(path).length === 1);
    const [delivery] = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body.deliveries;
    const base = `/api/v1/webhooks/${endpoint.id}`;

    const other = await signInWithToken(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await other.get('/api/v1/webhooks')).body.endpoints).toEqual([]);
    expect((await other.get(base)).status).toBe(404);
    expect((await other.patch(base, { enabled: false })).status).toBe(404);
    expect((await other.get(`${base}/deliveries`)).status).toBe(404);
    expect((await other.get(`${base}/deliveries/${delivery.id}`)).status).toBe(404);
    expect((await other.post(`${base}/deliveries/${delivery.id}/replay`, {})).status).toBe(404);
    expect((await other.post(`${base}/rotate-secret`, {})).status).toBe(404);
    expect((await other.delete(base)).status).toBe(404);
    // their own endpoint with our delivery id: still nothing
    const theirs = (
      await other.post('/api/v1/webhooks', { url: receiver.url('/theirs'), eventTypes: ['lead.created'] })
    ).body.id;
    expect((await other.post(`/api/v1/webhooks/${theirs}/deliveries/${delivery.id}/replay`, {})).status).toBe(404);

    for (const role of ['agent', 'field'] as const) {
      const staff = await signInWithToken(server, await makeStaff(server, org, role));
      expect((await staff.get('/api/v1/webhooks')).status).toBe(403);
      expect((await staff.get(`${base}/deliveries`)).status).toBe(403);
      expect((await staff.post(`${base}/deliveries/${delivery.id}/replay`, {})).status).toBe(403);
      expect(
        (await staff.post('/api/v1/webhooks', { url: receiver.url('/x'), eventTypes: ['lead.created'] })).status,
      ).toBe(403);
    }
    expect(receiver.at(path)).toHaveLength(1);
  });
});

describe('webhooks to private addresses', () => {
  let guarded: TestServer;
  let own: Awaited<ReturnType<typeof freshInstallation>> | undefined;
  beforeAll(async () => {
    own = await ownDatabase();
    guarded = await startTestServer({}, { ...own?.env, WEBHOOK_RETRY_BASE_SECONDS: '0.02', WEBHOOK_MAX_ATTEMPTS: '2' });
  });
  afterAll(async () => {
    await guarded?.close();
    await own?.drop();
  });

  it('tells private, loopback, link-local and unique-local addresses from public ones, IPv4-mapped too', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      '::1',
      '::',
      'fd00::1',
      'fe80::1%eth0',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a00:1',
      '64:ff9b::a00:1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
    expect(mappedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(mappedIpv4('2001:db8::1')).toBeNull();
  });

  it('refuses them when saved and again at delivery, after DNS, unless WEBHOOK_ALLOW_PRIVATE is on', async () => {
    const org = await makeOrg(guarded);
    const admin = await signInWithToken(guarded, await makeStaff(guarded, org, 'admin'));
    for (const url of [
      receiver.url('/private'),
      `http://localhost:${receiver.port}/private`,
      `http://[::ffff:127.0.0.1]:${receiver.port}/private`,
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'https://10.0.0.8/hook',
      'http://[fd12:3456::1]/hook',
    ]) {
      const res = await admin.post('/api/v1/webhooks', { url, eventTypes: ['organization.updated'] });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('webhook_url_refused');
    }
    const ok = await admin.post('/api/v1/webhooks', {
      url: 'https://93.184.216.34/hook',
      eventTypes: ['lead.created'],
    });
    expect(ok.status).toBe(201);
    expect((await admin.patch(`/api/v1/webhooks/${ok.body.id}`, { url: receiver.url('/private') })).status).toBe(422);

    // a host that resolved to a public address when saved and to 127.0.0.1 now (DNS rebinding)
    const path = `/private/${uniqueSuffix()}`;
    await guarded.ctx.db
      .update(webhookEndpoints)
      .set({ url: `http://localhost:${receiver.port}${path}`, eventTypes: ['organization.updated'] })
      .where(eq(webhookEndpoints.id, ok.body.id));
    expect((await admin.patch('/api/v1/organization', { motto: 'Inside' })).status).toBe(200);
    await eventually(async () => {
      const [d] = (await admin.get(`/api/v1/webhooks/${ok.body.id}/deliveries`)).body.deliveries;
      return d?.status === 'given_up';
    });
    const [delivery] = (await admin.get(`/api/v1/webhooks/${ok.body.id}/deliveries`)).body.deliveries;
    expect(delivery).toMatchObject({ attempts: 2, responseStatus: null });
    expect(delivery.lastError).toMatch(/private network.*WEBHOOK_ALLOW_PRIVATE/);
    expect(receiver.at(path)).toEqual([]);
  });
});
