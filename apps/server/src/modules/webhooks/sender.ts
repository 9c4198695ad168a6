import { and, eq, inArray, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { msUntilNextDue } from '../../platform/next-due.js';
import { backoffMs } from '../../platform/outbox/lease.js';
import { rowsOf } from '../../platform/outbox/read.js';
import { systemContext } from '../../platform/service-context.js';
import { postWebhook } from './post.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './present.js';
import { signatureHeader } from './signature.js';

/** How long a node may take over one batch before another node may send its deliveries again. */
const LEASE_MS = 2 * 60_000;
const BATCH = 10;
/** Retries wait at most this long, however many there were. */
const MAX_DELAY_MS = 3600_000;

/** A delivery `d` no earlier one of its endpoint and stream waits before (replays wait for nothing). */
const headOfStream = sql.raw(`(d.replay_of is not null or not exists (
  select 1 from webhook_deliveries e
  where e.endpoint_id = d.endpoint_id and e.stream = d.stream and e.replay_of is null
    and e.seq < d.seq and e.status in ('pending', 'failed', 'sending')))`);

interface Claimed {
  id: string;
}

/**
 * Sends the queued webhook deliveries of every node: a batch is claimed (`sending`, leased), each
 * delivery is signed and POSTed, and ends `delivered` (2xx), or `failed` with its next try after an
 * exponential backoff, or `given_up` when the retry window (a day) or the attempts are used up.
 * A delivery is claimed only when no earlier one of its endpoint and stream is still to be sent,
 * so a receiver gets each conversation's events in order. Runs when the consumer queued
 * deliveries on this node, when a retry falls due here, and from the `webhook-send` job everywhere.
 */
export class WebhookSender {
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly ctx: AppContext) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .then(() => undefined)
      .catch((err) => this.ctx.log.warn({ err }, 'sending webhooks failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.running;
  }

  /** Sends every due delivery (and those its sends made due); returns how many were delivered. */
  async sendDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await this.claim();
      if (!batch.length || this.stopped) break;
      const outcomes = await Promise.all(batch.map((d) => this.send(d.id)));
      delivered += outcomes.filter(Boolean).length;
    }
    await this.scheduleRetry();
    return delivered;
  }

  private claim(): Promise<Claimed[]> {
    return rowsOf<Claimed>(
      this.ctx.db,
      sql`update webhook_deliveries set status = 'sending', attempts = attempts + 1, updated_at = now(),
            lease_until = now() + ${LEASE_MS} * interval '1 millisecond'
          where id in (
            select d.id from webhook_deliveries d
            where ((d.status in ('pending', 'failed') and d.next_attempt_at <= now())
                   or (d.status = 'sending' and d.lease_until < now()))
              and ${headOfStream}
            order by d.seq limit ${BATCH} for update skip locked)
          returning id`,
    );
  }

  /** One try of one claimed delivery; true when the receiver took it. */
  private async send(id: string): Promise<boolean> {
    const { db, config } = this.ctx;
    const [row] = await db
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id));
    if (!row) return false;
    const { delivery, endpoint } = row;
    if (!endpoint.enabled) {
      await this.finish(delivery, {
        status: 'given_up',
        lastError: 'The webhook was switched off before this was delivered.',
      });
      return false;
    }
    const t = Math.floor(Date.now() / 1000);
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date())
      secrets.push(endpoint.previousSecret);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Frontdesk-Webhooks/1',
      'frontdesk-event-id': delivery.eventId,
      'frontdesk-event-type': delivery.eventType,
      'frontdesk-delivery-id': delivery.id,
      'frontdesk-signature': signatureHeader(secrets, t, delivery.body),
    };
    const result = await postWebhook(endpoint.url, headers, delivery.body, {
      timeoutMs: config.webhooks.timeoutMs,
      allowPrivate: config.webhooks.allowPrivate,
    });
    const answered = {
      requestHeaders: headers,
      responseStatus: result.status,
      responseBody: result.body,
      durationMs: result.durationMs,
    };
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      await db.transaction(async (tx) => {
        await tx
          .update(webhookDeliveries)
          .set({
            ...answered,
            status: 'delivered',
            lastError: null,
            deliveredAt: new Date(),
            leaseUntil: null,
            updatedAt: new Date(),
          })
          .where(eq(webhookDeliveries.id, id));
        await tx
          .update(webhookEndpoints)
          .set({ failuresInARow: 0 })
          .where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failuresInARow} > 0`));
      });
      return true;
    }
    const lastError = result.error ?? `The receiver answered ${result.status}; anything but 2xx is tried again.`;
    const { retryBaseMs, retryWindowMs, maxAttempts } = config.webhooks;
    const delay = backoffMs(delivery.attempts, retryBaseMs, MAX_DELAY_MS);
    const windowEnds = delivery.createdAt.getTime() + retryWindowMs;
    if (delivery.attempts >= maxAttempts || Date.now() + delay > windowEnds) {
      await this.giveUp(delivery, endpoint, { ...answered, lastError });
      return false;
    }
    await this.finish(delivery, {
      ...answered,
      status: 'failed',
      lastError,
      nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
    });
    return false;
  }

  private async finish(delivery: WebhookDeliveryRow, set: Partial<Record<keyof WebhookDeliveryRow, unknown>>) {
    await this.ctx.db
      .update(webhookDeliveries)
      .set({ ...set, leaseUntil: null, updatedAt: new Date() } as never)
      .where(eq(webhookDeliveries.id, delivery.id));
  }

  /**
   * No more tries for this delivery. When the endpoint has now given up `disableAfterGiveUps`
   * deliveries in a row it is switched off, its waiting deliveries given up too, and
   * `webhook.disabled` recorded in the same transaction (the mail module tells its admins).
   */
  private async giveUp(
    delivery: WebhookDeliveryRow,
    endpoint: WebhookEndpointRow,
    set: Partial<Record<keyof WebhookDeliveryRow, unknown>> & { lastError: string },
  ): Promise<void> {
    const { disableAfterGiveUps } = this.ctx.config.webhooks;
    await systemContext(this.ctx, 'webhooks').transact(async (tx) => {
      await tx.db
        .update(webhookDeliveries)
        .set({ ...set, status: 'given_up', leaseUntil: null, updatedAt: new Date() } as never)
        .where(eq(webhookDeliveries.id, delivery.id));
      const [counted] = await tx.db
        .update(webhookEndpoints)
        .set({ failuresInARow: sql`${webhookEndpoints.failuresInARow} + 1` })
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning();
      if (!counted?.enabled || counted.failuresInARow < disableAfterGiveUps) return;
      const reason = `Switched off by Frontdesk: ${counted.failuresInARow} deliveries in a row were given up. The last try: ${set.lastError}`;
      await tx.db
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: reason, updatedAt: new Date() })
        .where(eq(webhookEndpoints.id, endpoint.id));
      await tx.db
        .update(webhookDeliveries)
        .set({
          status: 'given_up',
          lastError: 'The webhook was switched off before this was delivered.',
          leaseUntil: null,
          updatedAt: new Date(),
        })
        .where(
          and(eq(webhookDeliveries.endpointId, endpoint.id), inArray(webhookDeliveries.status, ['pending', 'failed'])),
        );
      await tx.record({
        type: 'webhook.disabled',
        orgId: endpoint.orgId,
        stream: `webhook:${endpoint.id}`,
        data: {
          endpointId: endpoint.id,
          url: endpoint.url,
          failures: counted.failuresInARow,
          lastError: set.lastError,
        },
      });
    });
  }

  /** Wakes this node when its next retry falls due (the `webhook-send` job covers the other nodes). */
  private async scheduleRetry(): Promise<void> {
    const wait = await msUntilNextDue(
      this.ctx.db,
      sql`select next_attempt_at from webhook_deliveries d where d.status in ('pending', 'failed') and ${headOfStream}`,
    );
    clearTimeout(this.retryTimer);
    if (wait == null || this.stopped) return;
    this.retryTimer = setTimeout(() => this.wake(), Math.ceil(wait) + 10);
    this.retryTimer.unref();
  }
}
