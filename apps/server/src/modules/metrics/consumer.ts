import type { AppContext } from '../../platform/context.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import { metricEventTypes } from './fold.js';
import { applyMetricsEvents } from './store.js';

/**
 * Keeps the rollups: every counted event, at least once, from the beginning of the log (so an
 * installation that had events before the module counts them too). A batch is one transaction of a
 * few statements; an event handed over again changes nothing.
 */
export const metricsConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'metrics',
    // a change of the organization's time zone moves its days
    types: [...metricEventTypes, 'organization.updated'],
    startAt: 'beginning',
    async handle(event) {
      await applyMetricsEvents(ctx.db, [event]);
    },
    async handleBatch(events) {
      await applyMetricsEvents(ctx.db, events);
    },
  },
];
