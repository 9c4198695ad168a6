import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchBatches } from '../../../test/batches.js';
import { guestActorOf, makeGuest, makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { conversations, domainEvents, messages, organizations, stays, teams, visitors } from '../../db/schema.js';
import { type GuestActor, senderKeyOf } from '../../platform/actor.js';
import { noRequest, serviceContext } from '../../platform/service-context.js';
import { GroupCommit } from './group-commit.js';
import { type BatchedOpening, type Opened, openingGroupOf, writeOpeningBatch } from './opening-batch.js';
import { sendAsGuest } from './send.js';
import { openAsGuestInOneStatement } from './send-in-one-statement.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const guestActor = (token: string) => guestActorOf(server, token);

describe('openings by group commit', () => {
  it('opens the requests of first messages that arrive together in one statement; the others are left to the full path', async () => {
    const org = await makeOrg(server);
    // no rule: every request goes to the default team
    const [desk] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Desk' }).returning();
    await server.ctx.db.update(organizations).set({ defaultTeamId: desk?.id }).where(eq(organizations.id, org.id));
    const guests = await Promise.all(['A', 'B', 'D', 'E'].map((name) => makeGuest(server, org, { name })));
    const [a, b, d, e] = await Promise.all(guests.map((g) => guestActor(g.token)));
    if (!a || !b || !d || !e) throw new Error('no guests');
    const [visitor] = await server.ctx.db
      .insert(visitors)
      .values({ orgId: org.id, name: 'Piotr', topic: 'Boiler' })
      .returning();
    if (!visitor) throw new Error('no visitor');
    const v: GuestActor = { kind: 'visitor', orgId: org.id, visitorId: visitor.id, sessionId: 'ob', access: 'active' };
    // E has a request already; D's stay is over
    const existing = await sendAsGuest(serviceContext(server.ctx, e, noRequest), { clientId: 'ob-e-0000', text: 'Hi' });
    await server.ctx.db
      .update(stays)
      .set({ checkOutAt: new Date(Date.now() - 1000) })
      .where(eq(stays.id, guests[2]?.stayId ?? ''));

    const sizes = watchBatches(openingGroupOf(server.ctx.db));
    const open = (actor: GuestActor, clientId: string, text: string) =>
      openAsGuestInOneStatement(server.ctx.db, actor, { clientId, text }, senderKeyOf(actor));
    const results = await Promise.all([
      open(a, 'ob-a-0001', 'Towels please'),
      open(b, 'ob-b-0001', 'A taxi at 7'),
      open(v, 'ob-v-0001', 'The boiler drips'),
      open(d, 'ob-d-0001', 'Still here?'),
      open(e, 'ob-e-0001', 'And a pillow'),
      // A's second first message: not in the batch that opens A's request; the next finds it
      open(a, 'ob-a-0002', 'Two, please'),
    ]);
    expect(sizes).toEqual([5, 1]);
    expect(results.map((r) => r?.message.body ?? null)).toEqual([
      'Towels please',
      'A taxi at 7',
      'The boiler drips',
      null,
      null,
      null,
    ]);
    const [ra, rb, rv] = results;
    expect(ra?.message).toMatchObject({ seq: 1, senderName: 'A', senderType: 'guest', clientId: 'ob-a-0001' });
    expect(ra?.conversation).toMatchObject({ status: 'queued', lastSeq: 1, staffUnread: 1, teamId: desk?.id });
    expect(ra?.view).toMatchObject({ guestName: 'A', visitorName: null, teamName: 'Desk', assigneeName: null });
    expect(ra?.view.roomNumber).toEqual(expect.any(String));
    expect(rb?.conversation.guestId).toBe(b.kind === 'guest' ? b.guestId : '');
    expect(rv?.message).toMatchObject({ seq: 1, senderName: 'Piotr', senderType: 'visitor' });
    expect(rv?.view).toMatchObject({ guestName: null, visitorName: 'Piotr', roomNumber: null });
    expect(rv?.conversation).toMatchObject({ visitorId: visitor.id, guestId: null, stayId: null });
    expect(new Set(results.map((r) => r?.conversation.id).filter(Boolean)).size).toBe(3);

    // each opened request has its `conversation.routed` in the outbox, as this node announced it
    const ids = [ra, rb, rv].map((r) => r?.conversation.id ?? '');
    const events = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.routed'), eq(domainEvents.orgId, org.id)));
    for (const r of [ra, rb, rv]) {
      const stored = events.find((ev) => ev.stream === `conversation:${r?.conversation.id}`);
      expect(stored?.id).toBe(r?.events?.[0]?.id);
      expect(stored?.data).toEqual(r?.events?.[0]?.data);
      expect(stored?.data).toMatchObject({ conversationId: r?.conversation.id, teamId: desk?.id, priority: 'normal' });
    }
    // nothing else was written: one request per contact, E's untouched, nothing of D's
    const own = await server.ctx.db
      .select({ id: conversations.id, lastSeq: conversations.lastSeq })
      .from(conversations)
      .where(eq(conversations.orgId, org.id));
    expect(own.map((c) => c.id).sort()).toEqual([...ids, existing.conversationId].sort());
    expect(own.find((c) => c.id === existing.conversationId)?.lastSeq).toBe(1);
    const stored = await server.ctx.db
      .select({ clientId: messages.clientId })
      .from(messages)
      .where(inArray(messages.conversationId, [...ids, existing.conversationId]));
    expect(stored.map((m) => m.clientId).sort()).toEqual(['ob-a-0001', 'ob-b-0001', 'ob-e-0000', 'ob-v-0001']);
  });

  it('two first messages of one guest at once: one request, numbered 1 and 2', async () => {
    const org = await makeOrg(server);
    const guest = await guestActor((await makeGuest(server, org, { name: 'Ola' })).token);
    const ctx = serviceContext(server.ctx, guest, noRequest);
    const [first, second] = await Promise.all([
      sendAsGuest(ctx, { clientId: 'ob-two-0001', text: 'Hello' }),
      sendAsGuest(ctx, { clientId: 'ob-two-0002', text: 'Anyone?' }),
    ]);
    expect(first.conversationId).toBe(second.conversationId);
    expect([first.message.seq, second.message.seq].sort()).toEqual([1, 2]);
    const rows = await server.ctx.db
      .select({ id: conversations.id, lastSeq: conversations.lastSeq })
      .from(conversations)
      .where(eq(conversations.orgId, org.id));
    expect(rows).toEqual([{ id: first.conversationId, lastSeq: 2 }]);
  });

  it('a batch whose statement fails as a whole writes nothing and leaves each opening to the full path', async () => {
    const org = await makeOrg(server);
    const [a, b] = await Promise.all(
      ['A', 'B'].map(async (name) => guestActor((await makeGuest(server, org, { name })).token)),
    );
    if (!a || !b) throw new Error('no guests');
    // A's first request, resolved long ago: a new one would open, but A's client id is stored already
    const first = await sendAsGuest(serviceContext(server.ctx, a, noRequest), { clientId: 'ob-f-0001', text: 'Hi' });
    await server.ctx.db
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: new Date(Date.now() - 86_400_000) })
      .where(eq(conversations.id, first.conversationId));
    const opening = (actor: GuestActor, clientId: string): BatchedOpening => ({
      guest: actor,
      senderKey: senderKeyOf(actor),
      clientId,
      body: 'Hi',
      preview: 'Hi',
      eventId: randomUUID(),
    });
    const group = new GroupCommit<BatchedOpening, Opened>(server.ctx.db, 1, writeOpeningBatch, true);
    expect(await Promise.all([group.submit(opening(a, 'ob-f-0001')), group.submit(opening(b, 'ob-f-0002'))])).toEqual([
      null,
      null,
    ]);
    expect(group).toMatchObject({ failedBatches: 1, fallbacks: 2 });
    const rows = await server.ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.orgId, org.id));
    expect(rows).toEqual([{ id: first.conversationId }]);
    // through the full path the retry is answered with the message stored the first time, B's opens
    const [again, bs] = await Promise.all([
      sendAsGuest(serviceContext(server.ctx, a, noRequest), { clientId: 'ob-f-0001', text: 'Hi' }),
      sendAsGuest(serviceContext(server.ctx, b, noRequest), { clientId: 'ob-f-0002', text: 'Hi' }),
    ]);
    expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id } });
    expect(bs).toMatchObject({ duplicate: false, message: { seq: 1 } });
  });
});
