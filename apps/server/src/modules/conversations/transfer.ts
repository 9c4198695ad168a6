import type { DomainEventOf, HandOverRequest, TransferRequest } from '@frontdesk/protocol';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { conversations, users } from '../../db/schema.js';
import type { StaffActor, SystemActor } from '../../platform/actor.js';
import type { StaffAvailability } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { staffPolicy } from '../staff/index.js';
import { loadTeam } from '../teams/index.js';
import { appendMessage } from './append.js';
import { handedOverBy } from './assigned-by.js';
import { messageCreated } from './events.js';
import { mergedError } from './merged-error.js';
import { conversationPolicy } from './policy.js';
import { systemMessage } from './send.js';
import type { ConversationRow } from './views.js';

type Reason = DomainEventOf<'conversation.transferred'>['data']['reason'];

/** A colleague of the organization who may be handed requests; anyone else is not found. */
async function colleague(tx: ServiceContext, orgId: string, userId: string) {
  const [target] = await tx.db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)));
  if (!target || !staffPolicy.handlesConversations(target)) throw notFound('Staff member');
  return target;
}

/**
 * Moves one locked, unresolved request: to the colleague `to.userId` (it stays or becomes open with
 * them), or into the queue of `to.teamId` (or of its own team when neither is named: a hand-over
 * back to the team). The note is kept on the request for staff and in the event; the guest is told
 * only that a colleague takes over.
 */
async function move(
  tx: ServiceContext,
  current: ConversationRow,
  to: { userId?: string | null; teamId?: string; note?: string },
  reason: Reason,
  actor: { userId: string; name: string },
): Promise<ConversationRow> {
  if (current.status === 'resolved') {
    throw new AppError('already_resolved', 'This request is already resolved', { conversationId: current.id });
  }
  const team = to.teamId ? await loadTeam(tx.db, current.orgId, to.teamId) : null;
  const target = to.userId ? await colleague(tx, current.orgId, to.userId) : null;
  const teamId = team?.id ?? current.teamId;
  const handover = {
    byName: actor.name,
    note: to.note || null,
    toTeam: team?.name ?? null,
    at: new Date().toISOString(),
  };
  const [updated] = await tx.db
    .update(conversations)
    .set(
      target
        ? {
            assigneeId: target.id,
            status: 'open',
            teamId,
            handover,
            assignedBy: handedOverBy(actor.name),
            ...(current.status === 'queued' ? { pickedAt: new Date() } : {}),
          }
        : { assigneeId: null, status: 'queued', teamId, handover, assignedBy: null },
    )
    .where(eq(conversations.id, current.id))
    .returning();
  const where = target ? target.name : team ? `the ${team.name} queue` : 'the queue';
  const { message } = await appendMessage(
    tx.db,
    current.id,
    systemMessage('transferred', `${actor.name} handed the request to ${where}`, {
      userId: actor.userId,
      name: actor.name,
    }),
  );
  await tx.record({
    type: 'conversation.transferred',
    orgId: current.orgId,
    stream: `conversation:${current.id}`,
    data: {
      conversationId: current.id,
      fromUserId: current.assigneeId,
      toUserId: target?.id ?? null,
      fromTeamId: current.teamId,
      toTeamId: teamId,
      byUserId: actor.userId,
      reason,
      note: handover.note,
    },
  });
  tx.announce(messageCreated(message));
  return updated ?? current;
}

/**
 * Transfers a request to a colleague, a team, or a colleague in a team, with a note for them.
 * Admins transfer any request, the assignee theirs, and anyone at the desk one nobody has taken.
 */
export async function transferConversation(
  ctx: ServiceContext<StaffActor>,
  id: string,
  to: TransferRequest,
): Promise<ConversationRow> {
  const { actor } = ctx;
  if (!conversationPolicy.take(actor) || !actor.orgId) throw forbidden('Only reception and admins handle requests');
  return ctx.transact(async (tx) => {
    const [current] = await tx.db.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!current || !conversationPolicy.staffSees(actor, current)) throw notFound('Conversation');
    if (current.mergedIntoId) throw mergedError(current);
    if (!conversationPolicy.transfer(actor, current)) {
      throw forbidden('Only an admin or the assignee can transfer this request');
    }
    return move(tx, current, to, 'transfer', actor);
  });
}

