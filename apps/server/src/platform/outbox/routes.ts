import { EventConsumerList, EventConsumersQuery } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../api.js';
import { requireStaff } from '../auth.js';
import type { AppContext } from '../context.js';
import { listEventConsumers } from './status.js';

/** What the platform owner sees of the durable event consumers: where each is, what it gave up on. */
export function registerOutboxRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/platform/event-consumers',
    {
      schema: {
        tags: ['platform'],
        security: staffSecurity,
        summary: 'Durable event consumers: retries in progress and parked events with their errors',
        querystring: EventConsumersQuery,
        response: { 200: EventConsumerList, ...errors(401, 403) },
      },
    },
    async (req) => ({ consumers: await listEventConsumers(ctx.db, requireStaff(req), req.query.limit) }),
  );
}
