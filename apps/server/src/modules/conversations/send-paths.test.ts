import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import {
  conversations,
  domainEvents,
  messages,
  organizations,
  rooms,
  stays,
  teamMembers,
  teams,
  visitors,
} from '../../db/schema.js';
import type { GuestActor, StaffActor } from '../../platform/actor.js';
import { noRequest, serviceContext } from '../../platform/service-context.js';
import { staffActorOf } from '../auth/index.js';
import { resolveGuestSession } from '../guest/index.js';
import { groupCommitOf } from './group-commit.js';
import {
  type SendResult,
  sendAsGuest,
  sendAsGuestInTransaction,
  sendAsStaff,
  sendAsStaffInTransaction,
} from './send.js';

/**
 * A common send is written by group commit (the SQL function frontdesk_send_batch, migration 0041)
 * and, when the batch cannot write it, by the full transaction (send.ts, which bumps the
 * conversation with append.ts's bumpFor). The two say the same thing twice, once in SQL and once in
 * TypeScript: here each kind of send the batch writes goes both ways, to two requests alike in all
 * but their ids, and every column of what each way left must agree. A column one way bumps and the
 * other forgets fails this test.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type ConversationState = Partial<typeof conversations.$inferInsert>;
type Path = 'group commit' | 'transaction';

/** Who writes, and to what: each kind of send frontdesk_send_batch writes. */
type Writer =
  | 'guest'
  | 'guest naming the request'
  | 'visitor'
  | 'agent who took it'
  | 'admin, a colleague took it'
  | 'agent of its team, a colleague took it';

interface Case {
  name: string;
  writer: Writer;
  /** The request before the send (both twins), on top of `earlier`. */
  state: (at: Date, people: { agent: string; colleague: string }) => ConversationState;
}

/** A request with some history: three messages, read and delivered in part, routed, taken. */
const earlier = (at: Date): ConversationState => ({
  status: 'open',
  lastSeq: 3,
  lastMessageAt: at,
  preview: 'Earlier',
  staffUnread: 1,
  guestUnread: 1,
  guestDeliveredSeq: 3,
  guestReadSeq: 2,
  staffDeliveredSeq: 2,
  staffReadSeq: 1,
  priority: 'high',
  routedBy: { ruleId: null, ruleName: null, reason: 'No rule matched' },
  pickedAt: at,
  createdAt: at,
});

const cases: Case[] = [
  {
    name: 'a guest answers the desk on their open request',
    writer: 'guest',
    state: (at, { agent }) => ({ assigneeId: agent, firstResponseAt: at, awaitingSince: null, staffUnread: 0 }),
  },
  {
    name: 'a guest writes again while they wait for an answer',
    writer: 'guest',
    state: (at, { agent }) => ({ assigneeId: agent, firstResponseAt: null, awaitingSince: at, staffUnread: 2 }),
  },
  {
    name: 'a guest writes to their queued request',
    writer: 'guest',
    state: (at) => ({ status: 'queued', assigneeId: null, pickedAt: null, awaitingSince: at, guestUnread: 0 }),
  },
  {
    name: 'a guest names the request they write to',
    writer: 'guest naming the request',
    state: (at, { agent }) => ({ assigneeId: agent, firstResponseAt: at, awaitingSince: null }),
  },
  {
    name: 'a visitor writes to their request',
    writer: 'visitor',
    state: (at) => ({ status: 'queued', assigneeId: null, awaitingSince: at, staffUnread: 3 }),
  },
  {
    name: 'an agent gives the first answer to a request they took',
    writer: 'agent who took it',
    state: (at, { agent }) => ({ assigneeId: agent, firstResponseAt: null, awaitingSince: at, staffUnread: 2 }),
  },
  {
    name: 'an agent answers again on a request they took',
    writer: 'agent who took it',
    state: (at, { agent }) => ({ assigneeId: agent, firstResponseAt: at, awaitingSince: null, guestUnread: 2 }),
  },
  {
    name: 'an admin answers a request a colleague took',
    writer: 'admin, a colleague took it',
    state: (at, { colleague }) => ({ assigneeId: colleague, firstResponseAt: at, awaitingSince: at }),
  },
  {
    name: 'an agent who sees their teams’ requests answers one of their team a colleague took',
    writer: 'agent of its team, a colleague took it',
    state: (at, { colleague }) => ({ assigneeId: colleague, firstResponseAt: null, awaitingSince: at }),
  },
];