/**
 * Hands over every open request of `fromUserId` (themself ending a shift, or an admin for anyone):
 * each goes back to its team's queue — where a team that assigns automatically gives it out at
 * once — or to the colleague `to.userId`. Answers how many changed hands.
 */
export async function handOverAll(
  ctx: ServiceContext<StaffActor>,
  fromUserId: string,
  to: HandOverRequest,
): Promise<number> {
  const { actor } = ctx;
  const self = fromUserId === actor.userId;
  if (!actor.orgId || (self ? !conversationPolicy.take(actor) : !conversationPolicy.assignAny(actor))) {
    throw forbidden(
      self ? 'Only reception and admins handle requests' : 'Only admins hand over a colleague’s requests',
    );
  }
  const orgId = actor.orgId;
  return ctx.transact(async (tx) => {
    if (!self) await colleagueOrAnyone(tx, orgId, fromUserId);
    const open = await tx.db
      .select()
      .from(conversations)
      .where(
        and(eq(conversations.orgId, orgId), eq(conversations.assigneeId, fromUserId), eq(conversations.status, 'open')),
      )
      .orderBy(asc(conversations.createdAt))
      .for('update');
    if (to.userId === fromUserId) return 0;
    for (const current of open)
      await move(tx, current, { userId: to.userId, note: to.note }, self ? 'shift_end' : 'bulk', actor);
    return open.length;
  });
}

/** A staff member of the organization (deactivated too: their requests may still need a new home). */
async function colleagueOrAnyone(tx: ServiceContext<StaffActor>, orgId: string, userId: string) {
  const [user] = await tx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)));
  if (!user) throw notFound('Staff member');
}

/**
 * Staff gone — no connection on any node — for `minutes` at `now` have their open requests handed
 * back to their teams' queues (automatic teams give them out again at once), as if they had ended
 * their shift. Presence is asked again before, so someone who came back meanwhile keeps theirs.
 * Run by a durable job; `now` is a parameter so tests move the clock.
 */
export async function handOverAbsentStaff(
  ctx: ServiceContext<SystemActor>,
  availability: StaffAvailability,
  minutes: number,
  now: Date = new Date(),
): Promise<number> {
  if (minutes <= 0) return 0;
  const cutoff = new Date(now.getTime() - minutes * 60_000);
  const absent = await ctx.db
    .selectDistinct({ userId: users.id, orgId: conversations.orgId, name: users.name, absentSince: users.absentSince })
    .from(users)
    .innerJoin(
      conversations,
      and(
        eq(conversations.orgId, users.orgId),
        eq(conversations.status, 'open'),
        eq(conversations.assigneeId, users.id),
      ),
    )
    .where(
      and(
        lt(users.absentSince, cutoff),
        // a request handed to them after they left was meant for their return: it stays
        sql`coalesce((${conversations.assignedBy} ->> 'at')::timestamptz, ${conversations.createdAt}) < ${users.absentSince}`,
      ),
    );
  let handedOver = 0;
  // presence asked once per organization
  const present = new Map<string, Promise<Set<string>>>();
  for (const person of absent) {
    if (!present.has(person.orgId)) present.set(person.orgId, availability.present(person.orgId));
    if ((await present.get(person.orgId))?.has(person.userId)) continue;
    handedOver += await ctx.transact(async (tx) => {
      const open = await tx.db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.orgId, person.orgId),
            eq(conversations.status, 'open'),
            eq(conversations.assigneeId, person.userId),
            sql`coalesce((${conversations.assignedBy} ->> 'at')::timestamptz, ${conversations.createdAt}) < ${person.absentSince}`,
          ),
        )
        .orderBy(asc(conversations.createdAt))
        .for('update');
      for (const current of open) {
        await move(tx, current, { userId: null }, 'offline', { userId: person.userId, name: person.name });
      }
      return open.length;
    });
  }
  return handedOver;
}
