import type { PushPayload } from '@frontdesk/protocol';
import { eq, sql } from 'drizzle-orm';
import webpush from 'web-push';
import { pushSubscriptions } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { postWebhook } from '../webhooks/index.js';
import type { PushSubscriptionRow } from './service.js';
import { vapidKeysOf } from './vapid.js';

/** How long a push service keeps a message for a device that is offline: a reply a day late is still news. */
const TTL_SECONDS = 24 * 3600;

export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * Sends one push to one device: the payload encrypted for it (aes128gcm, RFC 8291) and signed with
 * the server's VAPID key (RFC 8292), POSTed through the webhooks' guarded POST — its DNS lookup
 * refuses private addresses unless PUSH_ALLOW_PRIVATE, so an endpoint cannot point the server
 * at its own network. 404 or 410 from the push service: the subscription is gone, deleted.
 */
export async function sendPush(ctx: AppContext, sub: PushSubscriptionRow, payload: PushPayload): Promise<PushOutcome> {
  const vapid = vapidKeysOf(ctx.config);
  let request: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    request = webpush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      JSON.stringify(payload),
      { vapidDetails: vapid, TTL: TTL_SECONDS, urgency: 'high' },
    );
  } catch (err) {
    // keys a browser would never make (the schema checks their length, not the curve): the device is unreachable
    ctx.log.warn({ err, subscription: sub.id }, 'push subscription with unusable keys removed');
    await ctx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
    return 'gone';
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => name.toLowerCase() !== 'content-length')
      .map(([name, value]) => [name, String(value)]),
  );
  const result = await postWebhook(request.endpoint, headers, request.body ?? Buffer.alloc(0), {
    timeoutMs: ctx.config.push.timeoutMs,
    allowPrivate: ctx.config.push.allowPrivate,
  });
  if (result.status !== null && result.status >= 200 && result.status < 300) {
    await ctx.db
      .update(pushSubscriptions)
      .set({ failuresInARow: 0, lastPushedAt: new Date() })
      .where(eq(pushSubscriptions.id, sub.id));
    return 'sent';
  }
  if (result.status === 404 || result.status === 410) {
    await ctx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
    return 'gone';
  }
  ctx.log.warn(
    { subscription: sub.id, status: result.status, error: result.error, body: result.body?.slice(0, 200) },
    'push not accepted by the push service',
  );
  await ctx.db
    .update(pushSubscriptions)
    .set({ failuresInARow: sql`${pushSubscriptions.failuresInARow} + 1` })
    .where(eq(pushSubscriptions.id, sub.id));
  return 'failed';
}
