// The webhooks module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';

// the guarded POST, which web push (modules/push) reuses for push services
export { type PostResult, postWebhook } from './post.js';

import { registerWebhookRoutes } from './routes.js';
import { webhookConsumers, webhookJobs } from './triggers.js';

/**
 * Outgoing webhooks: admins subscribe URLs to domain event types; a durable consumer queues one
 * delivery per event and endpoint, and the sender posts them signed, at least once, in order per
 * stream, retried for a day, refusing private addresses unless the operator allows them.
 */
export const webhooks = defineModule({
  name: 'webhooks',
  errorCodes: ['webhook_url_refused', 'too_many_webhooks'],
  routes: registerWebhookRoutes,
  consumers: webhookConsumers,
  jobs: webhookJobs,
});
