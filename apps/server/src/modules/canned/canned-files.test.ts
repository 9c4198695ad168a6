import { attachmentPath, clientEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, socketsClosedAfterEach } from '../../../test/sockets.js';
import { attachments } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { sweepLooseAttachments } from '../attachments/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const socketFor = socketsClosedAfterEach(() => server.url);

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 0, g: 120, b: 0 } } })
    .png()
    .toBuffer();

function upload(client: ApiClient, bytes: Uint8Array, type: string, name: string) {
  return client.post(`/api/v1/attachments?name=${encodeURIComponent(name)}`, undefined, {
    raw: bytes,
    headers: { 'content-type': type },
  });
}

async function staff(org: TestOrg, role: 'admin' | 'agent') {
  const user = await makeStaff(server, org, role);
  return { id: user.id, api: await signInWithToken(server, user) };
}

async function bytesOf(client: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** An admin's shared canned response with a PDF and an image. */
async function sharedWithFiles(org: TestOrg) {
  const admin = await staff(org, 'admin');
  const manual = await upload(admin.api, pdf, 'application/pdf', 'AC manual.pdf');
  const photo = await upload(admin.api, await png(), 'image/png', 'remote.png');
  expect([manual.status, photo.status]).toEqual([201, 201]);
  const created = await admin.api.post('/api/v1/canned-responses', {
    scope: 'shared',
    shortcut: `ac${uniqueSuffix()}`,
    title: 'AC manual',
    text: 'Here is the manual, {{guest.name}}',
    attachmentIds: [manual.body.id, photo.body.id],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { admin, canned: created.body, manual: manual.body, photo: photo.body };
}

describe('canned responses with files', () => {
  it('an admin attaches files; an agent using it gets copies of their own that the send carries to the guest', async () => {
    const org = await makeOrg(server);
    const { admin, canned, manual, photo } = await sharedWithFiles(org);
    expect(canned.attachments).toEqual([
      expect.objectContaining({ id: manual.id, name: 'AC manual.pdf', kind: 'pdf' }),
      expect.objectContaining({ id: photo.id, name: 'remote.webp', kind: 'image', thumbnail: true }),
    ]);
    // held by the response now: no longer an upload its author could send on its own
    const guest = await makeGuest(server, org);
    const guestSocket = await socketFor({ token: guest.token });
    const first = await ask(guestSocket, clientEvents.send, {
      text: 'The AC is broken',
      clientId: `g-${uniqueSuffix()}`,
    });
    const conversationId = first.data.conversation.id as string;
    const adminSocket = await socketFor({ token: admin.api.token });
    const direct = await ask(adminSocket, clientEvents.send, {
      conversationId,
      clientId: `s-${uniqueSuffix()}`,
      attachmentIds: [manual.id],
    });
    expect(direct.ok).toBe(false);
    expect(direct.error.code).toBe('attachment_unavailable');

    const agent = await staff(org, 'agent');
    const listed = await agent.api.get(`/api/v1/canned-responses?conversationId=${conversationId}`);
    expect(listed.body.cannedResponses).toEqual([
      expect.objectContaining({ id: canned.id, attachments: canned.attachments }),
    ]);
    const copies = await agent.api.post(`/api/v1/canned-responses/${canned.id}/attachments/copies`);
    expect(copies.status, JSON.stringify(copies.body)).toBe(201);
    const ids = copies.body.attachments.map((a: { id: string }) => a.id);
    expect(copies.body.attachments).toEqual([
      { ...canned.attachments[0], id: ids[0] },
      { ...canned.attachments[1], id: ids[1] },
    ]);
    expect(ids).not.toContain(manual.id);
    // the copy is the agent's upload until sent: they may see it, the admin may not
    expect((await bytesOf(agent.api, attachmentPath('staff', ids[0]))).status).toBe(200);
    expect((await bytesOf(admin.api, attachmentPath('staff', ids[0]))).status).toBe(404);

    const agentSocket = await socketFor({ token: agent.api.token });
    const sent = await ask(agentSocket, clientEvents.send, {
      conversationId,
      clientId: `s-${uniqueSuffix()}`,
      text: listed.body.cannedResponses[0].filled,
      attachmentIds: ids,
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.data.message.attachments.map((a: { id: string }) => a.id)).toEqual(ids);
    const received = await fetch(`${server.url}${attachmentPath('guest', ids[0])}`, {
      headers: { authorization: `Bearer ${guest.token}` },
    });
    expect(received.status).toBe(200);
    expect(Buffer.from(await received.arrayBuffer())).toEqual(pdf);
    // the response keeps its own files, for the next time
    expect((await agent.api.get(`/api/v1/canned-responses/${canned.id}`)).body.attachments).toEqual(canned.attachments);
    const again = await agent.api.post(`/api/v1/canned-responses/${canned.id}/attachments/copies`);
    expect(again.body.attachments.map((a: { id: string }) => a.id)).not.toEqual(ids);
  });

  it('takes only the author’s own unsent uploads of the organization, and refuses a colleague’s response', async () => {
    const org = await makeOrg(server);
    const { admin, canned } = await sharedWithFiles(org);
    const agent = await staff(org, 'agent');
    const adminsUpload = await upload(admin.api, pdf, 'application/pdf', 'price list.pdf');
    const foreign = await staff(await makeOrg(server), 'admin');
    const foreignUpload = await upload(foreign.api, pdf, 'application/pdf', 'theirs.pdf');
    for (const id of [adminsUpload.body.id, foreignUpload.body.id, canned.attachments[0].id]) {
      const refused = await agent.api.post('/api/v1/canned-responses', {
        shortcut: `mine${uniqueSuffix()}`,
        title: 'Mine',
        text: 'Mine',
        attachmentIds: [id],
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body.error.code).toBe('attachment_unavailable');
    }
    // an agent changes no shared response's files; another organization sees nothing to copy
    expect((await agent.api.patch(`/api/v1/canned-responses/${canned.id}`, { attachmentIds: [] })).status).toBe(403);
    expect((await foreign.api.post(`/api/v1/canned-responses/${canned.id}/attachments/copies`)).status).toBe(404);
    const own = await agent.api.post('/api/v1/canned-responses', {
      shortcut: `own${uniqueSuffix()}`,
      title: 'O',
      text: 'O',
    });
    const colleague = await staff(org, 'agent');
    expect((await colleague.api.post(`/api/v1/canned-responses/${own.body.id}/attachments/copies`)).status).toBe(404);
    const bad = await agent.api.patch(`/api/v1/canned-responses/${own.body.id}`, { attachmentIds: ['not-an-id'] });
    expect(bad.status).toBe(400);
  });

  it('refuses files too large together for one message, on a new response and an edited one, saving nothing', async () => {
    const small = await startTestServer({}, { ATTACHMENTS_MAX_BYTES: '4096', ATTACHMENTS_MAX_MESSAGE_BYTES: '6000' });
    try {
      const org = await makeOrg(small);
      const api = await signInWithToken(small, await makeStaff(small, org, 'agent'));
      /** A PDF of 2,500 bytes: two go in one message (6,000 bytes together), three do not. */
      const page = Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(2500 - pdf.byteLength - 2)}\n`)]);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const up = await api.post(`/api/v1/attachments?name=${i}.pdf`, undefined, {
          raw: page,
          headers: { 'content-type': 'application/pdf' },
        });
        expect(up.status, JSON.stringify(up.body)).toBe(201);
        ids.push(up.body.id);
      }
      const shortcut = `forms${uniqueSuffix()}`;
      const refused = await api.post('/api/v1/canned-responses', {
        shortcut,
        title: 'Forms',
        text: 'Forms',
        attachmentIds: ids,
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(413);
      expect(refused.body.error).toMatchObject({ code: 'too_many_attachments', details: { maxMessageBytes: 6000 } });
      expect((await api.get('/api/v1/canned-responses')).body.cannedResponses).toEqual([]);

      const saved = await api.post('/api/v1/canned-responses', {
        shortcut,
        title: 'Forms',
        text: 'Forms',
        attachmentIds: ids.slice(0, 2),
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      const grown = await api.patch(`/api/v1/canned-responses/${saved.body.id}`, { attachmentIds: ids });
      expect(grown.status, JSON.stringify(grown.body)).toBe(413);
      expect(grown.body.error.code).toBe('too_many_attachments');
      // the response keeps the two it had; the third is still its uploader's to send
      const [kept] = (await api.get('/api/v1/canned-responses')).body.cannedResponses;
      expect(kept.attachments.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
      const [third] = await small.ctx.db
        .select()
        .from(attachments)
        .where(eq(attachments.id, ids[2] as string));
      expect(third).toMatchObject({ cannedResponseId: null, messageId: null, attachedAt: null });
    } finally {
      await small.close();
    }
  });

  it('files it lets go of, or of a removed response, are swept; the copies an agent took stay theirs', async () => {
    const org = await makeOrg(server);
    const { admin, canned, manual, photo } = await sharedWithFiles(org);
    const agent = await staff(org, 'agent');
    const copies = await agent.api.post(`/api/v1/canned-responses/${canned.id}/attachments/copies`);
    expect(copies.status).toBe(201);

    const kept = await admin.api.patch(`/api/v1/canned-responses/${canned.id}`, { attachmentIds: [photo.id] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.attachments.map((a: { id: string }) => a.id)).toEqual([photo.id]);
    const sweep = () => sweepLooseAttachments(systemContext(server.ctx, 'test-sweep'));
    const exists = async (id: string) =>
      (await server.ctx.db.select().from(attachments).where(eq(attachments.id, id))).length === 1;
    await sweep();
    expect([await exists(manual.id), await exists(photo.id)]).toEqual([false, true]);
    expect(await server.ctx.files.get(manual.id)).toBeNull();

    expect((await admin.api.delete(`/api/v1/canned-responses/${canned.id}`)).status).toBe(204);
    await sweep();
    expect(await exists(photo.id)).toBe(false);
    // the agent's copies are theirs (unsent, so kept until the unsent uploads' time is up)
    for (const copy of copies.body.attachments) expect(await exists(copy.id)).toBe(true);
  });
});
