import {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookDeliveryListQuery,
  WebhookDeliveryParams,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointWithSecret,
  WebhookIdParams,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import {
  presentWebhookDelivery,
  presentWebhookDeliveryDetail,
  presentWebhookEndpoint,
  type WebhookEndpointRow,
} from './present.js';
import {
  createWebhook,
  getWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhooks,
  removeWebhook,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
} from './service.js';
import { webhookSenderOf } from './triggers.js';

const withSecret = (row: WebhookEndpointRow) => ({ ...presentWebhookEndpoint(row), secret: row.secret });

export function registerWebhookRoutes(app: Api, ctx: AppContext): void {
  const tags = ['webhooks'];
  const security = staffSecurity;
  app.addHook('onClose', () => webhookSenderOf(ctx).stop());

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        security,
        summary: 'The organization’s webhooks, oldest first (admins)',
        response: { 200: WebhookEndpointList, ...errors(401, 403) },
      },
    },
    async (req) => ({ endpoints: (await listWebhooks(req.asStaff())).map(presentWebhookEndpoint) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        security,
        summary:
          'Subscribe a URL to event types (admins); the answer holds the signing secret, shown this once. Private addresses are refused unless the operator allows them',
        body: CreateWebhookRequest,
        response: { 201: WebhookEndpointWithSecret, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(withSecret(await createWebhook(req.asStaff(), req.body))),
  );

  app.get(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One webhook (admins)',
        params: WebhookIdParams,
        response: { 200: WebhookEndpoint, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentWebhookEndpoint(await getWebhook(req.asStaff(), req.params.id)),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a webhook’s URL, event types, description, or switch it on or off (admins)',
        params: WebhookIdParams,
        body: UpdateWebhookRequest,
        response: { 200: WebhookEndpoint, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => presentWebhookEndpoint(await updateWebhook(req.asStaff(), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a webhook and its deliveries (admins)',
        params: WebhookIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeWebhook(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        security,
        summary:
          'A new signing secret, shown this once; for 24 hours deliveries carry a signature with the old one too (admins)',
        params: WebhookIdParams,
        response: { 200: WebhookEndpointWithSecret, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => withSecret(await rotateWebhookSecret(req.asStaff(), req.params.id)),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        security,
        summary: 'A webhook’s deliveries, newest first: status, answer, timing, next try (admins)',
        params: WebhookIdParams,
        querystring: WebhookDeliveryListQuery,
        response: { 200: WebhookDeliveryList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      deliveries: (await listWebhookDeliveries(req.asStaff(), req.params.id, req.query)).map(presentWebhookDelivery),
    }),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries/:deliveryId',
    {
      schema: {
        tags,
        security,
        summary: 'One delivery with the request as sent and the answer as received (admins)',
        params: WebhookDeliveryParams,
        response: { 200: WebhookDeliveryDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) =>
      presentWebhookDeliveryDetail(await getWebhookDelivery(req.asStaff(), req.params.id, req.params.deliveryId)),
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      schema: {
        tags,
        security,
        summary: 'Send a delivery’s event again, as a new delivery, at once (admins)',
        params: WebhookDeliveryParams,
        response: { 201: WebhookDelivery, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const row = await replayWebhookDelivery(req.asStaff(), req.params.id, req.params.deliveryId);
      webhookSenderOf(ctx).wake();
      return reply.status(201).send(presentWebhookDelivery(row));
    },
  );
}
