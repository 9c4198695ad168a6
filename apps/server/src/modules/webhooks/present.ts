import type { WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEventType } from '@frontdesk/protocol';
import type { webhookDeliveries, webhookEndpoints } from '../../db/schema.js';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failuresInARow: row.failuresInARow,
    secretRotatedAt: iso(row.secretRotatedAt),
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date()
        ? row.previousSecretExpiresAt.toISOString()
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  const waiting = row.status === 'pending' || row.status === 'failed';
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    stream: row.stream,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    lastError: row.lastError,
    nextAttemptAt: waiting ? row.nextAttemptAt.toISOString() : null,
    replayOf: row.replayOf,
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentWebhookDeliveryDetail(row: WebhookDeliveryRow): WebhookDeliveryDetail {
  return {
    ...presentWebhookDelivery(row),
    requestHeaders: row.requestHeaders,
    requestBody: row.body,
    responseBody: row.responseBody,
  };
}
