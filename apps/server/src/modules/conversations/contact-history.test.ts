import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeOrg,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditLog, conversations, stayGuests, visitors } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A stay of `org` whose guest has these details, with one resolved request rated `rating`. */
async function pastStay(org: TestOrg, details: { email?: string; phone?: string }, rating: number, text: string) {
  const { stay, guest } = await makeStay(server, org);
  await server.ctx.db.update(stayGuests).set(details).where(eq(stayGuests.id, guest.id));
  const { conversation } = await makeConversation(server, guest, { status: 'resolved', rating, text });
  return { stay, guest, conversation };
}

describe('the guest beside the conversation', () => {
  it('shows the same person’s requests from earlier stays, by e-mail (any case) or else by phone', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const before = await pastStay(org, { email: 'Anna.Nowak@example.test' }, 5, 'Towels please');
    const byPhone = await pastStay(org, { phone: '+48 600-100-200' }, 2, 'Noisy neighbours');
    await pastStay(org, { email: 'someone.else@example.test' }, 4, 'Not Anna');
    // the same e-mail at another organization is somebody else's guest
    await pastStay(await makeOrg(server), { email: 'anna.nowak@example.test' }, 1, 'Elsewhere');

    const now = await makeStay(server, org);
    await server.ctx.db
      .update(stayGuests)
      .set({ email: 'anna.nowak@EXAMPLE.test' })
      .where(eq(stayGuests.id, now.guest.id));
    const history = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ matchedBy: 'email', stays: 1 });
    expect(history.body.conversations).toEqual([
      expect.objectContaining({ id: before.conversation.id, rating: 5, preview: 'Towels please' }),
    ]);

    // no e-mail: the phone number, written another way
    await server.ctx.db
      .update(stayGuests)
      .set({ email: null, phone: '+48600100200' })
      .where(eq(stayGuests.id, now.guest.id));
    const viaPhone = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`);
    expect(viaPhone.body.matchedBy).toBe('phone');
    expect(viaPhone.body.conversations.map((c: { id: string }) => c.id)).toEqual([byPhone.conversation.id]);

    // a guest of another stay named with this stay: not found
    const mixed = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${before.guest.id}/history`);
    expect(mixed.status).toBe(404);
  });

  it('lets the desk correct a guest’s details, recording what changed, and nothing for no change', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const { stay, guest } = await makeStay(server, org);
    const path = `/api/v1/stays/${stay.id}/guests/${guest.id}`;
    const changed = await desk.patch(path, { name: 'Anna Nowak', email: 'anna@example.test', vip: true });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.guests).toContainEqual(
      expect.objectContaining({ id: guest.id, name: 'Anna Nowak', email: 'anna@example.test', vip: true }),
    );
    const cleared = await desk.patch(path, { email: null });
    expect(cleared.body.guests).toContainEqual(expect.objectContaining({ id: guest.id, email: null }));
    const entries = async () =>
      server.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'stay.guest_changed')));
    expect((await entries()).map((e) => e.details)).toEqual([
      expect.objectContaining({ guest: 'Anna Nowak', changed: 'name, email, vip' }),
      expect.objectContaining({ changed: 'email' }),
    ]);
    // the same values again change nothing
    expect((await desk.patch(path, { name: 'Anna Nowak', vip: true })).status).toBe(200);
    expect(await entries()).toHaveLength(2);

    const bad = await desk.patch(path, { email: 'not an e-mail' });
    expect(bad.status).toBe(400);
    const other = await signIn(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await other.patch(path, { name: 'Mallory' })).status).toBe(404);
    const [row] = await server.ctx.db.select().from(stayGuests).where(eq(stayGuests.id, guest.id));
    expect(row?.name).toBe('Anna Nowak');
  });

  it('shows each earlier request’s tags and its notes at a glance: how many and the newest', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const admin = await signIn(server, await makeStaff(server, org, 'admin', { name: 'Marta' }));
    const before = await pastStay(org, { email: 'kim@example.test' }, 3, 'The AC is broken');
    const tag = await admin.post('/api/v1/tags', { name: 'Maintenance', color: '#FF8800' });
    expect(tag.status, JSON.stringify(tag.body)).toBe(201);
    expect((await admin.put(`/api/v1/conversations/${before.conversation.id}/tags/${tag.body.id}`)).status).toBe(200);
    for (const text of ['Sent the technician', 'Compressor replaced, tell them if it happens again']) {
      const note = await admin.post(`/api/v1/conversations/${before.conversation.id}/notes`, {
        clientId: `note-${text.length}-${org.id.slice(0, 4)}`,
        text,
      });
      expect(note.status, JSON.stringify(note.body)).toBe(201);
    }
    const untouched = await pastStay(org, { email: 'kim@example.test' }, 5, 'Extra pillow');

    const now = await makeStay(server, org);
    await server.ctx.db.update(stayGuests).set({ email: 'kim@example.test' }).where(eq(stayGuests.id, now.guest.id));
    const history = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    const byId = new Map(history.body.conversations.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(before.conversation.id)).toMatchObject({
      preview: 'The AC is broken',
      tags: [{ id: tag.body.id, name: 'Maintenance', color: '#ff8800' }],
      notes: {
        count: 2,
        latest: {
          authorName: 'Marta',
          text: 'Compressor replaced, tell them if it happens again',
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      },
    });
    expect(byId.get(untouched.conversation.id)).toMatchObject({ tags: [], notes: { count: 0, latest: null } });
  });

  it('shows a visitor’s requests with tags and notes to the desk of their organization only', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const [visitor] = await server.ctx.db
      .insert(visitors)
      .values({ orgId: org.id, name: 'Piotr', topic: 'Boiler' })
      .returning();
    if (!visitor) throw new Error('no visitor');
    const visitorRequest = async (text: string, minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000);
      const [c] = await server.ctx.db
        .insert(conversations)
        .values({
          orgId: org.id,
          visitorId: visitor.id,
          status: 'resolved',
          preview: text,
          lastMessageAt: at,
          createdAt: at,
        })
        .returning();
      if (!c) throw new Error('no conversation');
      return c;
    };
    const older = await visitorRequest('Boiler makes noise', 60);
    const newer = await visitorRequest('Radiator cold', 5);
    const note = await desk.post(`/api/v1/conversations/${older.id}/notes`, {
      clientId: 'visitor-note-1',
      text: 'Pressure low',
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);

    const history = await desk.get(`/api/v1/visitors/${visitor.id}/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.conversations).toEqual([
      expect.objectContaining({ id: newer.id, notes: { count: 0, latest: null } }),
      expect.objectContaining({
        id: older.id,
        contact: expect.objectContaining({ kind: 'visitor', name: 'Piotr' }),
        notes: { count: 1, latest: expect.objectContaining({ text: 'Pressure low' }) },
      }),
    ]);

    // another organization's desk: as if the visitor did not exist
    const other = await signIn(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await other.get(`/api/v1/visitors/${visitor.id}/history`)).status).toBe(404);
  });

  it('never shows the notes summary to a guest, nor the history to anyone but the desk', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const { stay, guest } = await makeStay(server, org);
    const { conversation } = await makeConversation(server, guest, { status: 'open' });
    expect(
      (
        await admin.post(`/api/v1/conversations/${conversation.id}/notes`, {
          clientId: 'guest-note-1',
          text: 'VIP, upset',
        })
      ).status,
    ).toBe(201);
    const asGuest = new ApiClient(server.url);
    const login = await asGuest.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const own = await asGuest.get('/api/v1/guest/conversations');
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    expect(JSON.stringify(own.body)).not.toContain('VIP, upset');
    expect(own.body[0]).not.toHaveProperty('notes');
    expect(own.body[0]).not.toHaveProperty('tags');
    // the desk's routes refuse a guest's token: it is not a staff session
    expect((await asGuest.get(`/api/v1/stays/${stay.id}/guests/${guest.id}/history`)).status).toBe(401);
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    expect((await field.get(`/api/v1/stays/${stay.id}/guests/${guest.id}/history`)).status).toBe(403);
  });
});
