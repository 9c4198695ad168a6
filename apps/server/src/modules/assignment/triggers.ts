import type { DomainEventType } from '@frontdesk/protocol';
import { and, eq, exists, isNull, ne, sql } from 'drizzle-orm';
import { conversations, teams } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { LocalListeners } from '../../platform/events.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { assignQueued } from './assign-queued.js';

/**
 * What may let a team's queue move: a request routed to it, an agent freeing capacity (a resolve,
 * a hand-over that leaves them), and a team's mode, members or capacities changing.
 */
const movesTheQueue: readonly DomainEventType[] = [
  'conversation.routed',
  'conversation.resolved',
  'conversation.assigned',
  'conversation.transferred',
  'team.updated',
];

const round = (ctx: AppContext, orgId: string, why: string) =>
  assignQueued(systemContext(ctx, 'automatic-assignment', why), ctx.availability, orgId);

/**
 * The durable trigger: each such event gets a round for its organization, at least once — right
 * away on the node that recorded it (consumers wake on their own node's events), within a second
 * on another. A round that fails is retried with backoff like any consumer's event.
 */
export const assignmentConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'automatic-assignment',
    types: movesTheQueue,
    async handle(event) {
      if (event.orgId) await round(ctx, event.orgId, event.id);
    },
    /**
     * A round gives out everything waiting when it reads, so a batch needs one per organization, not
     * one per event: 200 requests routed at once, or a consumer catching up after a restart, cost a
     * round each organization instead of 200.
     */
    async handleBatch(events) {
      const firstOf = new Map<string, string>();
      for (const e of events) if (e.orgId && !firstOf.has(e.orgId)) firstOf.set(e.orgId, e.id);
      for (const [orgId, eventId] of firstOf) await round(ctx, orgId, eventId);
    },
  },
];

/** An agent coming online (or back from away) gets work at once; presence is not a durable event. */
export const assignmentReactions = (ctx: AppContext): LocalListeners => ({
  'presence.changed': async ({ orgId }) => {
    await round(ctx, orgId, 'presence').catch((err) => ctx.log.warn({ err, orgId }, 'automatic assignment failed'));
  },
});

/**
 * The safety net: every organization with requests waiting in an automatic team gets a round now
 * and then, whatever was missed (a presence signal on a node that died, a stale heartbeat).
 */
export const assignmentJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'automatic-assignment-sweep',
    everyMs: 30_000,
    async run(runId) {
      // from the teams that assign automatically, each asked on its organization's (org, status) index
      const waiting = await ctx.db
        .selectDistinct({ orgId: teams.orgId })
        .from(teams)
        .where(
          and(
            ne(teams.assignmentMode, 'manual'),
            isNull(teams.removedAt),
            exists(
              ctx.db
                .select({ one: sql`1` })
                .from(conversations)
                .where(
                  and(
                    eq(conversations.orgId, teams.orgId),
                    eq(conversations.status, 'queued'),
                    eq(conversations.teamId, teams.id),
                  ),
                ),
            ),
          ),
        );
      let assigned = 0;
      for (const { orgId } of waiting) assigned += (await round(ctx, orgId, runId)).length;
      return { organizations: waiting.length, assigned };
    },
  },
];
