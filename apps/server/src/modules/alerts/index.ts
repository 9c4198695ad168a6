// The alerts module's public entry: other modules import from here only (npm run lint checks it).

import type { AppContext } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import { systemContext } from '../../platform/service-context.js';
import { AlertLookups, alertCauses, raiseAlerts } from './raise.js';
import { alertListeners } from './realtime.js';
import { registerAlertRoutes } from './routes.js';

const alertConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'alerts',
    types: alertCauses,
    async handle(event) {
      await raiseAlerts(systemContext(ctx, 'alerts', event.id), event);
    },
    // a batch reads each organization's rules and the guests' languages once
    async handleBatch(events) {
      const lookups = new AlertLookups(ctx.db);
      await lookups.prepare(events);
      for (const event of events) await raiseAlerts(systemContext(ctx, 'alerts', event.id), event, lookups);
    },
  },
];

/**
 * Live alerts: a durable consumer reads messages, ratings and SLA breaches, raises alerts by the
 * organization's rules (low rating, alarming word, negative mood, SLA breach) with a cool-down, and
 * records `alert.raised`, which reaches the admins and the duty manager live (realtime.ts) and by
 * e-mail (the mail module). Alerts are listed and acknowledged; admins set the rules.
 */
export const alerts = defineModule({
  name: 'alerts',
  errorCodes: [],
  routes: registerAlertRoutes,
  listeners: alertListeners,
  consumers: alertConsumers,
});

export { findAlertWord, wordsOf } from './words.js';
