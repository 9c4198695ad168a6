import { PushPublicKey, PushSubscription, PushSubscriptionRequest, PushUnsubscribeRequest } from '@frontdesk/protocol';
import { z } from 'zod';
import { type GuestActor, type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type PushSubscriptionRow, subscribePush, unsubscribePush } from './service.js';
import { vapidKeysOf } from './vapid.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

const present = (row: PushSubscriptionRow): PushSubscription => ({
  id: row.id,
  endpoint: row.endpoint,
  createdAt: row.createdAt.toISOString(),
});

export function registerPushRoutes(app: Api, ctx: AppContext): void {
  const tags = ['push'];
  const limited = async (service: ServiceContext<StaffActor | GuestActor>) => {
    await ctx.limits.push.changesPerOwner.consume(senderKeyOf(service.actor));
    return service;
  };

  app.get(
    '/api/v1/push/public-key',
    {
      schema: {
        tags,
        security: [],
        summary: 'The server’s VAPID public key, which browsers subscribe with (PushManager.subscribe)',
        response: { 200: PushPublicKey },
      },
    },
    async () => ({ publicKey: vapidKeysOf(ctx.config).publicKey }),
  );

  for (const side of ['staff', 'guest'] as const) {
    const base = side === 'staff' ? '/api/v1/me/push-subscriptions' : '/api/v1/guest/push-subscriptions';
    const who =
      side === 'staff'
        ? 'a new request for their teams, a message in their conversation, a mention, an alert'
        : 'the staff’s replies';
    app.post(
      base,
      {
        schema: {
          tags: side === 'staff' ? tags : ['guest', ...tags],
          security: side === 'staff' ? staffSecurity : guestSecurity,
          summary: `Subscribe this device to push notifications (${who}); sending one endpoint again updates it. The endpoint must be a public https address`,
          body: PushSubscriptionRequest,
          response: { 201: PushSubscription, ...errors(400, 401, 403, 410, 422, 429) },
        },
      },
      async (req, reply) => {
        const service = await limited(side === 'staff' ? req.asStaff() : req.asGuest());
        return reply.status(201).send(present(await subscribePush(service, req.body)));
      },
    );
    app.post(
      `${base}/unsubscribe`,
      {
        schema: {
          tags: side === 'staff' ? tags : ['guest', ...tags],
          security: side === 'staff' ? staffSecurity : guestSecurity,
          summary: 'Stop push notifications to this device (its endpoint); another person’s device is not found',
          body: PushUnsubscribeRequest,
          response: { 204: z.undefined(), ...errors(400, 401, 403, 404, 410, 429) },
        },
      },
      async (req, reply) => {
        const service = await limited(side === 'staff' ? req.asStaff() : req.asGuest());
        await unsubscribePush(service, req.body);
        return reply.status(204).send();
      },
    );
  }
}
