import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeOrg,
  makeStaff,
  makeStay,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { pdfTextLines } from '../../../test/qr-decode.js';
import { conversationNotes, conversations, messages, organizations } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const at = (iso: string) => new Date(iso);

/**
 * A hotel in New York with one stay of a guest who typed a formula as their name, and two resolved
 * requests: one at 23:30 local time on 30 November (already 1 December in UTC) with a staff reply
 * carrying a photo, an internal note and a 5-star rating with a comment; one the next morning, unrated.
 */
async function newYorkHotel() {
  const { db } = server.ctx;
  const org = await makeOrg(server);
  await db.update(organizations).set({ timezone: 'America/New_York' }).where(eq(organizations.id, org.id));
  const ada = await makeStaff(server, org, 'admin', { name: 'Ada Admin' });
  const admin = await signInWithToken(server, ada);
  const { room, stay, guest } = await makeStay(server, org, { guestName: '=Mallory' });
  const late = (await makeConversation(server, guest, { status: 'resolved', text: 'The shower is cold' })).conversation;
  await db
    .update(conversations)
    .set({
      createdAt: at('2026-12-01T04:30:00Z'),
      firstResponseAt: at('2026-12-01T04:32:00Z'),
      lastMessageAt: at('2026-12-01T04:40:00Z'),
      resolvedAt: at('2026-12-01T04:40:00Z'),
      rating: 5,
      ratingComment: 'Great, "really"',
      ratedAt: at('2026-12-01T04:41:00Z'),
      lastSeq: 3,
      preview: 'On my way',
    })
    .where(eq(conversations.id, late.id));
  await db
    .update(messages)
    .set({ createdAt: at('2026-12-01T04:30:00Z') })
    .where(eq(messages.conversationId, late.id));
  const attachment = { id: crypto.randomUUID(), kind: 'image' as const, name: 'shower.jpg', mime: 'image/jpeg' };
  await db.insert(messages).values([
    {
      orgId: org.id,
      conversationId: late.id,
      seq: 2,
      senderType: 'staff',
      senderId: ada.id,
      senderName: 'Ada Admin',
      body: 'On my way',
      attachments: [{ ...attachment, size: 1000, width: 10, height: 10, thumbnail: false }],
      createdAt: at('2026-12-01T04:32:00Z'),
    },
    {
      orgId: org.id,
      conversationId: late.id,
      seq: 3,
      senderType: 'system',
      senderId: ada.id,
      senderName: 'Ada Admin',
      body: 'Ada Admin resolved the request',
      event: 'resolved',
      createdAt: at('2026-12-01T04:40:00Z'),
    },
  ]);
  await db.insert(conversationNotes).values({
    orgId: org.id,
    conversationId: late.id,
    afterSeq: 1,
    authorId: ada.id,
    authorName: 'Ada Admin',
    body: 'The guest seems angry',
    clientId: `note-${uniqueSuffix()}`,
  });
  const morning = (await makeConversation(server, guest, { status: 'resolved', text: 'Two towels please' }))
    .conversation;
  await db
    .update(conversations)
    .set({
      createdAt: at('2026-12-01T15:00:00Z'),
      lastMessageAt: at('2026-12-01T15:00:00Z'),
      resolvedAt: at('2026-12-01T15:20:00Z'),
    })
    .where(eq(conversations.id, morning.id));
  await db
    .update(messages)
    .set({ createdAt: at('2026-12-01T15:00:00Z') })
    .where(eq(messages.conversationId, morning.id));
  return { org, admin, room: room.number, stayId: stay.id, late: late.id, morning: morning.id };
}

const header =
  'Request,Status,Priority,Contact,Guest or visitor,Room,Team,Assigned to,Tags,Opened (America/New_York),First response (America/New_York),Last message (America/New_York),Resolved (America/New_York),Rating (stars),Rating comment,Last message\r\n';

