import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { attachmentPath, clientEvents } from '@frontdesk/protocol';
import { and, count, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, makeStay, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import {
  attachments,
  auditLog,
  conversations,
  customers,
  domainEvents,
  guestSessions,
  messageSearch,
  organizations,
  stays,
} from '../../db/schema.js';
import { diskPathOf } from '../../platform/file-storage.js';
import { systemContext } from '../../platform/service-context.js';
import { safeName } from './archive.js';
import { ERASED_TEXT } from './erase.js';
import { eraseExpiredData } from './retention.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const photo = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 0, b: 0 } } })
    .png()
    .toBuffer();

/** A hotel whose guest wrote a secret and sent a photo, and an agent answered; the search index has it. */
async function guestWithHistory(org: TestOrg) {
  const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
  const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
  const guest = await makeGuest(server, org, { name: 'Anna Nowak' });
  const api = new ApiClient(server.url);
  api.token = guest.token;
  const socket = await socketFor({ token: guest.token });
  const up = await api.post('/api/v1/guest/attachments?name=passport.png', undefined, {
    raw: await photo(),
    headers: { 'content-type': 'image/png' },
  });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const sent = await ask(socket, clientEvents.send, {
    clientId: `c-${uniqueSuffix()}`,
    text: 'My passport number is ZX9911',
    attachmentIds: [up.body.id],
  });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  const conversationId = sent.data.conversation.id as string;
  const reply = await agent.post(`/api/v1/conversations/${conversationId}/messages`, {
    clientId: `r-${uniqueSuffix()}`,
    text: 'Thank you Anna, noted ZX9911',
  });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  await eventually(async () => (await admin.get('/api/v1/search?q=ZX9911')).body.messages?.length === 2);
  const [file] = await server.ctx.db.select().from(attachments).where(eq(attachments.id, up.body.id));
  return { admin, agent, guest, conversationId, fileKeys: [up.body.id as string, file?.thumbnailKey as string] };
}

const onDisk = (key: string) => existsSync(diskPathOf(server.ctx.config.filesDir, key));

describe('privacy: export and erasure of a stay’s guests', () => {
  it('exports everything, then erases text, files, identifiers and index entries and keeps the counts', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const h = await guestWithHistory(org);
    const theirs = await guestWithHistory(other);

    const data = await h.admin.get(`/api/v1/stays/${h.guest.stayId}/data-export`);
    expect(data.status).toBe(200);
    expect(data.body.stay.guests[0]).toMatchObject({ name: 'Anna Nowak' });
    expect(data.body.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining(['My passport number is ZX9911', 'Thank you Anna, noted ZX9911']),
    );
    expect(data.body.files).toHaveLength(1);
    expect(Buffer.from(data.body.files[0].base64, 'base64').subarray(8, 12).toString()).toBe('WEBP');
    const html = await h.admin.get(`/api/v1/stays/${h.guest.stayId}/data-export.html`);
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain('My passport number is ZX9911');
    expect(String(html.body)).toContain('data:image/');

    // refusals: an agent, another organization's admin, a stay still live
    expect((await h.agent.get(`/api/v1/stays/${h.guest.stayId}/data-export`)).status).toBe(403);
    expect((await h.agent.post(`/api/v1/stays/${h.guest.stayId}/erase`)).status).toBe(403);
    expect((await theirs.admin.post(`/api/v1/stays/${h.guest.stayId}/erase`)).status).toBe(404);
    const live = await h.admin.post(`/api/v1/stays/${h.guest.stayId}/erase`);
    expect(live.status).toBe(409);

    const countsBefore = await countsOf(org.id);
    await h.agent.post(`/api/v1/stays/${h.guest.stayId}/check-out`);
    const erased = await h.admin.post(`/api/v1/stays/${h.guest.stayId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ conversations: 1, messages: 2, files: 1 });

    // gone from REST, sync, search, exports and disk
    const history = await h.admin.get(`/api/v1/conversations/${h.conversationId}/messages?after=0`);
    const texts = history.body.messages.filter((m: { event: string | null }) => !m.event);
    expect(texts.map((m: { text: string }) => m.text)).toEqual([ERASED_TEXT, ERASED_TEXT]);
    expect(JSON.stringify(history.body)).not.toContain('ZX9911');
    const socket = await socketFor({ token: h.agent.token });
    const synced = await ask(socket, clientEvents.sync, { since: { [h.conversationId]: 0 } });
    expect(JSON.stringify(synced)).not.toContain('ZX9911');
    expect((await h.admin.get('/api/v1/search?q=ZX9911')).body.messages).toEqual([]);
    expect(await server.ctx.db.select().from(messageSearch).where(eq(messageSearch.orgId, org.id))).toEqual([]);
    const again = await h.admin.get(`/api/v1/stays/${h.guest.stayId}/data-export`);
    expect(JSON.stringify(again.body)).not.toMatch(/ZX9911|Anna|passport/);
    expect(again.body.files).toEqual([]);
    for (const key of h.fileKeys) expect(onDisk(key)).toBe(false);
    expect((await h.admin.get(attachmentPath('staff', h.fileKeys[0] as string))).status).toBe(404);
    const stay = await h.admin.get(`/api/v1/stays/${h.guest.stayId}`);
    expect(stay.body.guests[0]).toMatchObject({ name: null, email: null, phone: null });
    expect(stay.body.guests[0].code).not.toBe(h.guest.code);
    expect(stay.body.erasedAt).not.toBeNull();
    // the guest's sessions are over
    expect(await server.ctx.db.select().from(guestSessions).where(eq(guestSessions.guestId, h.guest.guestId))).toEqual(
      [],
    );
    const guestApi = new ApiClient(server.url);
    guestApi.token = h.guest.token;
    const asGuest = await guestApi.get('/api/v1/guest/conversations');
    expect([401, 410]).toContain(asGuest.status);

    // statistics keep the conversation; the erasure is audited and announced
    expect(await countsOf(org.id)).toEqual(countsBefore);
    const audited = await server.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, h.guest.stayId)));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['privacy.exported', 'privacy.erased']));
    const events = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, org.id), eq(domainEvents.type, 'person.erased')));
    expect(events.map((e) => e.data)).toEqual([
      { subject: 'stay', subjectId: h.guest.stayId, conversationIds: [h.conversationId], reason: 'request' },
    ]);

    // the other organization keeps everything
    expect((await theirs.admin.get('/api/v1/search?q=ZX9911')).body.messages).toHaveLength(2);
    for (const key of theirs.fileKeys) expect(onDisk(key)).toBe(true);
  });
});

async function countsOf(orgId: string) {
  const [row] = await server.ctx.db
    .select({ n: count(), rated: count(conversations.rating) })
    .from(conversations)
    .where(eq(conversations.orgId, orgId));
  return row;
}

describe('privacy: customers', () => {
  it('exports a customer and erases their details, leaving them off the lists', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const made = await admin.post('/api/v1/customers', {
      name: 'Jan Kowalski',
      phones: ['601 234 567'],
      emails: ['jan@example.test'],
      notes: 'Dog in the garden',
    });
    const id = made.body.customer.id;
    const exported = await admin.get(`/api/v1/customers/${id}/data-export`);
    expect(exported.body.customer).toMatchObject({ name: 'Jan Kowalski', emails: ['jan@example.test'] });
    expect((await agent.post(`/api/v1/customers/${id}/erase`)).status).toBe(403);
    const erased = await admin.post(`/api/v1/customers/${id}/erase`);
    expect(erased.status).toBe(200);
    const [row] = await server.ctx.db.select().from(customers).where(eq(customers.id, id));
    expect(row).toMatchObject({ name: 'Erased customer', phones: [], emails: [], notes: '', externalId: null });
    expect(row?.archivedAt).not.toBeNull();
    expect((await admin.get('/api/v1/customers?q=Kowalski')).body.customers).toEqual([]);
  });
});

describe('privacy: retention', () => {
  it('an admin sets the retention period; the job erases what ended before it, and nothing else', async () => {
    const org = await makeOrg(server);
    const keeper = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    expect((await admin.patch('/api/v1/organization', { retentionDays: 0 })).status).toBe(400);
    const set = await admin.patch('/api/v1/organization', { retentionDays: 30 });
    expect(set.body.retentionDays).toBe(30);
    const day = 24 * 3600_000;
    // a clock 31 and 5 days on: the stays ended that long ago
    const old = await makeStay(server, org, { guestName: 'Old Guest' });
    const recent = await makeStay(server, org, { guestName: 'Recent Guest' });
    const kept = await makeStay(server, keeper, { guestName: 'Kept Guest' });
    const endAgo = (id: string, days: number) =>
      server.ctx.db
        .update(stays)
        .set({ checkInAt: new Date(Date.now() - (days + 2) * day), checkOutAt: new Date(Date.now() - days * day) })
        .where(eq(stays.id, id));
    await endAgo(old.stay.id, 31);
    await endAgo(recent.stay.id, 5);
    await endAgo(kept.stay.id, 400);

    await eraseExpiredData(systemContext(server.ctx, 'test-retention'));
    const erasedAt = async (id: string) =>
      (await server.ctx.db.select({ at: stays.erasedAt }).from(stays).where(eq(stays.id, id)))[0]?.at ?? null;
    expect(await erasedAt(old.stay.id)).not.toBeNull();
    expect(await erasedAt(recent.stay.id)).toBeNull();
    expect(await erasedAt(kept.stay.id)).toBeNull();
    const [audit] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, old.stay.id), eq(auditLog.action, 'privacy.erased')));
    expect(audit?.details).toMatchObject({ reason: 'retention' });
    // another run erases nothing twice
    const before = await server.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    await eraseExpiredData(systemContext(server.ctx, 'test-retention'));
    expect(await server.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).toHaveLength(before.length);
    await server.ctx.db.update(organizations).set({ retentionDays: null }).where(eq(organizations.id, org.id));
  });
});

/** The zip of an export, as the admin's browser downloads it, opened. */
async function downloadZip(client: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, entries: res.status === 200 ? unzipSync(bytes) : {}, text: new TextDecoder().decode(bytes) };
}

describe('privacy: the export as a zip with the files', () => {
  it('carries data.json, the page, an index and every file byte for byte, without internal notes', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const h = await guestWithHistory(org);
    const theirs = await guestWithHistory(other);
    const note = await h.agent.post(`/api/v1/conversations/${h.conversationId}/notes`, {
      clientId: `n-${uniqueSuffix()}`,
      text: 'Internal: guest seemed nervous NOTE4471',
    });
    expect(note.status, JSON.stringify(note.body)).toBeLessThan(300);
    const path = `/api/v1/stays/${h.guest.stayId}/data-export.zip`;

    const { res, entries } = await downloadZip(h.admin, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    expect(res.headers.get('content-disposition')).toContain('.zip');
    const names = Object.keys(entries).sort();
    expect(names).toEqual(['data.json', 'files/001-passport.webp', 'index.txt', 'transcript.html']);
    const stored = await server.ctx.files.get(h.fileKeys[0] as string);
    expect(Buffer.from(entries['files/001-passport.webp'] as Uint8Array).equals(stored as Buffer)).toBe(true);
    const data = JSON.parse(strFromU8(entries['data.json'] as Uint8Array));
    expect(data.stay.guests[0]).toMatchObject({ name: 'Anna Nowak' });
    expect(data.files).toEqual([
      expect.objectContaining({ id: h.fileKeys[0], name: 'passport.webp', path: 'files/001-passport.webp' }),
    ]);
    expect(data.files[0].base64).toBeUndefined();
    const page = strFromU8(entries['transcript.html'] as Uint8Array);
    expect(page).toContain('My passport number is ZX9911');
    expect(page).toContain('src="files/001-passport.webp"');
    expect(strFromU8(entries['index.txt'] as Uint8Array)).toContain('files/001-passport.webp — passport.webp');
    // internal notes are the staff's: in no part of the export, as in the JSON and the page
    for (const bytes of Object.values(entries)) expect(strFromU8(bytes)).not.toContain('NOTE4471');
    expect(JSON.stringify((await h.admin.get(`/api/v1/stays/${h.guest.stayId}/data-export`)).body)).not.toContain(
      'NOTE4471',
    );
    // both downloads are in the audit log: the zip (with its format) and the JSON
    const audits = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, h.guest.stayId), eq(auditLog.action, 'privacy.exported')));
    expect(audits.map((a) => a.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ format: 'zip', files: 1 }), { conversations: 1, files: 1 }]),
    );
    expect(audits).toHaveLength(2);

    // refusals: another organization's admin, an agent, an unknown stay
    expect((await downloadZip(theirs.admin, path)).res.status).toBe(404);
    expect((await downloadZip(h.agent, path)).res.status).toBe(403);
    expect((await downloadZip(h.admin, `/api/v1/stays/${randomUUID()}/data-export.zip`)).res.status).toBe(404);
  });

  it('refuses an export past PRIVACY_EXPORT_MAX_BYTES with export_too_large, and names files safely', async () => {
    const org = await makeOrg(server);
    const h = await guestWithHistory(org);
    const max = server.ctx.config.privacyExportMaxBytes;
    // the test photo is a few hundred bytes (the setting's own floor is 1024)
    server.ctx.config.privacyExportMaxBytes = 10;
    try {
      const refused = await downloadZip(h.admin, `/api/v1/stays/${h.guest.stayId}/data-export.zip`);
      expect(refused.res.status).toBe(413);
      expect(JSON.parse(refused.text).error).toMatchObject({ code: 'export_too_large' });
    } finally {
      server.ctx.config.privacyExportMaxBytes = max;
    }
    expect(safeName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeName('a\u0000b:c?.txt')).toBe('a_b_c_.txt');
    expect(safeName('')).toBe('file');
  });

  it('exports and erases a visitor of the public entry, files included', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const otherAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    await server.ctx.db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, org.id));
    const visit = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, {
      name: 'Walk-in Wiktor',
      email: 'wiktor@example.test',
      topic: 'A room tonight?',
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const api = new ApiClient(server.url);
    api.token = visit.body.token;
    const up = await api.post('/api/v1/guest/attachments?name=id card.png', undefined, {
      raw: await photo(),
      headers: { 'content-type': 'image/png' },
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const socket = await socketFor({ token: visit.body.token });
    const sent = await ask(socket, clientEvents.send, {
      clientId: `v-${uniqueSuffix()}`,
      text: 'Walk-in secret QW7788',
      attachmentIds: [up.body.id],
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const [thread] = await server.ctx.db
      .select({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(eq(conversations.id, sent.data.conversation.id));
    const visitorId = thread?.visitorId as string;

    const json = await admin.get(`/api/v1/visitors/${visitorId}/data-export`);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(json.body).toMatchObject({ kind: 'visitor', visitor: { name: 'Walk-in Wiktor', topic: 'A room tonight?' } });
    expect(json.body.conversations[0].messages[0].text).toBe('Walk-in secret QW7788');
    const { res, entries } = await downloadZip(admin, `/api/v1/visitors/${visitorId}/data-export.zip`);
    expect(res.status).toBe(200);
    const stored = await server.ctx.files.get(up.body.id);
    expect(Buffer.from(entries['files/001-id card.webp'] as Uint8Array).equals(stored as Buffer)).toBe(true);
    expect(strFromU8(entries['transcript.html'] as Uint8Array)).toContain('Walk-in Wiktor');
    expect((await downloadZip(otherAdmin, `/api/v1/visitors/${visitorId}/data-export.zip`)).res.status).toBe(404);
    expect((await otherAdmin.get(`/api/v1/visitors/${visitorId}/data-export`)).status).toBe(404);

    const erased = await admin.post(`/api/v1/visitors/${visitorId}/erase`);
    expect(erased.body).toEqual({ conversations: 1, messages: 1, files: 1 });
    const again = await admin.get(`/api/v1/visitors/${visitorId}/data-export`);
    expect(JSON.stringify(again.body)).not.toMatch(/QW7788|Wiktor|wiktor/);
    expect([401, 410]).toContain((await api.get('/api/v1/guest/conversations')).status);
  });
});
