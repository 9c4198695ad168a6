import type { MetricsGroupBy, MetricsReport, RatedConversationsPage } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { type MetricsFilter, metricsPath, ratingsPath } from './metrics-format';

/** The service-quality dashboard's calls: the metrics report (by day, hour, agent or team) and the rated requests. */
export const metricsApi = {
  report: (filter: MetricsFilter, groupBy: MetricsGroupBy) => api<MetricsReport>(metricsPath(filter, groupBy)),
  ratings: (filter: MetricsFilter, before: string | null) =>
    api<RatedConversationsPage>(ratingsPath(filter, before, RATED_PAGE)),
};

/** Rated requests per page of the list. */
export const RATED_PAGE = 20;

export const metricsKeys = {
  report: (filter: MetricsFilter, groupBy: MetricsGroupBy) =>
    ['staff', 'metrics', filter.from, filter.to, filter.teamId, filter.agentId, !!filter.business, groupBy] as const,
  ratings: (filter: MetricsFilter, before: string | null) =>
    ['staff', 'metrics', 'ratings', filter.from, filter.to, filter.teamId, filter.agentId, before] as const,
};
