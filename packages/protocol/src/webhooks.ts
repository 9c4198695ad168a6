import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { type DomainEventType, domainEventTypes } from './domain-events.js';

/** Outgoing webhooks: admins subscribe URLs to domain event types; deliveries are signed (README "Webhooks"). */

export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

/** The domain event types a webhook may subscribe to: every event of the backbone. */
export const WebhookEventType = z.enum(domainEventTypes as [DomainEventType, ...DomainEventType[]]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Declared as a plain `format: uri` (no trimming pipe) so the OpenAPI document says what it takes. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'An address starting with https:// (or http://)' })
  .max(2000, 'At most 2000 characters');

export const WebhookEndpoint = z
  .object({
    id: Id,
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(WebhookEventType),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe('Why Frontdesk switched it off (deliveries kept failing); null when an admin did or it is on'),
    /** Deliveries given up in a row; any delivered one resets it. */
    failuresInARow: z.number().int(),
    secretRotatedAt: IsoDate.nullable(),
    previousSecretExpiresAt: IsoDate.nullable().describe('Until then deliveries are also signed with the old secret'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Shown once, at creation and after a rotation: only the server keeps it afterwards. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().describe('whsec_…: keep it; it is never shown again'),
}).meta({ id: 'WebhookEndpointWithSecret' });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpoint).describe('Oldest first') });
export const WebhookIdParams = z.object({ id: Id });
export const WebhookDeliveryParams = z.object({ id: Id, deliveryId: Id });

const EventTypes = z
  .array(WebhookEventType)
  .min(1, 'Choose at least one event')
  .max(domainEventTypes.length)
  .transform((types) => [...new Set(types)]);

export const CreateWebhookRequest = z.strictObject({
  url: WebhookUrl,
  eventTypes: EventTypes,
  description: z.string().trim().max(200).default(''),
  enabled: z.boolean().default(true),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.strictObject({
  url: WebhookUrl.optional(),
  eventTypes: EventTypes.optional(),
  description: z.string().trim().max(200).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const webhookDeliveryStatuses = ['pending', 'sending', 'delivered', 'failed', 'given_up'] as const;
/**
 * pending: waiting for its turn (an earlier event of its stream) or for its next try; sending: a
 * node is posting it; delivered: the receiver answered 2xx; failed: its last try failed and it is
 * tried again at `nextAttemptAt`; given_up: no 2xx within the retry window (or the endpoint was
 * removed or switched off meanwhile).
 */
export const WebhookDeliveryStatus = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDelivery = z
  .object({
    id: Id,
    endpointId: Id,
    eventId: Id,
    eventType: z.string(),
    stream: z.string(),
    status: WebhookDeliveryStatus,
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    lastError: z.string().nullable().describe('Why the last try failed, in plain words'),
    nextAttemptAt: IsoDate.nullable(),
    replayOf: Id.nullable().describe('The delivery an admin replayed'),
    deliveredAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryDetail = WebhookDelivery.extend({
  requestHeaders: z.record(z.string(), z.string()).nullable().describe('As last sent'),
  requestBody: z.string(),
  responseBody: z.string().nullable().describe('The first 4 KB of the last answer'),
}).meta({ id: 'WebhookDeliveryDetail' });
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery).describe('Newest first') });
export const WebhookDeliveryListQuery = z.object({
  status: WebhookDeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: IsoDate.optional().describe('Deliveries created before this (the last createdAt of the page before)'),
});
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuery>;
