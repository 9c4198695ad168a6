import { existsSync } from 'node:fs';
import { attachmentPath, clientEvents, serverEvents } from '@frontdesk/protocol';
import { eq, inArray, sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, connect, nextEvent, socketsClosedAfterEach } from '../../../test/sockets.js';
import { attachments, conversations, messages, organizations } from '../../db/schema.js';
import { diskPathOf } from '../../platform/file-storage.js';
import { systemContext } from '../../platform/service-context.js';
import { sweepLooseAttachments } from './service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const clientId = () => `a-${uniqueSuffix()}`;

/** A phone photo: EXIF with an owner and a GPS position, as cameras write them. */
const cameraJpeg = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 31, g: 95, b: 139 } } })
    .jpeg()
    .withExifMerge({
      IFD0: { Copyright: 'secret-owner-name' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 49/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 0/1 42/1' },
    })
    .toBuffer();
const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 0, b: 0 } } })
    .png()
    .toBuffer();
/** The smallest file that is a PDF by its bytes. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** A PDF of `size` bytes, padded in a comment, as a file near a size limit. */
const pdfOf = (size: number) => Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(size - pdf.byteLength - 2)}\n`)]);
/**
 * An Office Open XML file as Word, Excel or PowerPoint write it, at its smallest: a zip whose
 * [Content_Types].xml names the main part, and that part. Its bytes, not its name, make it a .docx.
 */
const openXml = (part: string, mainType: string) =>
  zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.${mainType}.main+xml"/>` +
        '</Types>',
    ),
    [part]: strToU8('<?xml version="1.0" encoding="UTF-8"?><root/>'),
  });
/** An old Office file (.doc, .xls): a Compound File's 512-byte header (magic, version 3, little-endian, 512-byte sectors) and a sector. */
const compoundFile = () => {
  const b = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x003e, 24);
  b.writeUInt16LE(3, 26);
  b.writeUInt16LE(0xfffe, 28);
  b.writeUInt16LE(9, 30);
  b.writeUInt16LE(6, 32);
  return b;
};
/** An ISO media box: its size, its type, its body. */
const box = (type: string, body: Buffer) => {
  const b = Buffer.alloc(8 + body.length);
  b.writeUInt32BE(8 + body.length, 0);
  b.write(type, 4, 'latin1');
  body.copy(b, 8);
  return b;
};
/** A short video as a phone writes it, by its bytes: an MP4 (`isom`) or a QuickTime movie (`qt  `) with some media. */
const video = (brand: 'isom' | 'qt  ') =>
  Buffer.concat([
    box('ftyp', Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from(brand, 'latin1')])),
    box('mdat', Buffer.alloc(4096, 7)),
  ]);

function upload(client: ApiClient, side: 'staff' | 'guest', bytes: Uint8Array, type: string, name: string) {
  const path = side === 'staff' ? '/api/v1/attachments' : '/api/v1/guest/attachments';
  return client.post(`${path}?name=${encodeURIComponent(name)}`, undefined, {
    raw: bytes,
    headers: { 'content-type': type },
  });
}

function expectRefused(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
}

