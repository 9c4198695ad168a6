import { type DomainEvent, domainEventTypes } from '@frontdesk/protocol';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { WebhookSender } from './sender.js';

const senders = new WeakMap<AppContext, WebhookSender>();

/** This node's sender (one per server). */
export function webhookSenderOf(ctx: AppContext): WebhookSender {
  let sender = senders.get(ctx);
  if (!sender) {
    sender = new WebhookSender(ctx);
    senders.set(ctx, sender);
  }
  return sender;
}

/**
 * One delivery row per event and enabled endpoint of its organization that wants its type, in the
 * order the events come (their `seq` orders each stream's deliveries). The unique (endpoint, event)
 * index makes an event handed over again queue nothing twice.
 */
async function queueDeliveries(ctx: AppContext, events: DomainEvent[]): Promise<number> {
  const orgIds = [...new Set(events.map((e) => e.orgId).filter((id): id is string => !!id))];
  if (!orgIds.length) return 0;
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id, orgId: webhookEndpoints.orgId, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.orgId, orgIds), eq(webhookEndpoints.enabled, true)));
  if (!endpoints.length) return 0;
  const rows = events.flatMap((event) =>
    endpoints
      .filter((e) => e.orgId === event.orgId && e.eventTypes.includes(event.type))
      .map((e) => ({
        orgId: e.orgId,
        endpointId: e.id,
        eventId: event.id,
        eventType: event.type,
        stream: event.stream,
        body: JSON.stringify(event),
      })),
  );
  if (!rows.length) return 0;
  // one row at a time: each gets its seq in the events' order
  let queued = 0;
  for (const row of rows) {
    const inserted = await ctx.db
      .insert(webhookDeliveries)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    queued += inserted.length;
  }
  return queued;
}

export const webhookConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'webhooks',
    types: domainEventTypes,
    async handle(event) {
      if (await queueDeliveries(ctx, [event])) webhookSenderOf(ctx).wake();
    },
    async handleBatch(events) {
      if (await queueDeliveries(ctx, events)) webhookSenderOf(ctx).wake();
    },
  },
];

export const webhookJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'webhook-send',
    everyMs: 10_000,
    run: async () => ({ delivered: await webhookSenderOf(ctx).sendDue() }),
  },
  {
    name: 'webhook-cleanup',
    everyMs: 3600_000,
    async run() {
      const removed = await ctx.db
        .delete(webhookDeliveries)
        .where(
          and(
            inArray(webhookDeliveries.status, ['delivered', 'given_up']),
            lt(webhookDeliveries.createdAt, sql`now() - ${ctx.config.webhooks.keepMs} * interval '1 millisecond'`),
          ),
        )
        .returning({ id: webhookDeliveries.id });
      return { removed: removed.length };
    },
  },
];