/** The bytes of a download, with its reply. */
async function download(api: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('the conversations list as CSV', () => {
  it('lists every request of the tab on the organization’s clock, escaped and safe from formulas', async () => {
    const h = await newYorkHotel();
    const { res, bytes } = await download(h.admin, '/api/v1/conversations.csv?status=resolved');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="requests-resolved.csv"');
    const late = `${h.late},resolved,normal,guest,'=Mallory,${h.room},,,,2026-11-30 23:30,2026-11-30 23:32,2026-11-30 23:40,2026-11-30 23:40,5,"Great, ""really""",On my way\r\n`;
    const morning = `${h.morning},resolved,normal,guest,'=Mallory,${h.room},,,,2026-12-01 10:00,,2026-12-01 10:00,2026-12-01 10:20,,,Two towels please\r\n`;
    // newest activity first, as the inbox shows them
    expect(bytes.toString('utf8')).toBe(header + morning + late);

    const rated = await download(h.admin, '/api/v1/conversations.csv?status=resolved&rated=true');
    expect(rated.bytes.toString('utf8')).toBe(header + late);
    expect(rated.res.headers.get('content-disposition')).toBe('attachment; filename="requests-rated.csv"');

    // another tab, another organization: nothing of these
    expect((await download(h.admin, '/api/v1/conversations.csv?status=open')).bytes.toString('utf8')).toBe(header);
    const other = await newYorkHotel();
    expect((await download(other.admin, '/api/v1/conversations.csv?status=resolved')).bytes.toString()).not.toContain(
      h.late,
    );
  });

  it('streams a long list page by page, every row once', async () => {
    const org: TestOrg = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const start = Date.parse('2026-11-01T12:00:00Z');
    await server.ctx.db.insert(conversations).values(
      Array.from({ length: 450 }, (_, i) => ({
        orgId: org.id,
        status: 'queued',
        lastSeq: 1,
        preview: `request ${i}`,
        createdAt: new Date(start + i * 60_000),
        lastMessageAt: new Date(start + i * 60_000),
      })),
    );
    const { res, bytes } = await download(admin, '/api/v1/conversations.csv?status=queued');
    expect(res.status).toBe(200);
    // no content-length: the reply was sent in chunks as the pages were read
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(451);
    const previews = new Set(lines.slice(1).map((l) => l.split(',').at(-1)));
    expect(previews.size).toBe(450);
  });
});

describe('transcripts', () => {
  it('a request as plain text: local times, authors by name, the photo by name, no internal note', async () => {
    const h = await newYorkHotel();
    const { res, bytes } = await download(h.admin, `/api/v1/conversations/${h.late}/transcript.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="request-${h.late.slice(0, 8)}-transcript.txt"`,
    );
    expect(bytes.toString('utf8')).toBe(
      [
        `${h.org.name} — Request ${h.late}`,
        'Times are in America/New_York. Internal notes of the staff are not included.',
        '',
        `Request ${h.late} · =Mallory · room ${h.room} · opened 2026-11-30 23:30 · resolved`,
        '',
        '[2026-11-30 23:30] Guest: The shower is cold',
        '[2026-11-30 23:32] Ada Admin: On my way',
        '    Attachment: shower.jpg',
        '[2026-11-30 23:40] — Ada Admin resolved the request',
        '',
      ].join('\n'),
    );
  });

  it('a request as a PDF holding the same lines', async () => {
    const h = await newYorkHotel();
    const { res, bytes } = await download(h.admin, `/api/v1/conversations/${h.late}/transcript.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextLines(bytes).flat();
    expect(text).toContain('[2026-11-30 23:30] Guest: The shower is cold');
    expect(text).toContain('[2026-11-30 23:32] Ada Admin: On my way');
    expect(text).toContain('Attachment: shower.jpg');
    expect(text).toContain('Times are in America/New_York. Internal notes of the staff are not included.');
    expect(text.join('\n')).not.toContain('seems angry');
  });

  it('a stay’s whole history in one file, oldest request first', async () => {
    const h = await newYorkHotel();
    const { res, bytes } = await download(h.admin, `/api/v1/stays/${h.stayId}/transcript.txt`);
    expect(res.status).toBe(200);
    const text = bytes.toString('utf8');
    expect(text.split('\n')[0]).toMatch(
      new RegExp(`— Stay in room ${h.room}, \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d$`),
    );
    const late = text.indexOf(`Request ${h.late} ·`);
    const morning = text.indexOf(`Request ${h.morning} ·`);
    expect(late).toBeGreaterThan(0);
    expect(morning).toBeGreaterThan(late);
    expect(text).toContain('[2026-12-01 10:00] Guest: Two towels please');
    const pdf = await download(h.admin, `/api/v1/stays/${h.stayId}/transcript.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfTextLines(pdf.bytes).flat()).toContain('[2026-12-01 10:00] Guest: Two towels please');
  });

  it('refuses another organization’s request and stay, and staff who see no conversations', async () => {
    const h = await newYorkHotel();
    const other = await newYorkHotel();
    for (const path of [
      `/api/v1/conversations/${h.late}/transcript.txt`,
      `/api/v1/conversations/${h.late}/transcript.pdf`,
      `/api/v1/stays/${h.stayId}/transcript.txt`,
      `/api/v1/stays/${h.stayId}/transcript.pdf`,
    ]) {
      const res = await other.admin.get(path);
      expect(res.status, path).toBe(404);
    }
    const field = await signInWithToken(server, await makeStaff(server, h.org, 'field'));
    expect((await field.get(`/api/v1/conversations/${h.late}/transcript.txt`)).status).toBe(403);
  });
});