async function bytesOf(client: ApiClient, path: string) {
  const headers: Record<string, string> = {};
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function guestOf(org: TestOrg) {
  const guest = await makeGuest(server, org, { name: 'Jan Kowalski' });
  const client = new ApiClient(server.url);
  client.token = guest.token;
  return { ...guest, api: client, socket: await socketFor({ token: guest.token }) };
}

async function agentOf(org: TestOrg, role: 'admin' | 'agent' = 'agent') {
  const user = await makeStaff(server, org, role);
  const api = await signInWithToken(server, user);
  return { id: user.id, api, socket: await socketFor({ token: api.token }) };
}

/** A guest who sent a photo in their first message; the desk's agent heard it. */
async function guestSendsPhoto(org: TestOrg) {
  const guest = await guestOf(org);
  const up = await upload(guest.api, 'guest', await cameraJpeg(), 'image/jpeg', 'shower.jpg');
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const sent = await ask(guest.socket, clientEvents.send, { clientId: clientId(), attachmentIds: [up.body.id] });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  return {
    guest,
    attachment: up.body,
    conversationId: sent.data.conversation.id as string,
    message: sent.data.message,
  };
}

describe('attachments', () => {
  it('a guest sends a photo: re-encoded without metadata, with a thumbnail, shown to the desk live and in history', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    const heard = nextEvent(agent.socket, serverEvents.message);
    const { guest, attachment, conversationId, message } = await guestSendsPhoto(org);
    expect(attachment).toMatchObject({
      kind: 'image',
      name: 'shower.webp',
      mime: 'image/webp',
      width: 1200,
      height: 800,
      thumbnail: true,
    });
    expect(message.attachments).toEqual([attachment]);
    expect(message.text).toBe('');
    const live = await heard;
    expect(JSON.stringify(live)).toContain(attachment.id);
    const history = await agent.api.get(`/api/v1/conversations/${conversationId}/messages`);
    expect(history.body.messages[0].attachments).toEqual([attachment]);
    const list = await agent.api.get(`/api/v1/conversations/${conversationId}`);
    expect(list.body.preview).toBe('📎 shower.webp');

    for (const client of [agent.api, guest.api]) {
      const side = client === agent.api ? 'staff' : 'guest';
      const full = await bytesOf(client, attachmentPath(side, attachment.id));
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe('image/webp');
      expect(full.headers.get('x-content-type-options')).toBe('nosniff');
      expect(full.headers.get('cache-control')).toContain('private');
      const meta = await sharp(full.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(full.bytes.includes(Buffer.from('secret-owner-name'))).toBe(false);
      const thumb = await bytesOf(client, attachmentPath(side, attachment.id, true));
      expect(thumb.status).toBe(200);
      expect((await sharp(thumb.bytes).metadata()).width).toBe(480);
    }
  });

  it('staff send a PDF with text: served only as a download, never sniffed', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    const { guest, conversationId } = await guestSendsPhoto(org);
    const up = await upload(agent.api, 'staff', pdf, 'application/pdf', 'Invoice "May".pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ kind: 'pdf', mime: 'application/pdf', size: pdf.byteLength, thumbnail: false });
    const sent = await ask(agent.socket, clientEvents.send, {
      conversationId,
      clientId: clientId(),
      text: 'Your invoice',
      attachmentIds: [up.body.id],
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.data.message).toMatchObject({ text: 'Your invoice', attachments: [up.body] });
    const file = await bytesOf(guest.api, attachmentPath('guest', up.body.id));
    expect(file.status).toBe(200);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Invoice _May_.pdf"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await bytesOf(guest.api, attachmentPath('guest', up.body.id, true))).status).toBe(404);
    // players and download managers ask for parts
    const part = await fetch(`${server.url}${attachmentPath('guest', up.body.id)}`, {
      headers: { authorization: `Bearer ${guest.token}`, range: 'bytes=0-3' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${pdf.byteLength}`);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('%PDF');
  });

  it('a guest sends a short video from the phone: kept as sent, played by parts, a movie named .mp4 refused', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    const guest = await guestOf(org);
    const mp4 = video('isom');
    const up = await upload(guest.api, 'guest', mp4, 'video/mp4', 'leak.mp4');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ kind: 'video', mime: 'video/mp4', size: mp4.byteLength, thumbnail: false });
    // an iPhone's movie, named as it is, is a video too
    const mov = await upload(guest.api, 'guest', video('qt  '), 'video/quicktime', 'IMG_0001.MOV');
    expect(mov.body).toMatchObject({ kind: 'video', mime: 'video/quicktime' });
    const heard = nextEvent(agent.socket, serverEvents.message);
    const sent = await ask(guest.socket, clientEvents.send, {
      clientId: clientId(),
      text: 'The pipe under the sink',
      attachmentIds: [up.body.id, mov.body.id],
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect((await heard).message.attachments.map((a: { kind: string }) => a.kind)).toEqual(['video', 'video']);

    // the desk plays it: the bytes as sent, never sniffed or run, and by parts for seeking
    const file = await bytesOf(agent.api, attachmentPath('staff', up.body.id));
    expect(file.status).toBe(200);
    expect(file.bytes.equals(mp4)).toBe(true);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('accept-ranges')).toBe('bytes');
    const tail = await fetch(`${server.url}${attachmentPath('staff', up.body.id)}`, {
      headers: { authorization: `Bearer ${agent.api.token}`, range: 'bytes=-8' },
    });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${mp4.byteLength - 8}-${mp4.byteLength - 1}/${mp4.byteLength}`,
    );
    expect((await bytesOf(agent.api, attachmentPath('staff', up.body.id, true))).status).toBe(404);

    // a QuickTime movie that says it is an MP4 lies about its type
    expectRefused(
      await upload(guest.api, 'guest', video('qt  '), 'video/mp4', 'clip.mp4'),
      415,
      'attachment_type_mismatch',
    );
  });

  it('office documents, new and old, go both ways as downloads; a zip named .docx is refused', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    const { guest, conversationId } = await guestSendsPhoto(org);
    const office = 'application/vnd.openxmlformats-officedocument';
    const files = [
      {
        name: 'Menu.docx',
        type: `${office}.wordprocessingml.document`,
        bytes: openXml('word/document.xml', 'wordprocessingml.document'),
      },
      {
        name: 'Bill.xlsx',
        type: `${office}.spreadsheetml.sheet`,
        bytes: openXml('xl/workbook.xml', 'spreadsheetml.sheet'),
      },
      {
        name: 'Spa.pptx',
        type: `${office}.presentationml.presentation`,
        bytes: openXml('ppt/presentation.xml', 'presentationml.presentation'),
      },
      // the old formats are all one container by their bytes: served as such, named as sent
      { name: 'Rules.doc', type: 'application/msword', bytes: compoundFile(), served: 'application/x-cfb' },
      { name: 'Prices.xls', type: 'application/vnd.ms-excel', bytes: compoundFile(), served: 'application/x-cfb' },
    ];
    const uploaded: { id: string }[] = [];
    for (const file of files) {
      const up = await upload(agent.api, 'staff', file.bytes, file.type, file.name);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body).toMatchObject({
        kind: 'document',
        name: file.name,
        mime: file.served ?? file.type,
        size: file.bytes.byteLength,
        thumbnail: false,
      });
      uploaded.push(up.body);
    }
    const sent = await ask(agent.socket, clientEvents.send, {
      conversationId,
      clientId: clientId(),
      text: 'Everything you asked for',
      attachmentIds: uploaded.map((a) => a.id),
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.data.message.attachments.map((a: { name: string }) => a.name)).toEqual(files.map((f) => f.name));
    for (const [i, file] of files.entries()) {
      const served = await bytesOf(guest.api, attachmentPath('guest', uploaded[i]?.id as string));
      expect(served.status).toBe(200);
      expect(served.bytes.equals(file.bytes)).toBe(true);
      expect(served.headers.get('content-type')).toBe(file.served ?? file.type);
      expect(served.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${file.name}"`));
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    }

    // a guest sends one too, from the phone's files app, which may say nothing of its type
    const docx = files[0]?.bytes as Uint8Array;
    const theirs = await upload(guest.api, 'guest', docx, 'application/octet-stream', 'Passport scan.docx');
    expect(theirs.body).toMatchObject({ kind: 'document', mime: files[0]?.type, name: 'Passport scan.docx' });
    const legacy = await upload(guest.api, 'guest', compoundFile(), 'application/octet-stream', 'Form.doc');
    expect(legacy.body).toMatchObject({ kind: 'document', mime: 'application/x-cfb' });

    // a zip is no office document, whatever its name and type say
    const zip = zipSync({ 'notes.txt': strToU8('not a document'), 'word/document.xml': strToU8('<root/>') });
    expectRefused(
      await upload(guest.api, 'guest', zip, files[0]?.type as string, 'Menu.docx'),
      415,
      'unsupported_file_type',
    );
    expectRefused(
      await upload(agent.api, 'staff', zip, 'application/octet-stream', 'Menu.docx'),
      415,
      'unsupported_file_type',
    );
    // an old Office file named as a new one lies about its type
    expectRefused(
      await upload(agent.api, 'staff', compoundFile(), 'application/msword', 'Rules.docx'),
      415,
      'attachment_type_mismatch',
    );
  });

  it('refuses a file whose bytes lie about its type, and types a message may not carry', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    expectRefused(
      await upload(agent.api, 'staff', await png(), 'application/pdf', 'a.pdf'),
      415,
      'attachment_type_mismatch',
    );
    expectRefused(
      await upload(agent.api, 'staff', await png(), 'image/png', 'invoice.pdf'),
      415,
      'attachment_type_mismatch',
    );
    expectRefused(await upload(agent.api, 'staff', pdf, 'image/jpeg', 'photo.jpg'), 415, 'attachment_type_mismatch');
    expectRefused(
      await upload(agent.api, 'staff', await png(), 'image/png', 'run.exe'),
      415,
      'attachment_type_mismatch',
    );
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    expectRefused(await upload(agent.api, 'staff', html, 'image/png', 'x.png'), 415, 'unsupported_file_type');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expectRefused(await upload(agent.api, 'staff', svg, 'image/svg+xml', 'x.svg'), 415, 'unsupported_file_type');
    // an unknown declared type says nothing: the bytes decide
    expect((await upload(agent.api, 'staff', await png(), 'application/octet-stream', 'red')).status).toBe(201);
    expect((await upload(agent.api, 'staff', await png(), 'image/png', 'photo.PNG')).status).toBe(201);
  });

  it('keeps files within the limits per file and per message, and attaches only the sender’s own unsent uploads', async () => {
    const small = await startTestServer({}, { ATTACHMENTS_MAX_BYTES: '2048', ATTACHMENTS_MAX_PER_MESSAGE: '2' });
    try {
      const org = await makeOrg(small);
      const guest = await makeGuest(small, org);
      const api = new ApiClient(small.url);
      api.token = guest.token;
      expectRefused(await upload(api, 'guest', Buffer.alloc(4096, 1), 'image/png', 'big.png'), 413, 'file_too_large');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await upload(api, 'guest', pdf, 'application/pdf', `${i}.pdf`)).body.id);
      const socket = await connect(small.url, { token: guest.token });
      try {
        const tooMany = await ask(socket, clientEvents.send, { clientId: clientId(), attachmentIds: ids });
        expect(tooMany).toMatchObject({ ok: false, error: { code: 'too_many_attachments' } });
        const sent = await ask(socket, clientEvents.send, { clientId: clientId(), attachmentIds: ids.slice(0, 2) });
        expect(sent.ok, JSON.stringify(sent)).toBe(true);
        // sent once: a second message cannot carry them again (a retry with the same client id is the same message)
        const again = await ask(socket, clientEvents.send, { clientId: clientId(), attachmentIds: [ids[0]] });
        expect(again).toMatchObject({ ok: false, error: { code: 'attachment_unavailable' } });
        // another sender's upload is not theirs to send
        const other = await makeGuest(small, org);
        const otherApi = new ApiClient(small.url);
        otherApi.token = other.token;
        const theirs = (await upload(otherApi, 'guest', pdf, 'application/pdf', 'x.pdf')).body.id;
        const stolen = await ask(socket, clientEvents.send, { clientId: clientId(), attachmentIds: [theirs] });
        expect(stolen).toMatchObject({ ok: false, error: { code: 'attachment_unavailable' } });
        // nothing but text and files: an empty message is refused
        const empty = await ask(socket, clientEvents.send, { clientId: clientId(), attachmentIds: [] });
        expect(empty).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      } finally {
        socket.close();
      }
    } finally {
      await small.close();
    }
  });

  it('refuses files that are each within the size limit but too large together for one message, writing nothing', async () => {
    const small = await startTestServer({}, { ATTACHMENTS_MAX_BYTES: '4096', ATTACHMENTS_MAX_MESSAGE_BYTES: '6000' });
    try {
      const org = await makeOrg(small);
      const guest = await makeGuest(small, org);
      const api = new ApiClient(small.url);
      api.token = guest.token;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const up = await upload(api, 'guest', pdfOf(2500), 'application/pdf', `page${i}.pdf`);
        expect(up.status, JSON.stringify(up.body)).toBe(201);
        ids.push(up.body.id);
      }
      const user = await makeStaff(small, org, 'agent');
      const desk = await signInWithToken(small, user);
      const deskUploads: string[] = [];
      for (let i = 0; i < 3; i++)
        deskUploads.push((await upload(desk, 'staff', pdfOf(2500), 'application/pdf', `${i}.pdf`)).body.id);
      const messagesOf = async (conversationId: string) =>
        (
          await small.ctx.db
            .select({ n: sql<number>`count(*)::int` })
            .from(messages)
            .where(eq(messages.conversationId, conversationId))
        )[0]?.n;
      const unsent = async (list: string[]) =>
        (await small.ctx.db.select().from(attachments).where(inArray(attachments.id, list))).every(
          (row) => row.messageId === null && row.attachedAt === null,
        );

      // both sides hear the limits with their session, so their composers can say so before uploading
      const limits = { maxPerMessage: 5, maxBytes: 4096, maxMessageBytes: 6000 };
      expect((await api.get('/api/v1/guest/session')).body.attachmentLimits).toEqual(limits);
      expect((await desk.get('/api/v1/auth/me')).body.attachmentLimits).toEqual(limits);

      const socket = await connect(small.url, { token: guest.token });
      const deskSocket = await connect(small.url, { token: desk.token });
      try {
        // the guest's first message: three files of 2.5 kB, 7.5 kB together, 6 kB allowed
        const tooLarge = await ask(socket, clientEvents.send, {
          clientId: clientId(),
          text: 'Scans',
          attachmentIds: ids,
        });
        expect(tooLarge).toMatchObject({
          ok: false,
          error: { code: 'too_many_attachments', details: { maxMessageBytes: 6000 } },
        });
        // no request was opened, no message written, and the files can still be sent
        const opened = await small.ctx.db.select().from(conversations).where(eq(conversations.orgId, org.id));
        expect(opened).toEqual([]);
        expect(await unsent(ids)).toBe(true);
        const sent = await ask(socket, clientEvents.send, {
          clientId: clientId(),
          text: 'Scans',
          attachmentIds: ids.slice(0, 2),
        });
        expect(sent.ok, JSON.stringify(sent)).toBe(true);
        const conversationId = sent.data.conversation.id as string;
        expect(await messagesOf(conversationId)).toBe(1);

        // the desk's answer in the open request: refused the same way, the thread unchanged
        const answer = await ask(deskSocket, clientEvents.send, {
          conversationId,
          clientId: clientId(),
          text: 'Your documents',
          attachmentIds: deskUploads,
        });
        expect(answer).toMatchObject({ ok: false, error: { code: 'too_many_attachments' } });
        expect(await messagesOf(conversationId)).toBe(1);
        expect(await unsent(deskUploads)).toBe(true);
      } finally {
        socket.close();
        deskSocket.close();
      }
    } finally {
      await small.close();
    }
  });

  it('limits uploads per sender, staff and guests alike', async () => {
    const limited = await startTestServer({}, { ATTACHMENTS_UPLOADS_PER_SENDER: '2' });
    try {
      const org = await makeOrg(limited);
      const user = await makeStaff(limited, org, 'agent');
      const api = await signInWithToken(limited, user);
      const colleague = await signInWithToken(limited, await makeStaff(limited, org, 'agent'));
      expect((await upload(api, 'staff', pdf, 'application/pdf', '1.pdf')).status).toBe(201);
      expect((await upload(api, 'staff', pdf, 'application/pdf', '2.pdf')).status).toBe(201);
      expectRefused(await upload(api, 'staff', pdf, 'application/pdf', '3.pdf'), 429, 'rate_limited');
      expect((await upload(colleague, 'staff', pdf, 'application/pdf', '1.pdf')).status).toBe(201);

      // a guest's phone, sending photo after photo: stopped at the same limit; the guest of the
      // room next door, of the same hotel, is not
      const guestApi = async () => {
        const client = new ApiClient(limited.url);
        client.token = (await makeGuest(limited, org)).token;
        return client;
      };
      const guest = await guestApi();
      const neighbour = await guestApi();
      expect((await upload(guest, 'guest', pdf, 'application/pdf', '1.pdf')).status).toBe(201);
      expect((await upload(guest, 'guest', pdf, 'application/pdf', '2.pdf')).status).toBe(201);
      expectRefused(await upload(guest, 'guest', pdf, 'application/pdf', '3.pdf'), 429, 'rate_limited');
      expect((await upload(neighbour, 'guest', pdf, 'application/pdf', '1.pdf')).status).toBe(201);
      expect((await upload(neighbour, 'guest', pdf, 'application/pdf', '2.pdf')).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('serves a conversation’s file to no guest of another request, no staff of another organization or team', async () => {
    const org = await makeOrg(server);
    const admin = await agentOf(org, 'admin');
    const { attachment, conversationId } = await guestSendsPhoto(org);
    const paths = [attachmentPath('staff', attachment.id), attachmentPath('staff', attachment.id, true)];
    const guestPaths = [attachmentPath('guest', attachment.id), attachmentPath('guest', attachment.id, true)];

    const otherGuest = await guestOf(org); // the guest of request B, same hotel
    const stranger = await agentOf(await makeOrg(server), 'admin'); // another organization's admin
    for (const path of guestPaths) expect((await bytesOf(otherGuest.api, path)).status).toBe(404);
    for (const path of paths) expect((await bytesOf(stranger.api, path)).status).toBe(404);
    // a staff token is no guest session, and no session at all is refused
    expect((await bytesOf(admin.api, guestPaths[0] as string)).status).toBe(401);
    expect((await fetch(`${server.url}${paths[0]}`)).status).toBe(401);

    // team visibility: the request is Spa's; an agent of Front office does not see it, one of Spa does
    const spa = await admin.api.post('/api/v1/teams', { name: `Spa ${uniqueSuffix()}`, description: '' });
    const front = await admin.api.post('/api/v1/teams', { name: `Front ${uniqueSuffix()}`, description: '' });
    const sara = await agentOf(org);
    const olek = await agentOf(org);
    await admin.api.put(`/api/v1/teams/${spa.body.id}/members/${sara.id}`, {});
    await admin.api.put(`/api/v1/teams/${front.body.id}/members/${olek.id}`, {});
    await server.ctx.db.update(conversations).set({ teamId: spa.body.id }).where(eq(conversations.id, conversationId));
    expect((await admin.api.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    for (const path of paths) {
      expect((await bytesOf(olek.api, path)).status).toBe(404);
      expect((await bytesOf(sara.api, path)).status).toBe(200);
    }
    // an upload not sent yet is its uploader's alone
    const draft = await upload(sara.api, 'staff', pdf, 'application/pdf', 'draft.pdf');
    expect((await bytesOf(sara.api, attachmentPath('staff', draft.body.id))).status).toBe(200);
    expect((await bytesOf(admin.api, attachmentPath('staff', draft.body.id))).status).toBe(404);
  });

  it('moves a file with its message when requests are merged, and back when the merge is undone', async () => {
    const org = await makeOrg(server);
    await server.ctx.db.update(organizations).set({ reopenMinutes: 0 }).where(eq(organizations.id, org.id));
    const admin = await agentOf(org, 'admin');
    const stranger = await agentOf(await makeOrg(server), 'admin');
    const guest = await guestOf(org);
    const first = await ask(guest.socket, clientEvents.send, { clientId: clientId(), text: 'The shower is cold' });
    const earlier = first.data.conversation.id as string;
    expect((await admin.api.post(`/api/v1/conversations/${earlier}/resolve`)).status).toBe(200);
    const up = await upload(guest.api, 'guest', pdf, 'application/pdf', 'receipt.pdf');
    const second = await ask(guest.socket, clientEvents.send, { clientId: clientId(), attachmentIds: [up.body.id] });
    const later = second.data.conversation.id as string;
    expect(later).not.toBe(earlier);
    const filesIn = async (id: string) =>
      (
        (await admin.api.get(`/api/v1/conversations/${id}/messages`)).body.messages as {
          attachments?: { id: string }[];
        }[]
      )
        .flatMap((m) => m.attachments ?? [])
        .map((a) => a.id);
    const fetchable = async () => [
      (await bytesOf(admin.api, attachmentPath('staff', up.body.id))).status,
      (await bytesOf(guest.api, attachmentPath('guest', up.body.id))).status,
      (await bytesOf(stranger.api, attachmentPath('staff', up.body.id))).status,
    ];

    const merged = await admin.api.post(`/api/v1/conversations/${later}/merge`, { otherConversationId: earlier });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await filesIn(earlier)).toEqual([up.body.id]);
    expect(await filesIn(later)).toEqual([]);
    expect(await fetchable()).toEqual([200, 200, 404]);

    const merges = await admin.api.get(`/api/v1/conversations/${earlier}/merges`);
    const undone = await admin.api.post(`/api/v1/conversation-merges/${merges.body.merges[0].id}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await filesIn(later)).toEqual([up.body.id]);
    expect(await filesIn(earlier)).toEqual([]);
    expect(await fetchable()).toEqual([200, 200, 404]);
  });

  it('deletes the files of an erased conversation, and uploads never sent, with the sweep job', async () => {
    const org = await makeOrg(server);
    const agent = await agentOf(org);
    const { attachment, conversationId } = await guestSendsPhoto(org);
    const [row] = await server.ctx.db.select().from(attachments).where(eq(attachments.id, attachment.id));
    const root = server.ctx.config.filesDir;
    const keys = [attachment.id, row?.thumbnailKey as string];
    const unsent = (await upload(agent.api, 'staff', pdf, 'application/pdf', 'unsent.pdf')).body.id as string;
    const fresh = (await upload(agent.api, 'staff', pdf, 'application/pdf', 'fresh.pdf')).body.id as string;
    for (const key of [...keys, unsent, fresh]) expect(existsSync(diskPathOf(root, key))).toBe(true);

    const sweep = () => sweepLooseAttachments(systemContext(server.ctx, 'test-sweep'));
    await sweep();
    // a sent file stays while its message does
    for (const key of keys) expect(existsSync(diskPathOf(root, key))).toBe(true);

    // erasing the conversation (its messages go with it) leaves the file rows to the sweep
    await server.ctx.db.delete(conversations).where(eq(conversations.id, conversationId));
    await server.ctx.db
      .update(attachments)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(attachments.id, unsent));
    await sweep();
    for (const key of [...keys, unsent]) expect(existsSync(diskPathOf(root, key))).toBe(false);
    expect(await server.ctx.db.select().from(attachments).where(eq(attachments.id, attachment.id))).toEqual([]);
    expect(await server.ctx.db.select().from(attachments).where(eq(attachments.id, unsent))).toEqual([]);
    // an upload of a moment ago may still be sent
    expect(existsSync(diskPathOf(root, fresh))).toBe(true);
  });
});