/** One of the two alike requests, its contact, and how a send reaches it either way. */
interface Twin {
  conversationId: string;
  /** Ids the other twin has its own of (contact, stay, room number…): named alike when compared. */
  ownIds: string[];
  send(path: Path, clientId: string): Promise<SendResult>;
}

const text = 'Could we have two more towels, please?';

async function guestTwin(org: TestOrg, naming: boolean, state: ConversationState): Promise<Twin> {
  const guest = await makeGuest(server, org, { name: 'Jan', room: `R${uniqueSuffix()}` });
  const actor = await resolveGuestSession(server.ctx.db, guest.token);
  if (!actor) throw new Error('no guest');
  const [room] = await server.ctx.db
    .select({ number: rooms.number })
    .from(stays)
    .innerJoin(rooms, eq(rooms.id, stays.roomId))
    .where(eq(stays.id, guest.stayId));
  const conversationId = await insertConversation({
    ...state,
    orgId: org.id,
    stayId: guest.stayId,
    guestId: guest.guestId,
  });
  return contactTwin(actor, conversationId, naming, [guest.guestId, guest.stayId, room?.number ?? '']);
}

async function visitorTwin(org: TestOrg, state: ConversationState): Promise<Twin> {
  const [visitor] = await server.ctx.db
    .insert(visitors)
    .values({ orgId: org.id, name: 'Piotr', topic: 'Boiler' })
    .returning();
  if (!visitor) throw new Error('no visitor');
  const actor: GuestActor = {
    kind: 'visitor',
    orgId: org.id,
    visitorId: visitor.id,
    sessionId: 'send-paths',
    access: 'active',
  };
  const conversationId = await insertConversation({ ...state, orgId: org.id, visitorId: visitor.id });
  return contactTwin(actor, conversationId, false, [visitor.id]);
}

function contactTwin(actor: GuestActor, conversationId: string, naming: boolean, ownIds: string[]): Twin {
  const ctx = serviceContext(server.ctx, actor, noRequest);
  return {
    conversationId,
    ownIds: [conversationId, ...ownIds],
    send: (path, clientId) => {
      const input = { clientId, text, ...(naming ? { conversationId } : {}) };
      return path === 'group commit' ? sendAsGuest(ctx, input) : sendAsGuestInTransaction(ctx, input);
    },
  };
}

/** A staff member's twin: the same writer, each twin a guest's request of its own. */
async function staffTwin(org: TestOrg, staff: StaffActor, state: ConversationState): Promise<Twin> {
  const guest = await guestTwin(org, false, state);
  const ctx = serviceContext(server.ctx, staff, noRequest);
  return {
    ...guest,
    send: (path, clientId) => {
      const input = { conversationId: guest.conversationId, clientId, text };
      return path === 'group commit' ? sendAsStaff(ctx, input) : sendAsStaffInTransaction(ctx, input);
    },
  };
}

async function insertConversation(values: typeof conversations.$inferInsert): Promise<string> {
  const [row] = await server.ctx.db.insert(conversations).values(values).returning({ id: conversations.id });
  if (!row) throw new Error('no conversation');
  return row.id;
}

async function staffActor(id: string): Promise<StaffActor> {
  const actor = await staffActorOf(server.ctx.db, id, 'send-paths');
  if (!actor) throw new Error('no staff actor');
  return actor;
}

