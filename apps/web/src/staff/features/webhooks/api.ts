import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';

export type { WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEndpointWithSecret };

type CreateBody = Omit<CreateWebhookRequest, 'description' | 'enabled'> & { description?: string; enabled?: boolean };

/** The webhooks page's calls (admins). */
export const webhooksApi = {
  list: async () => (await api<{ endpoints: WebhookEndpoint[] }>('/api/v1/webhooks')).endpoints,
  create: (body: CreateBody) => api<WebhookEndpointWithSecret>('/api/v1/webhooks', { method: 'POST', body }),
  update: (endpointId: string, body: UpdateWebhookRequest) =>
    api<WebhookEndpoint>(`/api/v1/webhooks/${id(endpointId)}`, { method: 'PATCH', body }),
  remove: (endpointId: string) => api<void>(`/api/v1/webhooks/${id(endpointId)}`, { method: 'DELETE' }),
  rotate: (endpointId: string) =>
    api<WebhookEndpointWithSecret>(`/api/v1/webhooks/${id(endpointId)}/rotate-secret`, { method: 'POST' }),
  deliveries: async (endpointId: string) =>
    (
      await api<{ deliveries: WebhookDelivery[] }>(
        `/api/v1/webhooks/${id(endpointId)}/deliveries${query({ limit: 100 })}`,
      )
    ).deliveries,
  delivery: (endpointId: string, deliveryId: string) =>
    api<WebhookDeliveryDetail>(`/api/v1/webhooks/${id(endpointId)}/deliveries/${id(deliveryId)}`),
  replay: (endpointId: string, deliveryId: string) =>
    api<WebhookDelivery>(`/api/v1/webhooks/${id(endpointId)}/deliveries/${id(deliveryId)}/replay`, {
      method: 'POST',
    }),
};

export const webhooksKeys = {
  list: ['webhooks'] as const,
  deliveries: (endpointId: string) => ['webhooks', endpointId, 'deliveries'] as const,
  delivery: (endpointId: string, deliveryId: string) => ['webhooks', endpointId, 'deliveries', deliveryId] as const,
};
