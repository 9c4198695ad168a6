import type { AssignedBy, AssignmentMode } from '@frontdesk/protocol';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { conversations, teamMembers, teams, users } from '../../db/schema.js';
import type { SystemActor } from '../../platform/actor.js';
import type { StaffAvailability } from '../../platform/context.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { appendMessage, messageCreated, queueOrder } from '../conversations/index.js';
import { staffPolicy } from '../staff/index.js';
import { assignmentReason, type Candidate, pickAgent } from './pick.js';

type AutoMode = Exclude<AssignmentMode, 'manual'>;

/** The first key of the advisory lock every assignment round of an organization takes (the second: the org). */
const ASSIGNMENT_LOCK = 7_245_012;

/**
 * The most requests one transaction of a round gives out: a round that finds hundreds waiting
 * (a burst, or a team coming back online) commits every this many, so a colleague's take or a
 * guest's message never waits seconds behind its locks (bench: 500 given out in one transaction
 * held takes up to 5 s).
 */
export const ASSIGNMENT_CHUNK = 50;

export interface Assignment {
  conversationId: string;
  assigneeId: string;
  teamId: string;
}

/**
 * One round of automatic assignment for an organization: each team that assigns automatically
 * gives its queued requests — most urgent, then longest waiting, first — to its members who are
 * available (online, not away), active and under capacity, by the team's mode, until the queue or
 * the room runs out.
 *
 * Rounds of one organization run one at a time on every node (a transaction-scoped advisory lock),
 * and availability is read inside that lock: an agent who went away before the round is never
 * given a request, and one who leaves during it is given it before they left. A request is only
 * taken while still queued and unassigned, so a colleague taking it by hand at the same moment
 * wins cleanly and nothing is assigned twice. Safe to run any number of times: it only acts on
 * what is waiting now.
 */
export async function assignQueued(
  ctx: ServiceContext<SystemActor>,
  availability: StaffAvailability,
  orgId: string,
): Promise<Assignment[]> {
  const assigned: Assignment[] = [];
  for (;;) {
    const chunk = await assignChunk(ctx, availability, orgId);
    assigned.push(...chunk);
    if (chunk.length < ASSIGNMENT_CHUNK) return assigned;
  }
}

/** One transaction of a round: gives out at most ASSIGNMENT_CHUNK requests. */
async function assignChunk(
  ctx: ServiceContext<SystemActor>,
  availability: StaffAvailability,
  orgId: string,
): Promise<Assignment[]> {
  // most rounds (every request routed in a burst) find nothing left to give: one query says so
  const [waiting] = await ctx.db
    .select({ one: sql`1` })
    .from(conversations)
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .where(
      and(
        eq(conversations.orgId, orgId),
        eq(conversations.status, 'queued'),
        ne(teams.assignmentMode, 'manual'),
        isNull(teams.removedAt),
      ),
    )
    .limit(1);
  if (!waiting) return [];
  return ctx.transact(async (tx) => {
    const { db } = tx;
    await db.execute(sql`select pg_advisory_xact_lock(${ASSIGNMENT_LOCK}, hashtext(${orgId}))`);
    const automatic = await db
      .select({ id: teams.id, mode: teams.assignmentMode })
      .from(teams)
      .where(and(eq(teams.orgId, orgId), isNull(teams.removedAt), ne(teams.assignmentMode, 'manual')));
    if (!automatic.length) return [];
    const available = await availability.available(orgId);
    if (!available.size) return [];

    const members = await db
      .select({
        teamId: teamMembers.teamId,
        userId: teamMembers.userId,
        capacity: teamMembers.capacity,
        lastAssignedAt: teamMembers.lastAssignedAt,
        name: users.name,
        role: users.role,
        active: users.active,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(
        and(
          eq(teamMembers.orgId, orgId),
          inArray(
            teamMembers.teamId,
            automatic.map((t) => t.id),
          ),
          inArray(teamMembers.userId, [...available]),
        ),
      );
    // one load per person, shared by their teams: capacity is per team, the open conversations theirs
    // (counted over the organization's open conversations, on its (org, status) index)
    const open = await db
      .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.status, 'open')))
      .groupBy(conversations.assigneeId);
    const loads = new Map(open.map((o) => [o.assigneeId ?? '', o.n]));
    const assigned: Assignment[] = [];
    const now = Date.now();
    for (const team of automatic) {
      const candidates: Candidate[] = members
        .filter((m) => m.teamId === team.id && staffPolicy.handlesConversations(m))
        .map((m) => ({ ...m, load: loads.get(m.userId) ?? 0, lastAssignedAt: m.lastAssignedAt?.getTime() ?? null }));
      const room = () => candidates.reduce((sum, c) => sum + Math.max(0, c.capacity - (loads.get(c.userId) ?? 0)), 0);
      const wanted = Math.min(room(), ASSIGNMENT_CHUNK - assigned.length);
      if (wanted <= 0) continue;
      const queued = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            eq(conversations.orgId, orgId),
            eq(conversations.status, 'queued'),
            eq(conversations.teamId, team.id),
            isNull(conversations.assigneeId),
          ),
        )
        .orderBy(...queueOrder)
        .limit(wanted);
      for (const { id } of queued) {
        for (const c of candidates) c.load = loads.get(c.userId) ?? 0;
        const agent = pickAgent(team.mode as AutoMode, candidates);
        if (!agent) break;
        const taken = await giveTo(tx, { conversationId: id, teamId: team.id, mode: team.mode as AutoMode, agent });
        if (!taken) continue;
        loads.set(agent.userId, agent.load + 1);
        // the turn moves on within the round too; a millisecond apart keeps the order when stored
        agent.lastAssignedAt = now + assigned.length;
        assigned.push({ conversationId: id, assigneeId: agent.userId, teamId: team.id });
        await db
          .update(teamMembers)
          .set({ lastAssignedAt: new Date(agent.lastAssignedAt) })
          .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, agent.userId)));
      }
    }
    return assigned;
  });
}

/** Gives one queued request to the agent, with the system line the thread shows and the event. */
async function giveTo(
  tx: ServiceContext<SystemActor>,
  { conversationId, teamId, mode, agent }: { conversationId: string; teamId: string; mode: AutoMode; agent: Candidate },
): Promise<boolean> {
  const assignedBy: AssignedBy = {
    how: 'automatic',
    mode,
    byName: null,
    load: agent.load,
    capacity: agent.capacity,
    reason: assignmentReason(mode, agent),
    at: new Date().toISOString(),
  };
  const [taken] = await tx.db
    .update(conversations)
    .set({ status: 'open', assigneeId: agent.userId, assignedBy, pickedAt: new Date() })
    .where(
      and(eq(conversations.id, conversationId), eq(conversations.status, 'queued'), isNull(conversations.assigneeId)),
    )
    .returning({ orgId: conversations.orgId });
  if (!taken) return false;
  const { message } = await appendMessage(tx.db, conversationId, {
    senderType: 'system',
    senderId: agent.userId,
    senderName: agent.name,
    senderKey: null,
    clientId: null,
    body: `${agent.name} was assigned the request (${assignedBy.reason})`,
    event: 'auto_assigned',
  });
  await tx.record({
    type: 'conversation.auto_assigned',
    orgId: taken.orgId,
    stream: `conversation:${conversationId}`,
    data: { conversationId, assigneeId: agent.userId, teamId, mode, load: agent.load, capacity: agent.capacity },
  });
  tx.announce(messageCreated(message));
  return true;
}