/** An organization with the case's writer, and two requests alike in all but their ids. */
async function twinsFor(c: Case): Promise<[Twin, Twin]> {
  const org = await makeOrg(server);
  const agent = await makeStaff(server, org, 'agent', { name: 'Anna' });
  const colleague = await makeStaff(server, org, 'agent', { name: 'Piotr' });
  // a moment ago, to the millisecond (what the database keeps): the history before the send
  const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const state: ConversationState = { ...earlier(at), ...c.state(at, { agent: agent.id, colleague: colleague.id }) };
  const twice = (make: () => Promise<Twin>) => Promise.all([make(), make()]) as Promise<[Twin, Twin]>;
  switch (c.writer) {
    case 'guest':
    case 'guest naming the request':
      return twice(() => guestTwin(org, c.writer === 'guest naming the request', state));
    case 'visitor':
      return twice(() => visitorTwin(org, state));
    case 'agent who took it':
      return twice(async () => staffTwin(org, await staffActor(agent.id), state));
    case 'admin, a colleague took it': {
      const admin = await staffActor((await makeStaff(server, org, 'admin', { name: 'Ada' })).id);
      return twice(() => staffTwin(org, admin, state));
    }
    case 'agent of its team, a colleague took it': {
      const [team] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Housekeeping' }).returning();
      if (!team) throw new Error('no team');
      await server.ctx.db.insert(teamMembers).values([
        { orgId: org.id, teamId: team.id, userId: agent.id },
        { orgId: org.id, teamId: team.id, userId: colleague.id },
      ]);
      await server.ctx.db
        .update(organizations)
        .set({ conversationVisibility: 'team' })
        .where(eq(organizations.id, org.id));
      const actor = await staffActor(agent.id);
      expect(actor.teamIds).toEqual([team.id]);
      return twice(() => staffTwin(org, actor, { ...state, teamId: team.id }));
    }
  }
}

/** Everything a send left of one twin: the conversation's row, the messages after its history, its events, the ack. */
async function whatIsLeft(twin: Twin, sent: SendResult) {
  const { db } = server.ctx;
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, twin.conversationId));
  const written = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, twin.conversationId), gt(messages.seq, 3)))
    .orderBy(asc(messages.seq));
  const events = await db
    .select({ type: domainEvents.type, data: domainEvents.data })
    .from(domainEvents)
    .where(eq(domainEvents.stream, `conversation:${twin.conversationId}`))
    .orderBy(asc(domainEvents.position));
  const names = new Map<string, string>([
    ...twin.ownIds.map((id, i) => [id, `<own ${i}>`] as const),
    [sent.message.id, '<message>'],
    [sent.message.clientId ?? '', '<client id>'],
  ]);
  const sentAt = sent.message.createdAt;
  return alike({ conversation, messages: written, events, ack: sent }, names, sentAt);
}

/**
 * A value as it must read in the other twin too: each id of its own by a name, each time the send's
 * own (`<sent>`) or the history's, and no transaction id (xid).
 */
function alike(value: unknown, names: Map<string, string>, sentAt: Date): unknown {
  if (value instanceof Date) return value.getTime() === sentAt.getTime() ? '<sent>' : value.toISOString();
  if (typeof value === 'string') {
    let out = value;
    for (const [id, name] of names) if (id) out = out.replaceAll(id, name);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => alike(v, names, sentAt));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'xid')
        .map(([key, v]) => [key, alike(v, names, sentAt)]),
    );
  return value;
}

describe('a common send, by group commit and by the full transaction', () => {
  it.each(cases)('$name: both leave the same request and message', async (c) => {
    const [viaBatch, viaTransaction] = await twinsFor(c);
    const group = groupCommitOf(server.ctx.db);
    let batches = 0;
    const watching = group.onBatch;
    group.onBatch = (size) => {
      batches++;
      watching?.(size);
    };
    try {
      const fallbacks = group.fallbacks;
      const batched = await viaBatch.send('group commit', `paths-${uniqueSuffix()}`);
      // the batch wrote it: it did not fall back to the transaction
      expect(batches).toBe(1);
      expect(group.fallbacks).toBe(fallbacks);
      const transacted = await viaTransaction.send('transaction', `paths-${uniqueSuffix()}`);
      expect(batches).toBe(1);

      expect(batched).toMatchObject({ duplicate: false, message: { seq: 4 } });
      expect(transacted).toMatchObject({ duplicate: false, message: { seq: 4 } });
      const left = await whatIsLeft(viaBatch, batched);
      expect(left).toMatchObject({
        conversation: { lastSeq: 4, lastMessageAt: '<sent>', preview: text },
        messages: [{ seq: 4, body: text, createdAt: '<sent>' }],
      });
      expect(await whatIsLeft(viaTransaction, transacted)).toEqual(left);
    } finally {
      group.onBatch = watching;
    }
  });
});
