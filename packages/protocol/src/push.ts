import { z } from 'zod';
import { Id } from './common.js';

/**
 * Web push (README "Push notifications"): a browser's subscription, as `PushSubscription.toJSON()`
 * gives it, sent by staff for their account and by a guest or customer for their replies.
 */

/** Devices one person keeps subscribed; a new one past it replaces their oldest. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_OWNER = 10;

/** `bytes` bytes in base64url (padding allowed): without padding, ceil(bytes * 4 / 3) characters. */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(100)
    .regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}=*$`), `${what}: ${bytes} bytes in base64url`);

/** A push service's address: https only (plain http is allowed with PUSH_ALLOW_PRIVATE, for a local test service). */
export const PushEndpoint = z
  .url({ protocol: /^https?$/, error: 'The push service’s https:// address' })
  .max(2000, 'At most 2000 characters');

export const PushSubscriptionRequest = z
  .strictObject({
    endpoint: PushEndpoint,
    expirationTime: z.number().int().nullable().optional().describe('Ignored: the push service says when it is gone'),
    keys: z.strictObject({
      p256dh: base64url(65, 'keys.p256dh').describe("The device's P-256 public key (uncompressed, 65 bytes)"),
      auth: base64url(16, 'keys.auth').describe('The 16-byte authentication secret'),
    }),
  })
  .meta({ id: 'PushSubscriptionRequest' });
export type PushSubscriptionRequest = z.infer<typeof PushSubscriptionRequest>;

export const PushUnsubscribeRequest = z.strictObject({ endpoint: PushEndpoint }).meta({ id: 'PushUnsubscribeRequest' });
export type PushUnsubscribeRequest = z.infer<typeof PushUnsubscribeRequest>;

export const PushSubscription = z
  .object({ id: Id, endpoint: z.string(), createdAt: z.string() })
  .meta({ id: 'PushSubscription' });
export type PushSubscription = z.infer<typeof PushSubscription>;

export const PushPublicKey = z
  .object({
    publicKey: z
      .string()
      .describe("The server's VAPID public key (base64url): PushManager.subscribe's applicationServerKey"),
  })
  .meta({ id: 'PushPublicKey' });
export type PushPublicKey = z.infer<typeof PushPublicKey>;

/** What a push message carries (encrypted for the device): the service worker shows it as a notification. */
export const PushPayload = z.object({
  title: z.string(),
  body: z.string(),
  /** Where a tap on it opens (a path of this site). */
  url: z.string(),
  /** Notifications with one tag replace each other: one per event, so a push sent twice shows once. */
  tag: z.string(),
  kind: z.enum(['request', 'message', 'mention', 'alert', 'reply']),
});
export type PushPayload = z.infer<typeof PushPayload>;
