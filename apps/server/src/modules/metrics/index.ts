// The metrics module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { metricsConsumers } from './consumer.js';
import { registerMetricsRoutes } from './routes.js';

export { metricsPolicy } from './policy.js';
export { applyMetricsEvents, rebuildMetrics } from './store.js';

/**
 * Service metrics: hourly rollups per organization, team and agent, kept by a durable consumer of
 * the conversation, lead and work-item events (rebuildable from the log), read as reports in the organization's time zone.
 */
export const metrics = defineModule({
  name: 'metrics',
  errorCodes: [],
  routes: registerMetricsRoutes,
  consumers: metricsConsumers,
});
