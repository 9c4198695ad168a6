import type { MetricsGroupBy, MetricsReport } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { type MetricsFilter, metricsPath } from './metrics-format';

/** The service-quality dashboard's one call: the metrics report, cut by day, hour, agent or team. */
export const metricsApi = {
  report: (filter: MetricsFilter, groupBy: MetricsGroupBy) => api<MetricsReport>(metricsPath(filter, groupBy)),
};

export const metricsKeys = {
  report: (filter: MetricsFilter, groupBy: MetricsGroupBy) =>
    ['staff', 'metrics', filter.from, filter.to, filter.teamId, filter.agentId, groupBy] as const,
};
